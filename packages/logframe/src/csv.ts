import Papa from 'papaparse'
import type { Logframe, LogframeParse, SectorName } from './logframe.ts'
import { logframeToRows, rowsToLogframe } from './tableRows.ts'
import type { LanguageCode } from '@cg/contract'

/** The logframe as CSV (RFC 4180, UTF-8 with a byte order mark so Excel reads accents and Arabic right). */
export function logframeToCsv(logframe: Logframe, language: LanguageCode, sectors: readonly SectorName[]): string {
  const { header, rows } = logframeToRows(logframe, language, sectors)
  // Cells starting with = + - @ are prefixed with ' so a spreadsheet never runs them as formulas.
  return `\uFEFF${Papa.unparse([header, ...rows], { newline: '\r\n', escapeFormulae: true })}\r\n`
}

/** Reads a CSV logframe (comma, semicolon or tab separated); problems name the row and column at fault. */
export function csvToLogframe(text: string, options: { sectors: readonly SectorName[]; title: string }): LogframeParse {
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: false })
  const broken = parsed.errors.find((error) => error.type === 'Quotes')
  if (broken) {
    return {
      ok: false,
      problems: [{ code: 'unclosed-quote', row: (broken.row ?? 0) + 1, message: 'A quoted cell is never closed.' }],
    }
  }
  // Undo the export's formula guard: a leading ' before = + - @ (or a tab or return) was added by us.
  const cells = parsed.data.map((row) => row.map((cell) => cell.replace(/^'(?=[=+\-@\t\r])/, '')))
  return rowsToLogframe(cells, options)
}
