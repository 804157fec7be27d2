import Papa from 'papaparse'
import type { LogframeLanguage } from './labels.ts'
import type { Logframe, LogframeParse, SectorName } from './logframe.ts'
import { logframeToRows, rowsToLogframe } from './tableRows.ts'

/** The logframe as CSV (RFC 4180, UTF-8 with a byte order mark so Excel reads accents and Arabic right). */
export function logframeToCsv(logframe: Logframe, language: LogframeLanguage, sectors: readonly SectorName[]): string {
  const { header, rows } = logframeToRows(logframe, language, sectors)
  return `\uFEFF${Papa.unparse([header, ...rows], { newline: '\r\n' })}\r\n`
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
  return rowsToLogframe(parsed.data, options)
}
