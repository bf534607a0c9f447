// The experiment's name as the trainer will use it for its run folder: the file's "name" field,
// else the file name without .lth.json. Read tolerantly (JSON with comments, even a file with
// errors elsewhere) because the CodeLens and the panel need it for invalid files too.
import { parse, type ParseError } from 'jsonc-parser';
import { experimentNameFromFileName } from '../core/config/resolveExperiment';

export function experimentNameOf(text: string, fileName: string): string {
  const errors: ParseError[] = [];
  const document: unknown = parse(text, errors, { allowTrailingComma: true, disallowComments: false });
  if (typeof document === 'object' && document !== null && !Array.isArray(document)) {
    const name = (document as Record<string, unknown>).name;
    if (typeof name === 'string' && name.trim() !== '') return name;
  }
  return experimentNameFromFileName(fileName);
}
