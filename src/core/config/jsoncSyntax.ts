// Reading JSON with comments and trailing commas into a tree with offsets, and the
// structural problems of that text: the first syntax error and duplicate property names.
import { createScanner, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import type { ExperimentProblem } from './experimentProblem';
import { formatJsonPath, type JsonPath } from './jsonPath';
import type { LineIndex } from './textLocator';

const SYNTAX_MESSAGES: Record<string, string> = {
  InvalidNumberFormat: 'is not a valid number',
  PropertyNameExpected: 'expected a property name in double quotes',
  ValueExpected: 'expected a value',
  ColonExpected: 'expected ":" after the property name',
  CommaExpected: 'expected "," between items, or a closing bracket',
  CloseBraceExpected: 'expected "}" to close the object',
  CloseBracketExpected: 'expected "]" to close the list',
  EndOfFileExpected: 'expected the end of the file after the top-level object',
  InvalidCommentToken: 'invalid comment',
  UnexpectedEndOfComment: 'unterminated comment; expected "*/"',
  UnexpectedEndOfString: 'unterminated string; expected a closing double quote',
  UnexpectedEndOfNumber: 'incomplete number',
  InvalidUnicode: 'invalid \\u escape; expected four hex digits',
  InvalidEscapeCharacter: 'invalid escape in string',
  InvalidCharacter: 'invalid character in string; control characters must be escaped',
};

function syntaxMessage(error: ParseError, text: string): string {
  const found = text.slice(error.offset, error.offset + error.length);
  const code = printParseErrorCode(error.error);
  if (code === 'InvalidSymbol') {
    const bareWord = /^[A-Za-z_]\w*$/.test(found) ? '; property names and text values need double quotes' : '';
    return `syntax error: unexpected ${JSON.stringify(found)}${bareWord}`;
  }
  if (code === 'InvalidNumberFormat') return `syntax error: ${JSON.stringify(found)} ${SYNTAX_MESSAGES[code]}`;
  const foundText = found.trim() === '' ? '' : ` (found ${JSON.stringify(found)})`;
  return `syntax error: ${SYNTAX_MESSAGES[code] ?? code}${foundText}`;
}

export type JsoncParse = { root: Node; problems: [] } | { root?: undefined; problems: ExperimentProblem[] };

/**
 * Parses JSON with comments and trailing commas. On malformed text only the first syntax error
 * is reported: the ones after it are mostly the parser's own cascade.
 */
export function parseJsonc(text: string, lines: LineIndex): JsoncParse {
  const tooDeep = nestingProblem(text, lines);
  if (tooDeep) return { problems: [tooDeep] };
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  const onlyTrivia = root === undefined && errors.length === 1 && printParseErrorCode(errors[0].error) === 'ValueExpected';
  if (errors.length > 0 && !onlyTrivia) {
    const first = errors[0];
    return { problems: [lines.problemAt(first.offset, first.length, '', syntaxMessage(first, text), 'error')] };
  }
  if (root === undefined) {
    return { problems: [lines.problemAt(0, 0, '', 'the file is empty; expected an object like { "kind": "teacher-student" }', 'error')] };
  }
  return { root, problems: [] };
}

/**
 * Experiment files nest a few levels; the readers after the parser walk the tree recursively,
 * and thousands of levels would overflow their stack. Checked first, on the tokens (the scanner
 * does not recurse): the first bracket past the limit is the problem.
 */
export const MAX_NESTING = 64;

function nestingProblem(text: string, lines: LineIndex): ExperimentProblem | undefined {
  const scanner = createScanner(text, false);
  let depth = 0;
  // A token's first character tells brackets apart from strings (a quote), comments and the rest;
  // the end of the text is the token at offset text.length.
  for (scanner.scan(); scanner.getTokenOffset() < text.length; scanner.scan()) {
    const first = text[scanner.getTokenOffset()];
    if (first === '{' || first === '[') {
      if (++depth > MAX_NESTING) {
        const message = `nested more than ${MAX_NESTING} levels deep; experiment files nest a few levels (expected at most ${MAX_NESTING})`;
        return lines.problemAt(scanner.getTokenOffset(), 1, '', message, 'error');
      }
    } else if (first === '}' || first === ']') depth--;
  }
  return undefined;
}

/** A property given twice in one object: JSON keeps only the last, which is rarely what was meant. */
export function duplicatePropertyProblems(root: Node, lines: LineIndex): ExperimentProblem[] {
  const problems: ExperimentProblem[] = [];
  const visit = (node: Node, path: JsonPath): void => {
    if (node.type === 'object') {
      const firstLine = new Map<string, number>();
      for (const property of node.children ?? []) {
        const [key, value] = property.children ?? [];
        if (key === undefined) continue;
        const name = String(key.value);
        const earlier = firstLine.get(name);
        if (earlier === undefined) firstLine.set(name, lines.position(key.offset).line);
        else {
          const message = `duplicate property ${JSON.stringify(name)} (first on line ${earlier}); expected each property once`;
          problems.push(lines.problemAt(key.offset, key.length, formatJsonPath([...path, name]), message, 'error'));
        }
        if (value !== undefined) visit(value, [...path, name]);
      }
    } else if (node.type === 'array') {
      (node.children ?? []).forEach((element, index) => visit(element, [...path, index]));
    }
  };
  visit(root, []);
  return problems;
}
