import { randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import type { Logger } from 'pino'
import { chromium, type Browser, type Page } from 'playwright-core'
import { printHash, type ExportFormat, type ExportStatus, type PrintOptions, type PrintProgress } from '@cg/contract'
import { ReportDocument } from '@cg/report'
import { reportToDocx, type FigureImage } from '@cg/report/docx'
import { issueInternalViewerToken, revokeInternalViewerToken } from './internalTokens.ts'

export interface ExportJob {
  id: string
  boardId: string
  /** The workshop the export may read (its token opens nothing else). */
  plenaryId: string
  title: string
  status: ExportStatus
  /** Pages rendered so far, of `total` (0 until the board is loaded). */
  done: number
  total: number
  error?: string
  /** The finished file, in the format asked for. */
  file?: { bytes: Uint8Array; format: ExportFormat }
  finishedAt?: number
}

/** How long a finished export waits to be downloaded; how long a render may take at most. */
const KEEP_MS = 10 * 60_000
const RENDER_TIMEOUT_MS = 5 * 60_000
/** Two renders at a time: each is a Chromium tab laying out a whole board. */
const MAX_PARALLEL = 2
/** Exports running or waiting at once on the whole server: beyond that the API answers 429. */
const MAX_ACTIVE = 6
/** Per workshop, so one board cannot take every place: running or waiting, and finished ones kept. */
const MAX_ACTIVE_PER_WORKSHOP = 2
const MAX_KEPT_PER_WORKSHOP = 10
/** Finished exports kept in memory at most; the oldest go first. */
const MAX_KEPT = 60
/** Bounds on what a Word document takes from the print page: pictures, each one (as base64), all together. */
const MAX_FIGURES = 2_000
const MAX_PICTURE_BASE64 = 32 * 1024 * 1024
const MAX_PICTURES_BYTES = 256 * 1024 * 1024
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

/** `step`, unless `deadline` passes first. */
async function beforeDeadline<T>(step: Promise<T>, deadline: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('the board took too long to render')), Math.max(0, deadline - Date.now()))
  })
  try {
    return await Promise.race([step, late])
  } finally {
    clearTimeout(timer)
  }
}

/**
 * Boards and workshop reports as files, rendered by headless Chromium (Debian's, through playwright-core) from the
 * web app's print view: tldraw draws only in a browser. A PDF is Chromium's print of that page (text stays text,
 * fonts embedded, Arabic shaped, tagged for screen readers); a Word document is written here from the report the
 * page composed and the pictures it rendered. Exports run as jobs so a slow board shows progress and can be
 * cancelled.
 */
export class BoardExporter {
  private browser: Promise<Browser> | undefined
  private readonly jobs = new Map<string, ExportJob>()
  private readonly pages = new Map<string, Page>()
  private running = 0
  private readonly waiting: (() => void)[] = []
  private readonly chromiumPath: string
  private readonly baseUrl: () => string
  private readonly log: Logger

  constructor(options: { chromiumPath: string; baseUrl: () => string; log: Logger }) {
    this.chromiumPath = options.chromiumPath
    this.baseUrl = options.baseUrl
    this.log = options.log
  }

  get available(): boolean {
    return existsSync(this.chromiumPath)
  }

  /** Exports running or waiting for a place. */
  get activeJobs(): number {
    let active = 0
    for (const job of this.jobs.values()) if (job.status === 'running') active++
    return active
  }

  /**
   * Whether another export of this workshop may start now: a workshop has at most two running or waiting and
   * ten kept, the server six running, so one board exporting again and again never blocks the others.
   */
  isFullFor(plenaryId: string): boolean {
    this.forgetOld()
    const jobs = [...this.jobs.values()]
    const running = jobs.filter((job) => job.status === 'running')
    const ours = jobs.filter((job) => job.plenaryId === plenaryId)
    return (
      running.length >= MAX_ACTIVE ||
      ours.filter((job) => job.status === 'running').length >= MAX_ACTIVE_PER_WORKSHOP ||
      ours.length >= MAX_KEPT_PER_WORKSHOP
    )
  }

