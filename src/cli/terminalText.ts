// What the CLI prints comes partly from files and folders (experiment names, paths, messages
// quoting config values). Printed raw, their control characters would drive the terminal: an
// ESC sequence can recolour, retitle or clear it, a carriage return overwrite the line, bidi
// overrides reorder what is read. So every character that is not shown as itself is printed
// escaped, as \uXXXX: readable, and still valid inside the JSON that --events json prints.

/** Controls except newline and tab, format characters (bidi, zero-width), line and paragraph separators, lone surrogates. */
const NOT_SHOWN_AS_ITSELF = /(?![\n\t])[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/gu;

/** `text` with every character that is not shown as itself replaced by its \uXXXX escape (per UTF-16 unit, as JSON writes it). */
export function terminalText(text: string): string {
  return text.replace(NOT_SHOWN_AS_ITSELF, (character) =>
    Array.from({ length: character.length }, (_, index) => `\\u${character.charCodeAt(index).toString(16).padStart(4, '0')}`).join(''),
  );
}
