/*
 * CSV as RFC 4180 has it, for spreadsheets: every cell quoted (a quote inside doubled), rows ended by CRLF, and a
 * byte order mark first, without which Excel reads UTF-8 as the machine's legacy code page and Arabic names turn
 * to mojibake. A cell a spreadsheet would take for a formula (= + - @, a tab or a carriage return first: the
 * OWASP list) starts with an apostrophe instead, so a name someone typed cannot run anything when it is opened.
 */

export const BYTE_ORDER_MARK = '\uFEFF'

const FORMULA_START = /^[=+\-@\t\r]/

/** One cell, neutralised against formulas, quoted. */
export function csvCell(value: string | null): string {
  const text = value ?? ''
  const safe = FORMULA_START.test(text) ? `'${text}` : text
  return `"${safe.replaceAll('"', '""')}"`
}

/** A whole file: the byte order mark, the header row, then one row per record. */
export function toCsv(header: readonly string[], rows: Iterable<readonly (string | null)[]>): string {
  const lines = [header.map(csvCell).join(',')]
  for (const row of rows) lines.push(row.map(csvCell).join(','))
  return `${BYTE_ORDER_MARK}${lines.join('\r\n')}\r\n`
}
