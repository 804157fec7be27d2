import { randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import type { Logger } from 'pino'
import { chromium, type Browser, type Page } from 'playwright-core'

export interface PdfOptions {
  paper: 'a4' | 'letter'
  orientation: 'landscape' | 'portrait'
  overview: boolean
  /** The workshop report (cover, contents, breakouts, tallies) instead of one board. */
  report: boolean
  /** The language of the report's own words. */
  lang: string
}

export type ExportStatus = 'running' | 'done' | 'failed' | 'cancelled'

export interface ExportJob {
  id: string
  boardId: string
  title: string
  status: ExportStatus
  /** Pages rendered so far, of `total` (0 until the board is loaded). */
  done: number
  total: number
  error?: string
  pdf?: Buffer
  finishedAt?: number
}

interface PrintProgress {
  total: number
  done: number
  ready: boolean
  error: string | null
}

/** How long a finished export waits to be downloaded; how long a render may take at most. */
const KEEP_MS = 10 * 60_000
const RENDER_TIMEOUT_MS = 5 * 60_000
/** Two renders at a time: each is a Chromium tab laying out a whole board. */
const MAX_PARALLEL = 2

/**
 * Vector PDFs of boards, rendered by headless Chromium (Debian's, through playwright-core) from the web app's
 * print view: tldraw draws only in a browser, and Chromium's print keeps text as text with fonts embedded and
 * Arabic shaped. Exports run as jobs so a slow board shows progress and can be cancelled.
 */
export class PdfExporter {
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

  /** Starts rendering `boardId` as the bearer of `token` sees it (the print view opens it with that link). */
  start(board: { id: string; title: string }, token: string, options: PdfOptions): ExportJob {
    this.forgetOld()
    const job: ExportJob = {
      id: randomBytes(16).toString('base64url'),
      boardId: board.id,
      title: board.title,
      status: 'running',
      done: 0,
      total: 0,
    }
    this.jobs.set(job.id, job)
    void this.run(job, token, options)
    return job
  }

  get(id: string): ExportJob | undefined {
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

  private async run(job: ExportJob, token: string, options: PdfOptions): Promise<void> {
    await this.slot()
    try {
      if (job.status !== 'running') return
      const browser = await (this.browser ??= chromium.launch({
        executablePath: this.chromiumPath,
        args: ['--no-sandbox'],
      }))
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
      const page = await context.newPage()
      this.pages.set(job.id, page)
      try {
        const hash = new URLSearchParams({
          token,
          paper: options.paper,
          orientation: options.orientation,
          overview: options.overview ? '1' : '0',
          report: options.report ? '1' : '0',
          lang: options.lang,
        })
        await page.goto(`${this.baseUrl()}/b/${encodeURIComponent(job.boardId)}/print#${hash}`)
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
        job.pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true })
        job.status = 'done'
      } finally {
        this.pages.delete(job.id)
        await context.close().catch(() => {})
      }
    } catch (error) {
      if (job.status === 'running') {
        job.status = 'failed'
        job.error = error instanceof Error ? error.message : String(error)
        this.log.error({ board: job.boardId, err: error }, 'PDF export failed')
      }
    } finally {
      job.finishedAt ??= Date.now()
      this.release()
    }
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
  }
}
