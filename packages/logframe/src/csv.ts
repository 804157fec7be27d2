import Papa from 'papaparse'
import type { Logframe, LogframeParse, SectorName } from './logframe.ts'
import { neutralizeFormulas, restoreFormulas } from './formulaGuard.ts'
import { logframeToRows, rowsToLogframe } from './tableRows.ts'
import type { LanguageCode } from '@cg/contract'

/** The logframe as CSV (RFC 4180, UTF-8 with a byte order mark so Excel reads accents and Arabic right). */
export function logframeToCsv(logframe: Logframe, language: LanguageCode, sectors: readonly SectorName[]): string {
  const { header, rows } = logframeToRows(logframe, language, sectors)
  // Every line that starts like a formula gets a ' before it, so a spreadsheet never runs it.
  const safe = [header, ...rows].map((row) => row.map(neutralizeFormulas))
  return `\uFEFF${Papa.unparse(safe, { newline: '\r\n' })}\r\n`
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
  // Undo the export's formula guard: a ' before a line that starts like a formula was added by us.
  const cells = parsed.data.map((row) => row.map(restoreFormulas))
  return rowsToLogframe(cells, options)
}
