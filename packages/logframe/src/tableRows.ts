import { LOGFRAME_LABELS } from './labels.ts'
import {
  COLUMNS,
  LEVELS,
  columnLetter,
  emptyCells,
  type Column,
  type Level,
  type Logframe,
  type LogframeParse,
  type LogframeProblem,
  type LogframeRow,
  type SectorName,
} from './logframe.ts'
import type { LanguageCode } from '@cg/contract'

const LANGUAGES = Object.keys(LOGFRAME_LABELS) as LanguageCode[]
const normalise = (text: string) => text.normalize('NFC').trim().toLowerCase().replace(/\s+/g, ' ')

/** The header row and the data rows of a logframe, in one language, as plain strings (for XLSX and CSV). */
export function logframeToRows(logframe: Logframe, language: LanguageCode, sectors: readonly SectorName[]) {
  const labels = LOGFRAME_LABELS[language]
  const header = [labels.level, labels.sector, ...COLUMNS.map((column) => labels.columns[column])]
  const sectorName = (id: string | null) =>
    id === null ? '' : (sectors.find((sector) => sector.id === id)?.names[language] ?? id)
  const rows = logframe.rows.map((row) => [
    labels.levels[row.level],
    sectorName(row.sector),
    ...COLUMNS.map((column) => row.cells[column]),
  ])
  return { header, rows }
}

/** Finds which column holds what, from a header row in any of the four languages. */
function readHeader(header: readonly string[]): Map<'level' | 'sector' | Column, number> | null {
  const found = new Map<'level' | 'sector' | Column, number>()
  header.forEach((text, index) => {
    const cell = normalise(text)
    for (const language of LANGUAGES) {
      const labels = LOGFRAME_LABELS[language]
      if (cell === normalise(labels.level)) found.set('level', index)
      if (cell === normalise(labels.sector)) found.set('sector', index)
      for (const column of COLUMNS) if (cell === normalise(labels.columns[column])) found.set(column, index)
    }
  })
  return found.has('level') ? found : null
}

function levelOf(text: string): Level | undefined {
  const cell = normalise(text)
  for (const level of LEVELS) {
    if (cell === level) return level
    if (LANGUAGES.some((language) => normalise(LOGFRAME_LABELS[language].levels[level]) === cell)) return level
  }
  return undefined
}

function sectorOf(text: string, sectors: readonly SectorName[]): string | null | undefined {
  const cell = normalise(text)
  if (!cell) return null
  return sectors.find(
    (sector) => normalise(sector.id) === cell || Object.values(sector.names).some((name) => normalise(name) === cell),
  )?.id
}

/**
 * Reads rows of strings (a sheet or a CSV) as a logframe. The header row is the first of `headerSearch` rows that
 * has a Level column; every problem names its row and column as the file shows them, and any problem means
 * nothing is returned.
 */
export function rowsToLogframe(
  cells: readonly (readonly string[])[],
  options: { sectors: readonly SectorName[]; title: string; headerSearch?: number; firstRowNumber?: number },
): LogframeParse {
  const firstRowNumber = options.firstRowNumber ?? 1
  const headerIndex = cells.slice(0, options.headerSearch ?? 1).findIndex((row) => readHeader(row) !== null)
  if (headerIndex < 0) {
    const expected = LOGFRAME_LABELS.en
    return {
      ok: false,
      problems: [
        {
          code: 'no-header',
          row: firstRowNumber,
          message: `No header row: expected columns “${expected.level}”, “${expected.sector}”, “${expected.columns.narrative}”… (in English, French, Spanish or Arabic).`,
        },
      ],
    }
  }
  const columns = readHeader(cells[headerIndex]!)!
  const problems: LogframeProblem[] = []
  if (!columns.has('narrative')) {
    problems.push({
      code: 'no-narrative-column',
      row: firstRowNumber + headerIndex,
      message: `Missing the “${LOGFRAME_LABELS.en.columns.narrative}” column.`,
    })
  }
  const rows: LogframeRow[] = []
  const at = (row: readonly string[], key: 'level' | 'sector' | Column) => {
    const index = columns.get(key)
    return index === undefined ? '' : (row[index] ?? '').trim()
  }
  cells.slice(headerIndex + 1).forEach((row, offset) => {
    const rowNumber = firstRowNumber + headerIndex + 1 + offset
    if (row.every((cell) => cell.trim() === '')) return
    const levelText = at(row, 'level')
    const level = levelOf(levelText)
    const levelColumn = columnLetter(columns.get('level')!)
    if (!level) {
      problems.push({
        code: levelText ? 'bad-level' : 'empty-level',
        value: levelText,
        row: rowNumber,
        column: levelColumn,
        message: levelText
          ? `“${levelText}” is not a level (Goal, Outcome, Output or Activity).`
          : 'The level is empty (Goal, Outcome, Output or Activity).',
      })
      return
    }
    const sectorText = at(row, 'sector')
    const sector = sectorOf(sectorText, options.sectors)
    const sectorColumn = columns.has('sector') ? columnLetter(columns.get('sector')!) : undefined
    if (sector === undefined) {
      problems.push({
        code: 'unknown-sector',
        value: sectorText,
        row: rowNumber,
        column: sectorColumn,
        message: `“${sectorText}” is not a known sector.`,
      })
      return
    }
    if (level === 'output' && sector === null) {
      problems.push({
        code: 'output-without-sector',
        row: rowNumber,
        column: sectorColumn,
        message: 'An output needs a sector.',
      })
      return
    }
    const rowCells = emptyCells()
    for (const column of COLUMNS) rowCells[column] = at(row, column)
    rows.push({ level, sector, cells: rowCells })
  })
  if (rows.length === 0 && problems.length === 0) {
    problems.push({ code: 'no-rows', row: firstRowNumber + headerIndex + 1, message: 'The logframe has no rows.' })
  }
  return problems.length > 0
    ? { ok: false, problems: problems.slice(0, 20) }
    : { ok: true, logframe: { title: options.title, rows } }
}

/** One line for a person: "Row 5, column A: …". */
export function describeProblem(problem: LogframeProblem): string {
  const place = [
    problem.row !== undefined ? `Row ${problem.row}` : '',
    problem.column ? `column ${problem.column}` : '',
  ]
    .filter(Boolean)
    .join(', ')
  return place ? `${place}: ${problem.message}` : problem.message
}
