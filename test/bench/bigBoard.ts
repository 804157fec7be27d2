/**
 * Big boards in Chromium: how long a participant waits for the first note of a board of 1, 1,000 and 4,000 notes
 * (frames of 100), each opened in a fresh browser profile (nothing cached), the sizes interleaved so each run
 * meets the machine in the same state; and how smoothly 100 selected notes drag on the biggest. The reference is
 * the one-note board, measured in the same run. With `traceDir`, Chromium's performance trace of the biggest
 * board's last opening is saved there (open it in chrome://tracing or DevTools' Performance panel).
 */
import { extname, join, normalize } from 'node:path'
import { setTimeout as delay } from 'node:timers/promises'
import type { Browser, Page } from 'playwright-core'
import { existsSync, readFileSync, statSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { fileURLToPath } from 'node:url'
import react from '@vitejs/plugin-react'
import { build } from 'vite'
import * as Y from 'yjs'
import { getRecordsKeyValue, readDocRecords } from '@cg/tldraw-yjs'
import { launchChromium } from '../e2e/support/browser.ts'
import { createBoard, type CreatedBoard } from '../support/boards.ts'
import { makeTempDir, removeTempDir } from '../support/tempDir.ts'
import { waitUntil } from '../support/waitUntil.ts'
import { connectSyncedClient } from '../support/yClient.ts'
import { writeNoteBoard } from './noteBoard.ts'
import { startOurServer, stop, type OurServer } from './servers.ts'

const NOTE = '.tl-shape[data-shape-type="note"]'
const CONNECTED = '.cg-connection[data-status="connected"]'
const IDENTITY = JSON.stringify({ id: 'user:bench', name: 'Bench', color: '#1f77b4' })

export interface BigBoardParams {
  sizes: number[]
  runs: number
  traceDir?: string
  /** Whether to drag the first frame's hundred notes on the biggest board. */
  drag: boolean
}

export interface OpenResult {
  notes: number
  /** ms from navigation start to the first note on screen, one per run. */
  firstNoteMs: number[]
  /** ms from navigation start until the whole board is on the canvas and editable (the badge says connected). */
  wholeBoardMs: number[]
}

export interface DragResult {
  /** Notes that moved, as another client reads the board after the drag. */
  notes: number
  boardNotes: number
  /** Frames the page drew per second while the selection moved, the same without its longest frame, and that. */
  fps: number
  steadyFps: number
  longestFrameMs: number
}

export interface BigBoardResult {
  opens: OpenResult[]
  drag: DragResult | null
  /** The same drag on tldraw alone, with the same board (`notes`: not read back there). */
  dragAlone: DragResult | null
  traceFile: string | null
}

/** A board of `notes` notes, stored on `server` (read back by a second client before it counts as there). */
async function seedBoard(server: OurServer, notes: number): Promise<CreatedBoard> {
  const board = await createBoard(server.url, `${notes} notes`)
  const writer = await connectSyncedClient(server.url, board.id, board.tokens.editor)
  writeNoteBoard(writer.doc, notes)
  const reader = await connectSyncedClient(server.url, board.id, board.tokens.viewer)
  const count = () => getRecordsKeyValue(reader.doc).map.size
  await waitUntil(`the server holds the ${notes}-note board`, () => count() >= notes, { timeoutMs: 60_000 })
  writer.destroy()
  reader.destroy()
  return board
}

/** Opens a board link in a fresh profile; ms to the first note. */
async function openOnce(browser: Browser, server: OurServer, board: CreatedBoard, trace?: string) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
  await context.addInitScript(`localStorage.setItem('cg.identity', ${JSON.stringify(IDENTITY)})`)
  const page = await context.newPage()
  if (trace) await browser.startTracing(page, { path: trace, screenshots: true })
  const started = performance.now()
  await page.goto(server.url + board.links.editor, { waitUntil: 'commit' })
  await page.locator(NOTE).first().waitFor({ timeout: 120_000 })
  const ms = performance.now() - started
  await page.locator(CONNECTED).waitFor({ timeout: 120_000 })
  const wholeMs = performance.now() - started
  if (trace) await browser.stopTracing()
  return { ms, wholeMs, page, close: () => context.close() }
}

/**
 * Selects the hundred notes of the first frame as a person would (a click on one, then select-all, which selects
 * within the frame) and drags them for two seconds with the mouse, counting the frames the page draws meanwhile.
 */
