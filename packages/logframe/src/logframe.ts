/**
 * A logframe as a table, the conventional layout donors expect: one row per level (goal, outcome, output,
 * activity), the sector of each output, and six columns. Cells are plain text; several notes in one cell
 * become several lines.
 */
export const LEVELS = ['goal', 'outcome', 'output', 'activity'] as const
export type Level = (typeof LEVELS)[number]

export const COLUMNS = ['narrative', 'indicators', 'baseline', 'target', 'verification', 'assumptions'] as const
export type Column = (typeof COLUMNS)[number]

export interface LogframeRow {
  level: Level
  /** A sector id (see templates/sectors.json); required for outputs, optional elsewhere. */
  sector: string | null
  cells: Record<Column, string>
}

export interface Logframe {
  title: string
  rows: LogframeRow[]
}

export interface SectorName {
  id: string
  names: Record<string, string>
}

/** What went wrong, and where: rows and columns as a spreadsheet shows them (row 1, column A). */
export interface LogframeProblem {
  /** For a translated message: what went wrong, with `value` the text at fault if any. */
  code:
    | 'no-header'
    | 'no-narrative-column'
    | 'bad-level'
    | 'empty-level'
    | 'unknown-sector'
    | 'output-without-sector'
    | 'no-rows'
    | 'unclosed-quote'
    | 'not-xlsx'
    | 'no-sheet'
  value?: string
  row?: number
  column?: string
  /** The same in English, for logs and tools. */
  message: string
}

export type LogframeParse = { ok: true; logframe: Logframe } | { ok: false; problems: LogframeProblem[] }

export const emptyCells = (): Record<Column, string> =>
  Object.fromEntries(COLUMNS.map((column) => [column, ''])) as Record<Column, string>

/** Spreadsheet column letters: 0 → A, 25 → Z, 26 → AA. */
export function columnLetter(index: number): string {
  let letters = ''
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26))
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters
  return letters
}
