import { execFileSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { strFromU8, unzipSync } from 'fflate'
import { withoutIsolates } from '@cg/report'
import { chromium } from 'playwright-core'
import { bearer, createBoard } from '../support/boards.ts'
import { makeTempDir, removeTempDir } from '../support/tempDir.ts'
import { connectSyncedClient } from '../support/yClient.ts'
import { NOTES_PER_FRAME, writeNoteBoard } from './noteBoard.ts'
import { startOurServer, stop } from './servers.ts'

export interface PdfResult {
  notes: number
  frames: number
  pages: number | null
  exportMs: number
  /** The workshop report of the same board (document and annex), as PDF and as DOCX. */
  reportPdfMs: number
  reportDocxMs: number
  /** Reference: headless Chromium opening the same board until its canvas shows. */
  openBoardMs: number
  problems: string[]
}

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

/** A board of `notes` notes in frames of 100, written through a real client, then exported to PDF. */
export async function measurePdf(notes: number): Promise<PdfResult> {
  const dataDir = makeTempDir('cg-bench-pdf-')
  const problems: string[] = []
  const server = await startOurServer(dataDir)
  try {
    const board = await createBoard(server.url, `Bench ${notes} notes`)
    const client = await connectSyncedClient(server.url, board.id, board.tokens.editor)
    const frames = Math.ceil(notes / NOTES_PER_FRAME)
    writeNoteBoard(client.doc, notes)
    await new Promise((resolve) => setTimeout(resolve, 1_000))
    client.destroy()

    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] })
    let openBoardMs = NaN
    try {
      const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage()
      await page.goto(`${server.url}/`)
      await page.evaluate(() =>
        localStorage.setItem('cg.identity', JSON.stringify({ id: 'user:bench', name: 'Bench', color: '#1f77b4' })),
      )
      const opened = performance.now()
      await page.goto(server.url + board.links.viewer)
      await page.locator('.tl-shape[data-shape-type="note"]').first().waitFor({ timeout: 120_000 })
      openBoardMs = performance.now() - opened
    } finally {
      await browser.close()
    }

    /** Starts an export, waits for it: how long it took, and the file (undefined if it failed). */
    const exportOnce = async (options: object) => {
      const started = performance.now()
      const response = await fetch(`${server.url}/api/boards/${board.id}/exports`, {
        method: 'POST',
        headers: { ...bearer(board.tokens.viewer), 'content-type': 'application/json' },
        body: JSON.stringify(options),
      })
      const { id } = (await response.json()) as { id: string }
      let status = { status: 'running' }
      while (status.status === 'running') {
        await new Promise((resolve) => setTimeout(resolve, 200))
        status = (await (await fetch(`${server.url}/api/exports/${id}`)).json()) as typeof status
      }
      const ms = performance.now() - started
      if (status.status !== 'done') {
        problems.push(`export ${JSON.stringify(options)} ${status.status}`)
        return { ms, file: undefined }
      }
      return { ms, file: Buffer.from(await (await fetch(`${server.url}/api/exports/${id}/file`)).arrayBuffer()) }
    }
    const lastIdea = `Idea ${frames - 1}.${notes - (frames - 1) * NOTES_PER_FRAME - 1}`
    const boardPdf = await exportOnce({ overview: false })
    let pages: number | null = null
    if (boardPdf.file) {
      const file = `${dataDir}/bench.pdf`
      writeFileSync(file, boardPdf.file)
      try {
        pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file]).toString())?.[1])
        const text = execFileSync('pdftotext', [file, '-']).toString()
        if (!text.includes('Idea 0.0') || !text.includes(lastIdea))
          problems.push('some note texts are missing from the PDF')
      } catch {
        problems.push('pdfinfo/pdftotext not installed: page count not checked')
      }
      if (pages !== null && pages !== frames) problems.push(`${pages} pages for ${frames} frames`)
    }
    const reportPdf = await exportOnce({ report: true })
    const reportDocx = await exportOnce({ report: true, format: 'docx' })
    if (reportDocx.file) {
      // The words as a reader meets them: without the marks that isolate people's words (see @cg/report).
      const xml = withoutIsolates(strFromU8(unzipSync(new Uint8Array(reportDocx.file))['word/document.xml']!))
      if (!xml.includes(`>${lastIdea}<`)) problems.push('some note texts are missing from the DOCX')
    }
    const exportMs = boardPdf.ms
    const reportPdfMs = reportPdf.ms
    const reportDocxMs = reportDocx.ms
    return { notes, frames, pages, exportMs, reportPdfMs, reportDocxMs, openBoardMs, problems }
  } finally {
    await stop(server)
    removeTempDir(dataDir)
  }
}