  /**
   * Starts rendering a board the caller was already allowed to read. The print view opens it with a viewer token
   * of this process, made for this job and revoked after it, never with the person's own link.
   */
  start(board: { id: string; title: string; parentId: string | null }, options: PrintOptions): ExportJob {
    this.forgetOld()
    const job: ExportJob = {
      id: randomBytes(16).toString('base64url'),
      boardId: board.id,
      plenaryId: board.parentId ?? board.id,
      title: board.title,
      status: 'running',
      done: 0,
      total: 0,
    }
    this.jobs.set(job.id, job)
    void this.run(job, options)
    return job
  }

  get(id: string): ExportJob | undefined {
    this.forgetOld()
    return this.jobs.get(id)
  }

  cancel(id: string): boolean {
    const job = this.jobs.get(id)
    if (!job || job.status !== 'running') return false
    job.status = 'cancelled'
    job.finishedAt = Date.now()
    void this.pages
      .get(id)
      ?.close()
      .catch(() => {})
    return true
  }

  async close(): Promise<void> {
    for (const id of this.jobs.keys()) this.cancel(id)
    const browser = await this.browser?.catch(() => undefined)
    await browser?.close().catch(() => {})
  }

  private launch(): Promise<Browser> {
    if (!this.browser) {
      const launching = this.launchSandboxed()
      this.browser = launching
      // A failed launch or a crashed browser is not kept: the next export starts a fresh one.
      launching.then(
        (browser) => browser.on('disconnected', () => this.browser === launching && (this.browser = undefined)),
        () => this.browser === launching && (this.browser = undefined),
      )
    }
    return this.browser
  }

  /**
   * Chromium with its sandbox, which keeps a board's content from reaching the server if the renderer is ever
   * exploited. Chromium refuses its sandbox when it runs as root (or where user namespaces are off): then it runs
   * without, and the log says so once (see the README's limits).
   */
  private async launchSandboxed(): Promise<Browser> {
    if (!this.unsandboxed) {
      try {
        return await chromium.launch({ executablePath: this.chromiumPath })
      } catch (error) {
        this.unsandboxed = true
        this.log.warn(
          { err: error, runningAsRoot: process.getuid?.() === 0 },
          'Chromium cannot use its sandbox here; PDF exports render without it',
        )
      }
    }
    return chromium.launch({ executablePath: this.chromiumPath, args: ['--no-sandbox'] })
  }

  private unsandboxed = false

  private async run(job: ExportJob, options: PrintOptions): Promise<void> {
    await this.slot()
    const token = issueInternalViewerToken(job.plenaryId)
    try {
      if (job.status !== 'running') return
      const browser = await this.launch()
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
      const page = await context.newPage()
      this.pages.set(job.id, page)
      try {
        // Every step races the deadline: a page busy with a huge board must not hold a render slot for ever (the
        // page is closed below, which ends whatever it was doing).
        const deadline = Date.now() + RENDER_TIMEOUT_MS
        const inTime = <T>(step: Promise<T>) => beforeDeadline(step, deadline)
        await inTime(
          page.goto(`${this.baseUrl()}/b/${encodeURIComponent(job.boardId)}/print#${printHash(options, token)}`),
        )
        for (;;) {
          if (job.status !== 'running') return
          // Only the progress fields: the report itself is fetched once, bounded, when it is ready.
          const progress = await inTime(
            page.evaluate(() => {
              const print = (globalThis as { __cgPrint?: PrintProgress }).__cgPrint
              return print && { total: print.total, done: print.done, ready: print.ready, error: print.error }
            }),
          )
          if (progress?.error) throw new Error(String(progress.error))
          if (progress) Object.assign(job, { done: Number(progress.done) || 0, total: Number(progress.total) || 0 })
          if (progress?.ready) break
          await new Promise((resolve) => setTimeout(resolve, 200))
        }
        const bytes = await inTime(
          options.format === 'docx'
            ? this.wordDocument(page, options)
            : page.pdf({ preferCSSPageSize: true, printBackground: true }),
        )
        if (job.status !== 'running') return
        job.file = { bytes, format: options.format }
        job.status = 'done'
      } finally {
        this.pages.delete(job.id)
        await context.close().catch(() => {})
      }
    } catch (error) {
      if (job.status === 'running') {
        job.status = 'failed'
        // Errors can quote the page's address, which holds the job's token: keep only their first line, no URLs.
        const message = (error instanceof Error ? error.message : String(error)).split('\n')[0]!
        job.error = message.replace(/https?:\/\/\S+/g, '<url>').slice(0, 300)
        this.log.error({ board: job.boardId, format: options.format, error: job.error }, 'export failed')
      }
    } finally {
      revokeInternalViewerToken(token)
      job.finishedAt ??= Date.now()
      this.release()
    }
  }

