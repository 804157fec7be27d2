import Papa from 'papaparse'
import { readFileSync } from 'node:fs'
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { csvToLogframe, logframeToCsv } from './csv.ts'
import { LOGFRAME_LABELS } from './labels.ts'
import { columnLetter, COLUMNS, emptyCells, type Logframe } from './logframe.ts'
import { describeProblem } from './tableRows.ts'
import { logframeToXlsx, xlsxToLogframe } from './xlsx.ts'

const sectors = JSON.parse(readFileSync(new URL('../../../templates/sectors.json', import.meta.url), 'utf8')) as {
  sectors: { id: string; names: Record<string, string> }[]
}
const SECTORS = (sectors.sectors ?? (sectors as unknown as { id: string; names: Record<string, string> }[])).map(
  (s) => ({
    id: s.id,
    names: s.names,
  }),
)

const cells = (narrative: string, more: Partial<Record<(typeof COLUMNS)[number], string>> = {}) => ({
  ...emptyCells(),
  narrative,
  ...more,
})

const LOGFRAME: Logframe = {
  title: 'Joint programme, Cox’s Bazar',
  rows: [
    { level: 'goal', sector: 'joint', cells: cells('Children grow up safe, healthy and learning') },
    {
      level: 'outcome',
      sector: 'joint',
      cells: cells('Adolescents stay in school and protected', {
        indicators: '% girls enrolled\n% boys enrolled',
        baseline: '42%',
        target: '60%',
      }),
    },
    {
      level: 'output',
      sector: 'child-protection',
      cells: cells('Case management, "safe" spaces; referrals', { assumptions: 'Access stays open' }),
    },
    { level: 'output', sector: 'education', cells: cells('كل طفل في المدرسة', { verification: 'EMIS' }) },
    { level: 'activity', sector: null, cells: cells('Train 40 caseworkers') },
  ],
}

