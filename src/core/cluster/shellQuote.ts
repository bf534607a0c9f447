// Words for the POSIX shell scripts the cluster commands write: a path or a name is one word
// whatever it holds (spaces, quotes, $), so a script never runs what a file name says.

/** `it's` -> `'it'\''s'`; plain words (letters, digits, / . _ - = : , +) stay as they are. */
export function shellQuote(word: string): string {
  if (/^[A-Za-z0-9/._=:,+-]+$/.test(word)) return word;
  return `'${word.replaceAll("'", `'\\''`)}'`;
}

export function shellCommand(words: readonly string[]): string {
  return words.map(shellQuote).join(' ');
}