  /**
   * The report the print page composed, as DOCX, with its pictures. What the page hands over is checked like any
   * input: the document's size before it is parsed, its schema, and only the pictures its blocks name, each a PNG
   * of bounded size, fetched one at a time.
   */
  private async wordDocument(page: Page, options: PrintOptions): Promise<Uint8Array> {
    const json = await page.evaluate(() => {
      const print = (globalThis as { __cgPrint?: { document?: unknown } }).__cgPrint
      const text = JSON.stringify(print?.document ?? null)
      return text.length <= 64 * 1024 * 1024 ? text : null
    })
    if (json === null || typeof json !== 'string') throw new Error('the report is too large to write')
    const report = ReportDocument.safeParse(JSON.parse(json))
    if (!report.success)
      throw new Error(`the print view gave no valid report (${report.error.issues[0]?.path.join('.')})`)
    const figureIds = [
      ...new Set(report.data.blocks.flatMap((block) => (block.kind === 'figure' ? [block.figureId] : []))),
    ]
    if (figureIds.length > MAX_FIGURES) throw new Error(`the report has more than ${MAX_FIGURES} pictures`)
    const images = new Map<string, FigureImage>()
    let total = 0
    for (const id of figureIds) {
      const image = await page.evaluate(
        async ({ figureId, maxChars }) => {
          const made = await (
            globalThis as {
              __cgFigurePng?: (id: string) => Promise<{ base64: string; width: number; height: number } | null>
            }
          ).__cgFigurePng?.(figureId)
          return made && made.base64.length <= maxChars ? made : null
        },
        { figureId: id, maxChars: MAX_PICTURE_BASE64 },
      )
      if (!image || typeof image.base64 !== 'string') continue
      const png = Buffer.from(image.base64, 'base64')
      total += png.length
      if (total > MAX_PICTURES_BYTES) throw new Error('the report’s pictures are too large to write')
      if (!png.subarray(0, 8).equals(PNG_SIGNATURE)) continue
      images.set(id, { png, width: Number(image.width), height: Number(image.height) })
    }
    return reportToDocx(report.data, images, options)
  }

  private slot(): Promise<void> {
    if (this.running < MAX_PARALLEL) {
      this.running++
      return Promise.resolve()
    }
    return new Promise((resolve) => this.waiting.push(() => resolve()))
  }

  private release(): void {
    const next = this.waiting.shift()
    if (next) next()
    else this.running--
  }

  private forgetOld(): void {
    const now = Date.now()
    for (const [id, job] of this.jobs) if (job.finishedAt && now - job.finishedAt > KEEP_MS) this.jobs.delete(id)
    // Memory stays bounded: past the cap, the longest-finished go first (running ones are bounded apart).
    const finished = [...this.jobs.values()]
      .filter((job) => job.finishedAt)
      .sort((a, b) => a.finishedAt! - b.finishedAt!)
    while (this.jobs.size > MAX_KEPT && finished.length > 0) this.jobs.delete(finished.shift()!.id)
  }
}
