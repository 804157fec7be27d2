import { execFileSync, spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { createBoard } from '../support/boards.ts'
import { makeTempDir } from '../support/tempDir.ts'
import { addStickyNote, enterName } from './support/boardPage.ts'
import { e2eSkipReason, openWatchedPage } from './support/browser.ts'
import { useE2eEnvironment } from './support/e2eEnvironment.ts'
import { docxParagraphs } from './support/exports.ts'
import { ar } from '../../apps/web/src/i18n/messages.ts'

const skip = e2eSkipReason()
const CLI = fileURLToPath(new URL('../../apps/server/src/exports/exportCli.ts', import.meta.url))
/** `npm run export -- <args>`, as the operator runs it: its exit status and what it printed. */
const exportCli = (args: string[]) =>
  spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 120_000 })

describe.skipIf(skip)('npm run export: the report as PDF or DOCX without a browser open', () => {
  const env = useE2eEnvironment('cg-e2e-cli-')

  it('writes the workshop report of a board from the data directory, while the server keeps running', async () => {
    const board = await createBoard(env.server.url, 'Field office workshop')
    const { page } = await openWatchedPage(env.browser)
    await page.goto(env.server.url + board.links.editor)
    await enterName(page, 'Lina')
    await addStickyNote(page, 'Water points near schools', { x: 640, y: 400 })
    await new Promise((resolve) => setTimeout(resolve, 500))
    await page.close()

    const out = join(makeTempDir('cg-e2e-cli-out-'), 'report.pdf')
    const run = exportCli([`--board=${board.id}`, '--out', out, '--data-dir', env.dataDir, '--lang', 'fr'])
    expect(run.status, run.stderr).toBe(0)
    expect(run.stdout).toContain(`Wrote ${out}`)
    const text = execFileSync('pdftotext', ['-layout', out, '-']).toString()
    expect(text).toContain('Rapport d’atelier')
    expect(text).toContain('Water points')
    // The running server was not disturbed.
    expect((await fetch(`${env.server.url}/healthz`)).status).toBe(200)

    // The format follows the file name: a Word document, in Arabic, right to left.
    const docx = join(makeTempDir('cg-e2e-cli-out-'), 'report.docx')
    const word = exportCli([`--board=${board.id}`, '--out', docx, '--data-dir', env.dataDir, '--lang', 'ar'])
    expect(word.status, word.stderr).toBe(0)
    const { paragraphs, xml } = docxParagraphs(readFileSync(docx))
    expect(paragraphs).toContain(ar.reportTitle)
    expect(paragraphs.filter((line) => line.includes('Water points near schools'))).toHaveLength(1)
    expect(xml).toContain('<w:bidi/>')
    const boardOnly = exportCli([`--board=${board.id}`, '--out', docx, '--board-only', '--data-dir', env.dataDir])
    expect(boardOnly.status).toBe(2)
    expect(boardOnly.stderr).toContain('Word document is made of the workshop report only')

    const missing = exportCli(['--board', 'A'.repeat(22), '--out', out, '--data-dir', env.dataDir])
    expect(missing.status).toBe(1)
    expect(missing.stderr).toContain(`No board ${'A'.repeat(22)}`)
  })
})
