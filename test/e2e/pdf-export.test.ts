import { execFileSync } from 'node:child_process'
import { statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { bearer, createBoard } from '../support/boards.ts'
import { makeTempDir } from '../support/tempDir.ts'
import { addStickyNote, enterName, joinBoard } from './support/boardPage.ts'
import { e2eSkipReason, openWatchedPage } from './support/browser.ts'
import { useE2eEnvironment } from './support/e2eEnvironment.ts'
import { exportedFile, pdfText } from './support/exports.ts'
import { en } from '../../apps/web/src/i18n/messages.ts'

const skip = e2eSkipReason()
describe.skipIf(skip)('PDF export in Chromium', () => {
  const env = useE2eEnvironment('cg-e2e-pdf-')

  const exportedPdf = (started: Response) => exportedFile(env.server.url, started)

  it('downloads a vector PDF: one page per frame titled with its name, every note as text, Arabic included', async () => {
    const board = await createBoard(env.server.url, 'Risk mapping')
    const { page, errors } = await openWatchedPage(env.browser)
    await page.goto(env.server.url + board.links.editor)
    await enterName(page, 'Lina')
    await page.getByRole('button', { name: 'Templates' }).click()
    await page.getByRole('button', { name: 'Insert Vision statement and values' }).click()
    await addStickyNote(page, 'Every child learns safely', { x: 400, y: 520 })
    await addStickyNote(page, 'كل طفل في المدرسة', { x: 700, y: 520 })
    // Text written together lives beside the records; the export must still show it.
    await page.getByRole('textbox', { name: 'Our shared vision statement' }).fill('By 2030 every child is safe')

    // PNG and SVG come from tldraw's own export, in the same menu.
    await page.getByTestId('main-menu.button').click()
    await page.getByTestId('main-menu-sub.export-all-as-button').click()
    const pngDownload = page.waitForEvent('download')
    await page.getByTestId('main-menu.export-all-as-png').click()
    expect((await pngDownload).suggestedFilename()).toMatch(/\.png$/)

    await page.getByTestId('main-menu.button').click()
    await page.getByRole('menuitem', { name: 'Export PDF…' }).click()
    await page.getByLabel('Paper').selectOption('a4')
    const downloading = page.waitForEvent('download', { timeout: 60_000 })
    await page.getByRole('button', { name: 'Export PDF', exact: true }).click()
    const download = await downloading
    expect(download.suggestedFilename()).toBe('Risk-mapping.pdf')
    const file = join(makeTempDir('cg-e2e-pdf-file-'), 'board.pdf')
    await download.saveAs(file)
    await page.getByText(en.pdfReady).waitFor()

    const info = execFileSync('pdfinfo', [file]).toString()
    // The overview, then the template's one frame.
    expect(info).toMatch(/Pages:\s+2\b/)
    expect(info).toMatch(/Page size:\s+841\.\d+ x 59\d\.\d+ pts \(A4\)/)
    expect(pdfText(file, 1).trim().split('\n')[0]!.trim()).toBe('Risk mapping')
    expect(pdfText(file, 2).trim().split('\n')[0]!.trim()).toBe('Vision statement and values')
    const text = pdfText(file, 2)
    // A note's text may wrap onto several lines: compare words.
    expect(text.replace(/\s+/g, ' ')).toMatch(/Every child learns safely|Every child .*learns safely/)
    expect(text).toMatch(/كل طفل في/)
    expect(text).toContain('Where do we want to be in five years?')
    // Once: tldraw's label outline is not printed as more copies of the text.
    expect(text.split('Where do we want to be in five years?')).toHaveLength(2)
    expect(text.replace(/\s+/g, ' ')).toContain('By 2030 every child is safe')
    // Drawn, not blank: the page renders to an image with content.
    const png = join(makeTempDir('cg-e2e-pdf-png-'), 'page')
    execFileSync('pdftoppm', ['-f', '2', '-l', '2', '-r', '40', '-png', file, png])
    expect(statSync(`${png}-2.png`).size).toBeGreaterThan(5_000)
    expect(errors).toEqual([])
  })

  it('shows progress, can be cancelled, and refuses a viewer’s request without a valid link', async () => {
    const board = await createBoard(env.server.url, 'Cancel me')
    const refused = await fetch(`${env.server.url}/api/boards/${board.id}/exports`, {
      method: 'POST',
      headers: { ...bearer('x'.repeat(43)), 'content-type': 'application/json' },
      body: '{}',
    })
    expect(refused.status).toBe(401)
    const started = await fetch(`${env.server.url}/api/boards/${board.id}/exports`, {
      method: 'POST',
      headers: { ...bearer(board.tokens.viewer), 'content-type': 'application/json' },
      body: '{"paper":"letter","orientation":"portrait","overview":true}',
    })
    expect(started.status).toBe(202)
    const { id } = (await started.json()) as { id: string }
    expect((await fetch(`${env.server.url}/api/exports/${id}`, { method: 'DELETE' })).status).toBe(204)
    const status = (await (await fetch(`${env.server.url}/api/exports/${id}`)).json()) as { status: string }
    expect(status.status).toBe('cancelled')
    expect((await fetch(`${env.server.url}/api/exports/${id}/file`)).status).toBe(404)
  })

  it('prints template scaffold laid out in English in the requester’s language', async () => {
    const board = await createBoard(env.server.url, 'Vision en français')
    const { page, errors } = await openWatchedPage(env.browser)
    await joinBoard(page, env.server.url + board.links.facilitator, 'Fatima')
    await page.getByRole('button', { name: 'Templates' }).click()
    await page.getByRole('button', { name: 'Insert Vision statement and values' }).click()
    await page.locator('.tl-frame-heading', { hasText: 'Vision statement and values' }).waitFor()
    const file = await exportedPdf(
      await fetch(`${env.server.url}/api/boards/${board.id}/exports`, {
        method: 'POST',
        headers: { ...bearer(board.tokens.facilitator), 'content-type': 'application/json' },
        body: JSON.stringify({ lang: 'fr' }),
      }),
    )
    const frame = pdfText(file, 2)
    expect(frame.trim().split('\n')[0]!.trim()).toBe('Vision et valeurs')
    expect(frame).toContain('Où voulons-nous être dans cinq ans ?')
    expect(frame).not.toContain('Where do we want to be in five years?')
    expect(errors).toEqual([])
  })
})
