// The tool's version as recorded in run manifests and printed by `lth --version`. The bundler
// inlines the one field, so this works in dist/ where package.json is not beside the code.
import { version } from '../../../package.json';

export const TOOL_VERSION: string = version;
