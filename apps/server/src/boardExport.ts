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

/** What the print page hands over for a Word document: the report's blocks and each annex picture as PNG. */
interface PrintedReport {
  document: unknown
  figureIds: string[]
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
        await page.goto(`${this.baseUrl()}/b/${encodeURIComponent(job.boardId)}/print#${printHash(options, token)}`)
        const deadline = Date.now() + RENDER_TIMEOUT_MS
        for (;;) {
          if (job.status !== 'running') return
          const progress = (await page.evaluate(() => (globalThis as { __cgPrint?: unknown }).__cgPrint)) as
            PrintProgress | undefined
          if (progress?.error) throw new Error(progress.error)
          if (progress) Object.assign(job, { done: progress.done, total: progress.total })
          if (progress?.ready) break
          if (Date.now() > deadline) throw new Error('the board took too long to render')
          await new Promise((resolve) => setTimeout(resolve, 200))
        }
        const bytes =
          options.format === 'docx'
            ? await this.wordDocument(page, options)
            : await page.pdf({ preferCSSPageSize: true, printBackground: true, tagged: true, outline: true })
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
        this.log.error({ board: job.boardId, error: job.error }, 'PDF export failed')
      }
    } finally {
      revokeInternalViewerToken(token)
      job.finishedAt ??= Date.now()
      this.release()
    }
  }

  /** The report the print page composed, as DOCX, with its pictures (fetched one at a time: they can be large). */
  private async wordDocument(page: Page, options: PrintOptions): Promise<Uint8Array> {
    const printed = (await page.evaluate(() => {
      const print = (globalThis as { __cgPrint?: { document?: unknown; figureIds?: string[] } }).__cgPrint
      return { document: print?.document, figureIds: print?.figureIds ?? [] }
    })) as PrintedReport
    const report = ReportDocument.safeParse(printed.document)
    if (!report.success) throw new Error('the print view gave no report to write')
    const images = new Map<string, FigureImage>()
    for (const id of printed.figureIds) {
      const image = await page.evaluate(
        (figureId) =>
          (
            globalThis as {
              __cgFigurePng?: (id: string) => Promise<{ base64: string; width: number; height: number } | null>
            }
          ).__cgFigurePng?.(figureId) ?? null,
        id,
      )
      if (image) images.set(id, { png: Buffer.from(image.base64, 'base64'), width: image.width, height: image.height })
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