describe('logframe files', () => {
  it('keeps the template’s column names, so a file reads like the board', () => {
    const strings = JSON.parse(
      readFileSync(new URL('../../../templates/logframe/strings.json', import.meta.url), 'utf8'),
    )
    for (const language of ['en', 'fr', 'es', 'ar'] as const) {
      for (const column of COLUMNS)
        expect(LOGFRAME_LABELS[language].columns[column]).toBe(strings[language][`col.${column}`])
      expect(LOGFRAME_LABELS[language].level).toBe(strings[language].corner)
    }
  })

  it.each(['en', 'fr', 'es', 'ar'] as const)('round-trips through XLSX written in %s', async (language) => {
    const bytes = await logframeToXlsx(LOGFRAME, language, SECTORS)
    const back = await xlsxToLogframe(bytes, { sectors: SECTORS, title: 'untitled' })
    expect(back).toEqual({ ok: true, logframe: LOGFRAME })
  })

  it('writes a workbook that prints: title merged, header repeated, wrapping, merged levels, landscape', async () => {
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load((await logframeToXlsx(LOGFRAME, 'ar', SECTORS)) as unknown as ArrayBuffer)
    const sheet = workbook.worksheets[0]!
    expect(sheet.getCell('A1').isMerged && sheet.getCell('H1').isMerged).toBe(true)
    expect(sheet.getCell('A5').master.address).toBe('A5')
    expect(sheet.getCell('A6').master.address).toBe('A5') // the two outputs share one level cell
    expect(sheet.getCell('D4').alignment?.wrapText).toBe(true)
    expect(sheet.pageSetup).toMatchObject({ orientation: 'landscape', fitToWidth: 1, printTitlesRow: '2:2' })
    expect(sheet.views[0]?.rightToLeft).toBe(true)
    expect(sheet.getCell('B5').value).toBe('حماية الطفل')
  })

  it.each(['en', 'fr', 'es', 'ar'] as const)('round-trips through CSV written in %s', (language) => {
    const text = logframeToCsv(LOGFRAME, language, SECTORS)
    expect(text.startsWith('\uFEFF')).toBe(true)
    const back = csvToLogframe(text, { sectors: SECTORS, title: LOGFRAME.title })
    expect(back).toEqual({ ok: true, logframe: LOGFRAME })
  })

  it('never writes a cell a spreadsheet would run as a formula, and reads such cells back as they were', () => {
    const risky: Logframe = {
      title: 'T',
      rows: [
        { level: 'goal', sector: null, cells: cells('=HYPERLINK("http://evil")', { baseline: '-5%', target: '+10' }) },
      ],
    }
    const text = logframeToCsv(risky, 'en', SECTORS)
    expect(text).toContain(`"'=HYPERLINK(""http://evil"")"`)
    expect(text).toContain("'-5%")
    expect(csvToLogframe(text, { sectors: SECTORS, title: 'T' })).toEqual({ ok: true, logframe: risky })
  })

  it('guards every line of a cell of several notes, the formula on its first line included', () => {
    const formula = '=HYPERLINK("http://evil.example/?x","Open the annex")'
    const risky: Logframe = {
      title: 'T',
      rows: [
        {
          level: 'goal',
          sector: null,
          cells: cells(`${formula}\nSecond note`, { indicators: `Children enrolled\n@SUM(A1:A9)\n-cmd|' /C calc'!A0` }),
        },
      ],
    }
    const text = logframeToCsv(risky, 'en', SECTORS)
    const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, '')).data.flat()
    // No line of any cell, as a spreadsheet reads the file, starts like a formula.
    const lines = parsed.flatMap((cell) => cell.split('\n'))
    expect(lines.filter((line) => /^[=+\-@\t\r]/.test(line))).toEqual([])
    expect(parsed.some((cell) => cell.startsWith(`'${formula}\nSecond note`))).toBe(true)
    expect(csvToLogframe(text, { sectors: SECTORS, title: 'T' })).toEqual({ ok: true, logframe: risky })
  })

  it('reads a hand-made CSV with semicolons, sector ids and level ids', () => {
    const text = 'level;sector;narrative summary\ngoal;;Safe children\noutput;health;Clinics\n'
    const back = csvToLogframe(text, { sectors: SECTORS, title: 'T' })
    expect(back.ok && back.logframe.rows.map((row) => [row.level, row.sector, row.cells.narrative])).toEqual([
      ['goal', null, 'Safe children'],
      ['output', 'health', 'Clinics'],
    ])
  })

  it('names the row and column of every fault, and returns nothing', () => {
    const text = [
      'Level,Sector,Narrative summary',
      'Goal,,Safe children',
      'Impact,,Something',
      'Output,,No sector',
      'Output,Astrology,Unknown sector',
      ',,',
      'Outcome,Joint (all sectors),Fine',
    ].join('\n')
    const back = csvToLogframe(text, { sectors: SECTORS, title: 'T' })
    expect(back.ok).toBe(false)
    if (back.ok) return
    expect(back.problems.map(describeProblem)).toEqual([
      'Row 3, column A: “Impact” is not a level (Goal, Outcome, Output or Activity).',
      'Row 4, column B: An output needs a sector.',
      'Row 5, column B: “Astrology” is not a known sector.',
    ])
  })

  it('refuses files that are not logframes, clearly', async () => {
    const noHeader = csvToLogframe('Name,Age\nAmina,12\n', { sectors: SECTORS, title: 'T' })
    expect(!noHeader.ok && describeProblem(noHeader.problems[0]!)).toMatch(/^Row 1: No header row/)
    const unclosed = csvToLogframe('Level,Narrative summary\nGoal,"never closed\n', { sectors: SECTORS, title: 'T' })
    expect(!unclosed.ok && describeProblem(unclosed.problems[0]!)).toMatch(/quoted cell is never closed/)
    const notExcel = await xlsxToLogframe(new TextEncoder().encode('Level,Narrative'), { sectors: SECTORS, title: 'T' })
    expect(!notExcel.ok && notExcel.problems[0]!.message).toMatch(/not an Excel workbook/)
    const full = await logframeToXlsx(LOGFRAME, 'en', SECTORS)
    const truncated = await xlsxToLogframe(full.slice(0, full.length / 2), { sectors: SECTORS, title: 'T' })
    expect(truncated.ok).toBe(false)
    const empty = csvToLogframe('Level,Narrative summary\n', { sectors: SECTORS, title: 'T' })
    expect(!empty.ok && empty.problems[0]!.message).toMatch(/no rows/)
  })

  it('names columns like a spreadsheet', () => {
    expect([0, 1, 25, 26, 27, 701, 702].map(columnLetter)).toEqual(['A', 'B', 'Z', 'AA', 'AB', 'ZZ', 'AAA'])
  })
})
