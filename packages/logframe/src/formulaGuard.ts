/**
 * Text that a spreadsheet would run as a formula when it opens a CSV: a line starting with = + - @, a tab or a
 * carriage return (OWASP's list). A cell of several notes holds several lines, and a spreadsheet that splits
 * them, or a person who pastes one, meets each line as the start of a cell: every line counts, not only the
 * first (papaparse's own guard looks at the first line only, and let a second note's formula through).
 */
const FORMULA_LINE = /^[=+\-@\t\r]/

/** Every formula-like line of `text` with a `'` before it, the sign spreadsheets read as "this is text". */
export function neutralizeFormulas(text: string): string {
  return text
    .split('\n')
    .map((line) => (FORMULA_LINE.test(line) ? `'${line}` : line))
    .join('\n')
}

/** The text `neutralizeFormulas` was given: the `'` it put before formula-like lines taken away again. */
export function restoreFormulas(text: string): string {
  return text
    .split('\n')
    .map((line) => (line.startsWith("'") && FORMULA_LINE.test(line.slice(1)) ? line.slice(1) : line))
    .join('\n')
}
