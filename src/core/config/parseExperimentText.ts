// Text of an *.lth.json -> validated, resolved experiment, or the problems that stop it. The
// stages run in order and stop at the first that has errors: syntax, duplicate keys, the kind,
// the kind's schema, then the name and the kind's semantic checks. Warnings (semantic only)
// accompany a valid result.
import { getNodeValue } from 'jsonc-parser';
import type { ResolvedExperiment } from '../../shared/runManifest';
import { familyOf } from '../families/registry';
import { hasErrors, type ExperimentProblem } from './experimentProblem';
import { experimentNameIssues } from './experimentName';
import { duplicatePropertyProblems, parseJsonc } from './jsoncSyntax';
import { resolveExperiment } from './resolveExperiment';
import { kindIssues, schemaIssues } from './schemaProblems';
import { LineIndex, locateIssue } from './textLocator';

/** An experiment file as written (schema-valid for its kind). */
export type ExperimentFileContent = { kind: string; $schema?: string; name?: string; description?: string } & Record<string, unknown>;

export type ExperimentParseResult =
  /** Valid: `problems` holds warnings only. */
  | { ok: true; experiment: ResolvedExperiment; file: ExperimentFileContent; problems: ExperimentProblem[] }
  /** Invalid: `problems` holds at least one error, all found by the first `stage` that had any. */
  | { ok: false; stage: ValidationStage; problems: ExperimentProblem[] };

/** The checks in the order they run: JSON syntax (duplicate keys included), the kind, its schema, the semantics. */
export type ValidationStage = 'syntax' | 'kind' | 'schema' | 'semantics';

function byPosition(a: ExperimentProblem, b: ExperimentProblem): number {
  return a.line - b.line || a.column - b.column;
}

function failed(stage: ValidationStage, problems: ExperimentProblem[]): ExperimentParseResult {
  return { ok: false, stage, problems: problems.sort(byPosition) };
}

/** Parses, validates and resolves the text of an experiment file; `fileName` gives the default name. */
export function parseExperimentText(text: string, fileName: string): ExperimentParseResult {
  // A byte-order mark becomes a space so that offsets (and columns) stay those of the text.
  const source = text.charCodeAt(0) === 0xfeff ? ` ${text.slice(1)}` : text;
  const lines = new LineIndex(source);
  const parsed = parseJsonc(source, lines);
  if (parsed.root === undefined) return failed('syntax', parsed.problems);
  const root = parsed.root;
  const duplicates = duplicatePropertyProblems(root, lines);
  if (duplicates.length > 0) return failed('syntax', duplicates);

  const document: unknown = getNodeValue(root);
  const kindProblems = kindIssues(document).map((issue) => locateIssue(root, lines, issue));
  if (hasErrors(kindProblems)) return failed('kind', kindProblems);
  const family = familyOf((document as { kind: string }).kind);
  const schemaProblems = schemaIssues(family.schema, document).map((issue) => locateIssue(root, lines, issue));
  if (hasErrors(schemaProblems)) return failed('schema', schemaProblems);

  const file = document as ExperimentFileContent;
  // The name is checked here, for every kind: it becomes the folder of the runs.
  const problems = [...experimentNameIssues(file), ...family.semanticIssues(file)]
    .map((issue) => locateIssue(root, lines, issue))
    .sort(byPosition);
  if (hasErrors(problems)) return failed('semantics', problems);
  return { ok: true, experiment: resolveExperiment(file, fileName), file, problems };
}