async function dragFrameNotes(page: Page): Promise<{ fps: number; steadyFps: number; longestFrameMs: number }> {
  // The note tool shows once the editor is editable (a read-only editor selects, but does not move anything).
  await page.getByTestId('tools.note').waitFor()
  const first = page.locator('[data-shape-id="shape:n0x0"]')
  await first.click()
  await page.keyboard.press('ControlOrMeta+a')
  // A pause, as a person makes: a second press on a note within the double-click time edits its text instead.
  await delay(800)
  const box = (await first.boundingBox())!
  // Grabbed by its lower corner, away from its text (a press on the text of a selected note edits it).
  const x = box.x + 25
  const y = box.y + box.height - 25
  // Counted in the page: every animation frame's time, for as long as the drag lasts.
  await page.evaluate(`(() => {
    const frames = (globalThis.__frames = [])
    const tick = (time) => {
      frames.push(time)
      if (frames.length < 100000) requestAnimationFrame(tick)
    }
    requestAnimationFrame(tick)
  })()`)
  await page.mouse.move(x, y)
  await page.mouse.down()
  const steps = 120
  for (let i = 1; i <= steps; i++) {
    await page.mouse.move(x + (i / steps) * 300, y + (i / steps) * 150)
    await delay(16)
  }
  await page.mouse.up()
  const after = (await first.boundingBox())!
  if (Math.abs(after.x - box.x - 300) > 5)
    throw new Error(`the notes did not follow the drag (moved ${after.x - box.x} px)`)
  const frames = (await page.evaluate('globalThis.__frames')) as number[]
  const gaps = frames.slice(1).map((time, i) => time - frames[i]!)
  const spanMs = frames.at(-1)! - frames[0]!
  const longestFrameMs = Math.max(...gaps)
  return {
    fps: ((frames.length - 1) / spanMs) * 1000,
    // Once the drag is under way: without its one long first frame (tldraw working out where notes may snap).
    steadyFps: ((gaps.length - 1) / (spanMs - longestFrameMs)) * 1000,
    longestFrameMs,
  }
}

/** Notes no longer where writeNoteBoard put them, as a fresh client reads the board once the drag is stored. */
async function movedNotes(server: OurServer, board: CreatedBoard): Promise<number> {
  await delay(1_000)
  const reader = await connectSyncedClient(server.url, board.id, board.tokens.viewer)
  let moved = 0
  for (const [id, record] of getRecordsKeyValue(reader.doc).map) {
    const match = /^shape:n(\d+)x(\d+)$/.exec(id)
    if (!match) continue
    const n = Number(match[2])
    const { x, y } = record.val as { x: number; y: number }
    if (x !== 20 + (n % 10) * 215 || y !== 20 + Math.floor(n / 10) * 215) moved++
  }
  reader.destroy()
  return moved
}

/** Serves the reference page's build and the board's records on a free loopback port. */
async function serveTldrawAlone(dir: string, records: unknown[]): Promise<{ url: string; close(): Promise<void> }> {
  const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' }
  const body = JSON.stringify(records)
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname
    if (path === '/records.json') return void response.writeHead(200, { 'content-type': 'application/json' }).end(body)
    const file = join(dir, path === '/' ? 'index.html' : normalize(path).replace(/^(\.\.[/\\])+/, ''))
    if (!file.startsWith(dir) || !existsSync(file) || !statSync(file).isFile())
      return void response.writeHead(404).end()
    response.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' })
    response.end(readFileSync(file))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) }
}

/**
 * The same drag on tldraw alone (`tldrawAlone/`: tldraw's own shapes and UI, no sync, no code of ours) holding the
 * same board: what the board costs tldraw itself, for comparison.
 */
async function dragOnTldrawAlone(browser: Browser, notes: number): Promise<DragResult> {
  const outDir = makeTempDir('cg-bench-tldraw-alone-')
  try {
    await build({
      root: fileURLToPath(new URL('./tldrawAlone', import.meta.url)),
      plugins: [react()],
      logLevel: 'error',
      build: { outDir, emptyOutDir: true, target: 'es2022' },
    })
    const doc = new Y.Doc()
    writeNoteBoard(doc, notes)
    const served = await serveTldrawAlone(outDir, [...readDocRecords(doc).values()])
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
    try {
      const page = await context.newPage()
      await page.goto(served.url)
      await page.locator('[data-shape-id="shape:n0x0"]').waitFor({ timeout: 120_000 })
      return { boardNotes: notes, notes: NaN, ...(await dragFrameNotes(page)) }
    } finally {
      await context.close()
      await served.close()
    }
  } finally {
    removeTempDir(outDir)
  }
}

export async function measureBigBoard(params: BigBoardParams): Promise<BigBoardResult> {
  const dataDir = makeTempDir('cg-bench-big-')
  const server = await startOurServer(dataDir)
  const browser = await launchChromium()
  try {
    const boards = new Map<number, CreatedBoard>()
    for (const notes of params.sizes) boards.set(notes, await seedBoard(server, notes))
    const opens = params.sizes.map((notes): OpenResult => ({ notes, firstNoteMs: [], wholeBoardMs: [] }))
    const biggest = Math.max(...params.sizes)
    let traceFile: string | null = null
    for (let run = 0; run < params.runs; run++) {
      for (const result of opens) {
        const trace =
          params.traceDir && result.notes === biggest && run === params.runs - 1
            ? join(params.traceDir, `open-${biggest}-notes.json`)
            : undefined
        const opened = await openOnce(browser, server, boards.get(result.notes)!, trace)
        result.firstNoteMs.push(opened.ms)
        result.wholeBoardMs.push(opened.wholeMs)
        if (trace) traceFile = trace
        await opened.close()
      }
    }
    let drag: DragResult | null = null
    let dragAlone: DragResult | null = null
    if (params.drag) {
      const opened = await openOnce(browser, server, boards.get(biggest)!)
      const measured = await dragFrameNotes(opened.page)
      drag = { boardNotes: biggest, notes: await movedNotes(server, boards.get(biggest)!), ...measured }
      await opened.close()
      dragAlone = await dragOnTldrawAlone(browser, biggest)
    }
    return { opens, drag, dragAlone, traceFile }
  } finally {
    await browser.close()
    await stop(server)
    removeTempDir(dataDir)
  }
}
