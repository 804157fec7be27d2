import ExcelJS from 'exceljs'
import { COLUMNS, type Logframe, type LogframeParse, type SectorName } from './logframe.ts'
import { logframeToRows, rowsToLogframe } from './tableRows.ts'
import { textDirection, type LanguageCode } from '@cg/contract'

const WIDTHS = [16, 20, 40, 32, 20, 20, 30, 32]
const THIN = { style: 'thin' as const, color: { argb: 'FF9FA8B2' } }
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN }

/**
 * The logframe as an Excel workbook that prints: a title across the top, a bold header repeated on every printed
 * page, wrapped text, borders, the level merged down consecutive rows of the same level, landscape and fitted to
 * the page width, right to left in Arabic.
 */
export async function logframeToXlsx(
  logframe: Logframe,
  language: LanguageCode,
  sectors: readonly SectorName[],
): Promise<Uint8Array> {
  const { header, rows } = logframeToRows(logframe, language, sectors)
  const workbook = new ExcelJS.Workbook()
  workbook.creator = 'Common Ground'
  const sheet = workbook.addWorksheet('Logframe', {
    views: [{ rightToLeft: textDirection(language) === 'rtl', state: 'frozen', ySplit: 2 }],
    pageSetup: { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, paperSize: 9 },
  })
  sheet.pageSetup.printTitlesRow = '2:2'
  sheet.columns = WIDTHS.map((width) => ({ width }))

  sheet.addRow([logframe.title])
  sheet.mergeCells(1, 1, 1, header.length)
  sheet.getRow(1).font = { bold: true, size: 14 }
  sheet.getRow(1).height = 24

  const headerRow = sheet.addRow(header)
  headerRow.eachCell((cell) => {
    cell.font = { bold: true }
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDCEBFB' } }
    cell.alignment = { wrapText: true, vertical: 'middle' }
    cell.border = BORDER
  })
  for (const values of rows) {
    const row = sheet.addRow(values)
    for (let column = 1; column <= header.length; column++) {
      const cell = row.getCell(column)
      cell.alignment = { wrapText: true, vertical: 'top' }
      cell.border = BORDER
      if (column === 1) cell.font = { bold: true }
    }
  }
  // Merge the level down runs of the same level (several outputs read as one block, as donors lay them out).
  let start = 0
  for (let index = 1; index <= logframe.rows.length; index++) {
    const same = index < logframe.rows.length && logframe.rows[index]!.level === logframe.rows[start]!.level
    if (same) continue
    if (index - start > 1) sheet.mergeCells(3 + start, 1, 3 + index - 1, 1)
    start = index
  }
  return new Uint8Array(await workbook.xlsx.writeBuffer())
}

/** What a cell shows, as text (numbers, dates, rich text and formulas' results included). */
function textOf(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return ''
  if (value instanceof Date) return value.toISOString().slice(0, 10)
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((run) => run.text).join('')
    if ('text' in value) return String(value.text)
    if ('result' in value) return textOf(value.result as ExcelJS.CellValue)
    return ''
  }
  return String(value)
}

/** Reads the first sheet of a workbook as a logframe; problems name the row and column at fault. */
export async function xlsxToLogframe(
  bytes: Uint8Array,
  options: { sectors: readonly SectorName[]; title: string },
): Promise<LogframeParse> {
  const workbook = new ExcelJS.Workbook()
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer)
  } catch {
    return {
      ok: false,
      problems: [{ code: 'not-xlsx', message: 'This is not an Excel workbook (.xlsx), or the file is damaged.' }],
    }
  }
  const sheet = workbook.worksheets[0]
  if (!sheet) return { ok: false, problems: [{ code: 'no-sheet', message: 'The workbook has no sheet.' }] }
  const cells: string[][] = []
  const width = Math.max(sheet.columnCount, 2 + COLUMNS.length)
  for (let rowNumber = 1; rowNumber <= sheet.rowCount; rowNumber++) {
    const row = sheet.getRow(rowNumber)
    cells.push(Array.from({ length: width }, (_, index) => textOf(row.getCell(index + 1).value)))
  }
  // The title, if any, is the one text of the first row (merged across, every cell of it reads the same).
  const parsed = rowsToLogframe(cells, { ...options, headerSearch: 5 })
  if (!parsed.ok) return parsed
  const firstRow = new Set((cells[0] ?? []).map((cell) => cell.trim()).filter(Boolean))
  const title = firstRow.size === 1 && parsed.logframe.rows.length > 0 ? [...firstRow][0]! : options.title
  return { ok: true, logframe: { ...parsed.logframe, title } }
}
