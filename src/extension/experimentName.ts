// The experiment's name as the trainer will use it for its run folder (experimentNameOf: the
// file's own "name", else the file name). Read tolerantly (JSON with comments, even a file with
// errors elsewhere) because the CodeLens and the panel need it for invalid files too; a name
// that cannot be a folder name is refused where the runs are looked up (experimentRunsFolder).
import { parse, type ParseError } from 'jsonc-parser';
import { experimentNameOf as nameOfDocument } from '../core/config/experimentName';

export function experimentNameOf(text: string, fileName: string): string {
  const errors: ParseError[] = [];
  return nameOfDocument(parse(text, errors, { allowTrailingComma: true, disallowComments: false }), fileName);
}
