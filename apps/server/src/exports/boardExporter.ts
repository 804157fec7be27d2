import { execFile } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, rmSync } from 'node:fs'
import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import type { Logger } from 'pino'
import { chromium, type Browser, type Page } from 'playwright-core'
import type { ExportJobStorage, ExportStarter, Storage, StoredExportJob } from '@cg/storage'
import { PageRoutes, printHash, type BoardRole, type PrintOptions, type PrintProgress } from '@cg/contract'
import { ReportDocument } from '@cg/report'
import { reportToDocx, type FigureImage } from '@cg/report/docx'
import { issueInternalViewerToken, revokeInternalViewerToken } from '../auth/internalTokens.ts'

/** An export as the API shows it, whichever process renders it. */
export type ExportJob = StoredExportJob

/** How long a finished export waits to be downloaded; how long a render may take at most. */
const KEEP_MS = 10 * 60_000
const RENDER_TIMEOUT_MS = 5 * 60_000
/**
 * What each class of export may hold, counted in storage so every process sees the same: running or waiting on the
 * whole server (`server`) and in one workshop (`workshop`), beyond which the API answers 429, and kept in one
 * workshop, running or finished (`kept`), beyond which the longest-finished of the same class and workshop is let go
 * (a finished file never blocks a new export). A participant's (participant or viewer link) and a facilitator's are
 * counted apart: nothing participants start ever counts against a facilitator. The participants' numbers are the
 * old per-workshop ones; a workshop's facilitators may hold three (the plenary, the report and a breakout), and never
 * every place on the server, so one workshop's facilitators cannot refuse another's either.
 */
export const EXPORT_SHARES: Readonly<Record<ExportStarter, { server: number; workshop: number; kept: number }>> = {
  participant: { server: 4, workshop: 2, kept: 6 },
  facilitator: { server: 6, workshop: 3, kept: 10 },
}
/**
 * Renders at a time per process, each a Chromium tab laying out a whole board: participants' exports take two at
 * most, and a third tab is only ever a facilitator's, so a facilitator's export never waits behind participants'.
 */
const RENDER_SLOTS: Readonly<Record<ExportStarter, number>> = { participant: 2, facilitator: 3 }
/** Finished exports kept at most on the server; participants' go first, then the longest-finished. */
const MAX_KEPT = 60
/**
 * Chromium runs at a lower CPU priority than the server (`nice`, inherited by every process and thread it starts):
 * a render is background work, and on a machine busy rendering, the server's answers to people on their boards come
 * first. Run as root, Chromium would set its threads' priorities itself (its browser process above the server's),
 * so it is then also started without the capability to raise them (`setpriv`). Where neither can be done, Chromium
 * runs as it is.
 */
const NICE = '/usr/bin/nice'
const SETPRIV = '/usr/bin/setpriv'
const RENDER_NICENESS = 10
/** Taken while a new export is counted against the shares and stored, by any process. */
const ADMISSION_LOCK = 'export-admission'
/**
 * The process rendering a job says it is alive this often (progress more often); a running job not renewed for
 * STALE_MS lost its process (killed, or its machine gone) and is shown as failed so it can be started again.
 */
const ALIVE_EVERY_MS = 5_000
const PROGRESS_EVERY_MS = 1_000
const STALE_MS = 30_000
const PRUNE_EVERY_MS = 60_000
const PROCESS_STOPPED = 'The server process making this export stopped; start the export again.'
/** Bounds on what a Word document takes from the print page: pictures, each one (as base64), all together. */
const MAX_FIGURES = 2_000
const MAX_PICTURE_BASE64 = 32 * 1024 * 1024
const MAX_PICTURES_BYTES = 256 * 1024 * 1024
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

/** Whose share an export started with this role takes: participant and viewer links share the participants'. */
export function starterOf(role: BoardRole): ExportStarter {
  return role === 'facilitator' ? 'facilitator' : 'participant'
}

/**
 * A new export started (its job's id), or refused: the share that is full (this workshop's, or the whole server's
 * for this class) and how many it holds, for a message that says what to do.
 */
export type ExportAdmission =
  { ok: true; id: string } | { ok: false; startedBy: ExportStarter; full: 'workshop' | 'server'; limit: number }

/**
 * Whether a new export of workshop `plenaryId` started by `startedBy` fits its class's shares among the jobs kept
 * (see EXPORT_SHARES), and which finished jobs of the same class and workshop to let go first to keep it within its
 * kept share. Only jobs of the same class count.
 */
export function admission(
  jobs: readonly ExportJob[],
  plenaryId: string,
  startedBy: ExportStarter,
): Extract<ExportAdmission, { ok: false }> | { ok: true; letGo: string[] } {
  const share = EXPORT_SHARES[startedBy]
  const same = jobs.filter((job) => job.startedBy === startedBy)
  const ours = same.filter((job) => job.plenaryId === plenaryId)
  const running = (of: ExportJob[]) => of.filter((job) => job.status === 'running').length
  if (running(ours) >= share.workshop) return { ok: false, startedBy, full: 'workshop', limit: share.workshop }
  if (running(same) >= share.server) return { ok: false, startedBy, full: 'server', limit: share.server }
  // Fewer running than the kept share, so there are always enough finished ones to let go.
  const finished = ours.filter((job) => job.finishedAt !== null).sort((a, b) => a.finishedAt! - b.finishedAt!)
  const over = ours.length + 1 - share.kept
  return { ok: true, letGo: finished.slice(0, Math.max(0, over)).map((job) => job.id) }
}

/**
 * The tabs a process renders in (see RENDER_SLOTS): one is taken at once if free for its class, else in turn, a
 * facilitator's render before any participant's.
 */
export class RenderSlots {
  private taken = 0
  private readonly waiting: { startedBy: ExportStarter; resume: () => void }[] = []

  /** Renders in progress. */
  get rendering(): number {
    return this.taken
  }

  take(startedBy: ExportStarter): Promise<void> {
    if (this.taken < RENDER_SLOTS[startedBy]) {
      this.taken++
      return Promise.resolve()
    }
    return new Promise((resolve) => this.waiting.push({ startedBy, resume: resolve }))
  }

  /** Gives a tab back, and hands the free ones to who waits: facilitators first, then in order. */
  release(): void {
    this.taken--
    for (;;) {
      const fits = (waiter: { startedBy: ExportStarter }) => this.taken < RENDER_SLOTS[waiter.startedBy]
      const facilitator = this.waiting.findIndex((waiter) => waiter.startedBy === 'facilitator' && fits(waiter))
      const next = facilitator >= 0 ? facilitator : this.waiting.findIndex(fits)
      if (next < 0) return
      const [waiter] = this.waiting.splice(next, 1)
      this.taken++
      waiter!.resume()
    }
  }
}

/** A job this process renders: whether it was stopped, and its tab once it has one. */
interface LocalJob {
  stopped: boolean
  page?: Page
}

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
  /** Jobs are kept in storage, so any process answers for them; this process's own renders are also here. */
  private readonly storage: ExportJobStorage & Pick<Storage, 'withLock'>
  private readonly local = new Map<string, LocalJob>()
  private readonly slots = new RenderSlots()
  /** The admission under way in this process (see `admit`). */
  private admitting: Promise<unknown> = Promise.resolve()
  private readonly chromiumPath: string
  private readonly baseUrl: () => string
  private readonly log: Logger
  private readonly aliveTimer: NodeJS.Timeout
  private lastPrunedAt = 0

  constructor(options: {
    storage: ExportJobStorage & Pick<Storage, 'withLock'>
    chromiumPath: string
    baseUrl: () => string
    log: Logger
  }) {
    this.storage = options.storage
    this.chromiumPath = options.chromiumPath
    this.baseUrl = options.baseUrl
    this.log = options.log
    this.aliveTimer = setInterval(() => void this.tick(), ALIVE_EVERY_MS)
    this.aliveTimer.unref()
  }

  get available(): boolean {
    return existsSync(this.chromiumPath)
  }

  /** Exports this process is rendering or holding in its queue. */
  get activeJobs(): number {
    return this.local.size
  }

  /**
   * Starts an export for someone of class `startedBy` if that class's shares have room (see EXPORT_SHARES), letting
   * go of the longest-finished job of the same class and workshop when its kept share is full. Counting and storing
   * happen under one storage lock, so requests racing on several processes cannot squeeze past a share; this
   * process's requests take it one at a time, so a burst of them waits here rather than holding every database
   * connection while waiting for the lock (the holder needs one to count).
   */
  async admit(
    board: { id: string; title: string; parentId: string | null },
    options: PrintOptions,
    startedBy: ExportStarter,
  ): Promise<ExportAdmission> {
    const turn = this.admitting.then(() =>
      this.storage.withLock(ADMISSION_LOCK, async (): Promise<ExportAdmission> => {
        const decided = admission(await this.prune(), board.parentId ?? board.id, startedBy)
        if (!decided.ok) return decided
        if (decided.letGo.length > 0) await this.storage.deleteExportJobs(decided.letGo)
        return { ok: true, id: await this.start(board, options, startedBy) }
      }),
    )
    this.admitting = turn.catch(() => undefined)
    return turn
  }

  /**
   * Starts rendering a board the caller was already allowed to read, and returns the job's id; no share is
   * counted (the command-line export; the API goes through `admit`). The print view opens the board with a viewer
   * token of this process, made for this job and revoked after it, never with the person's own link.
   */
  async start(
    board: { id: string; title: string; parentId: string | null },
    options: PrintOptions,
    startedBy: ExportStarter,
  ): Promise<string> {
    const now = Date.now()
    const job: StoredExportJob = {
      id: randomBytes(16).toString('base64url'),
      boardId: board.id,
      plenaryId: board.parentId ?? board.id,
      title: board.title,
      format: options.format,
      startedBy,
      status: 'running',
      done: 0,
      total: 0,
      error: null,
      createdAt: now,
      aliveAt: now,
      finishedAt: null,
    }
    await this.storage.addExportJob(job)
    const local: LocalJob = { stopped: false }
    this.local.set(job.id, local)
    void this.run(job, local, options)
    return job.id
  }

  /** A job as it stands, from whichever process renders it; one whose process died reads as failed. */
  async get(id: string): Promise<ExportJob | undefined> {
    const job = await this.storage.getExportJob(id)
    if (!job || this.expired(job, Date.now())) return undefined
    return this.orphaned(job, Date.now()) ? await this.failOrphan(job) : job
  }

  /** The finished file of a job, or undefined while it is not ready (or no longer kept). */
  async file(id: string): Promise<{ job: ExportJob; bytes: Uint8Array } | undefined> {
    const job = await this.get(id)
    const bytes = job?.status === 'done' ? await this.storage.getExportFile(id) : undefined
    return job && bytes && { job, bytes }
  }

  /** Cancels a running job, here or on another process (which stops at its next progress); says whether it ran. */
  async cancel(id: string): Promise<boolean> {
    const cancelled = await this.storage.updateRunningExportJob(id, { status: 'cancelled', finishedAt: Date.now() })
    this.stopLocal(id)
    return cancelled
  }

  /** Stops this process's renders (they are marked failed, to be started again) and its browser. */
  async close(): Promise<void> {
    clearInterval(this.aliveTimer)
    const ids = [...this.local.keys()]
    for (const id of ids) this.stopLocal(id)
    const stopped = { status: 'failed' as const, error: PROCESS_STOPPED, finishedAt: Date.now() }
    await Promise.allSettled(ids.map((id) => this.storage.updateRunningExportJob(id, stopped)))
    const browser = await this.browser?.catch(() => undefined)
    await browser?.close().catch(() => {})
    const launcher = await this.launcher?.catch(() => undefined)
    if (launcher && launcher !== this.chromiumPath) rmSync(join(launcher, '..'), { recursive: true, force: true })
  }

  private stopLocal(id: string): void {
    const local = this.local.get(id)
    if (!local) return
    local.stopped = true
    void local.page?.close().catch(() => {})
  }

  /** Renews this process's jobs (a job cancelled elsewhere stops here), and now and then lets old ones go. */
  private async tick(): Promise<void> {
    try {
      const now = Date.now()
      for (const id of [...this.local.keys()]) {
        if (!(await this.storage.updateRunningExportJob(id, { aliveAt: now }))) this.stopLocal(id)
      }
      if (now - this.lastPrunedAt >= PRUNE_EVERY_MS) await this.prune()
    } catch (error) {
      this.log.warn({ err: error }, 'could not renew export jobs')
    }
  }

  private expired(job: ExportJob, now: number): boolean {
    return job.finishedAt !== null && now - job.finishedAt > KEEP_MS
  }

  private orphaned(job: ExportJob, now: number): boolean {
    return job.status === 'running' && now - job.aliveAt > STALE_MS && !this.local.has(job.id)
  }

  private async failOrphan(job: ExportJob): Promise<ExportJob> {
    const failed = { status: 'failed' as const, error: PROCESS_STOPPED, finishedAt: Date.now() }
    // Whoever sees it first records it; if the job moved on meanwhile, what it became is read back.
    if (await this.storage.updateRunningExportJob(job.id, failed)) return { ...job, ...failed }
    return (await this.storage.getExportJob(job.id)) ?? { ...job, ...failed }
  }

  /**
   * The jobs still kept, after letting go of those finished more than ten minutes ago and, past the cap,
   * participants' longest-finished, then facilitators' (running ones are bounded apart); jobs whose process died
   * are marked failed.
   */
  private async prune(): Promise<ExportJob[]> {
    const now = Date.now()
    this.lastPrunedAt = now
    let jobs = await this.storage.listExportJobs()
    jobs = await Promise.all(jobs.map(async (job) => (this.orphaned(job, now) ? this.failOrphan(job) : job)))
    const gone = new Set(jobs.filter((job) => this.expired(job, now)).map((job) => job.id))
    const facilitators = (job: ExportJob) => (job.startedBy === 'facilitator' ? 1 : 0)
    const finished = jobs
      .filter((job) => job.finishedAt !== null && !gone.has(job.id))
      .sort((a, b) => facilitators(a) - facilitators(b) || a.finishedAt! - b.finishedAt!)
    while (jobs.length - gone.size > MAX_KEPT && finished.length > 0) gone.add(finished.shift()!.id)
    if (gone.size > 0) await this.storage.deleteExportJobs([...gone])
    return jobs.filter((job) => !gone.has(job.id))
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
    const executablePath = await (this.launcher ??= this.lowPriorityLauncher())
    if (!this.unsandboxed) {
      try {
        return await chromium.launch({ executablePath })
      } catch (error) {
        this.unsandboxed = true
        this.log.warn(
          { err: error, runningAsRoot: process.getuid?.() === 0 },
          'Chromium cannot use its sandbox here; PDF exports render without it',
        )
      }
    }
    return chromium.launch({ executablePath, args: ['--no-sandbox'] })
  }

  /** What starts Chromium: once made, a launcher that lowers its priority (see RENDER_NICENESS). */
  private launcher: Promise<string> | undefined

  /**
   * A launcher in a private folder of this process that runs Chromium at RENDER_NICENESS (as root, without
   * CAP_SYS_NICE), the first that answers `--version`; Chromium's own path where `nice` is missing or no launcher
   * runs (a temporary folder mounted noexec, capabilities that cannot be dropped).
   */
  private async lowPriorityLauncher(): Promise<string> {
    if (!existsSync(NICE)) return this.chromiumPath
    const nice = `${NICE} -n ${RENDER_NICENESS}`
    const commands = [
      ...(process.getuid?.() === 0 && existsSync(SETPRIV)
        ? [`${SETPRIV} --bounding-set=-sys_nice --inh-caps=-sys_nice ${nice}`]
        : []),
      nice,
    ]
    const quoted = `'${this.chromiumPath.replaceAll("'", "'\\''")}'`
    let dir: string | undefined
    let failure: unknown
    try {
      dir = await mkdtemp(join(tmpdir(), 'cg-chromium-'))
      for (const command of commands) {
        const launcher = join(dir, 'chromium')
        await writeFile(launcher, `#!/bin/sh\nexec ${command} ${quoted} "$@"\n`, { mode: 0o700 })
        try {
          await promisify(execFile)(launcher, ['--version'], { timeout: 30_000 })
          return launcher
        } catch (error) {
          failure = error
        }
      }
    } catch (error) {
      failure = error
    }
    if (dir) rmSync(dir, { recursive: true, force: true })
    this.log.warn({ err: failure }, 'Chromium cannot be started at a lower priority; exports render at the server’s')
    return this.chromiumPath
  }

  private unsandboxed = false

  private async run(job: ExportJob, local: LocalJob, options: PrintOptions): Promise<void> {
    await this.slots.take(job.startedBy)
    const token = issueInternalViewerToken(job.plenaryId)
    // Progress goes to storage when it moves, and at least every second: a refused write means the job was
    // cancelled (or given up as failed) elsewhere.
    let written = { done: 0, total: 0, at: Date.now() }
    const report = async (done: number, total: number) => {
      const now = Date.now()
      if (done === written.done && total === written.total && now - written.at < PROGRESS_EVERY_MS) return
      written = { done, total, at: now }
      if (!(await this.storage.updateRunningExportJob(job.id, { done, total, aliveAt: now }))) this.stopLocal(job.id)
    }
    try {
      if (local.stopped) return
      const browser = await this.launch()
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
      const page = await context.newPage()
      local.page = page
      try {
        // Every step races the deadline: a page busy with a huge board must not hold a render slot for ever (the
        // page is closed below, which ends whatever it was doing).
        const deadline = Date.now() + RENDER_TIMEOUT_MS
        const inTime = <T>(step: Promise<T>) => beforeDeadline(step, deadline)
        await inTime(
          page.goto(`${this.baseUrl()}${PageRoutes.print.path({ id: job.boardId })}#${printHash(options, token)}`),
        )
        for (;;) {
          if (local.stopped) return
          // Only the progress fields: the report itself is fetched once, bounded, when it is ready.
          const progress = await inTime(
            page.evaluate(() => {
              const print = (globalThis as { __cgPrint?: PrintProgress }).__cgPrint
              return print && { total: print.total, done: print.done, ready: print.ready, error: print.error }
            }),
          )
          if (progress?.error) throw new Error(String(progress.error))
          if (progress) await report(Number(progress.done) || 0, Number(progress.total) || 0)
          if (progress?.ready) break
          await new Promise((resolve) => setTimeout(resolve, 200))
        }
        const bytes = await inTime(
          options.format === 'docx'
            ? this.wordDocument(page, options)
            : page.pdf({ preferCSSPageSize: true, printBackground: true }),
        )
        if (local.stopped) return
        await this.storage.updateRunningExportJob(job.id, {
          status: 'done',
          done: written.done,
          total: written.total,
          file: bytes,
          finishedAt: Date.now(),
        })
      } finally {
        await context.close().catch(() => {})
      }
    } catch (error) {
      if (!local.stopped) {
        // Errors can quote the page's address, which holds the job's token: keep only their first line, no URLs.
        const message = (error instanceof Error ? error.message : String(error)).split('\n')[0]!
        const reason = message.replace(/https?:\/\/\S+/g, '<url>').slice(0, 300)
        this.log.error({ board: job.boardId, format: options.format, error: reason }, 'export failed')
        await this.storage
          .updateRunningExportJob(job.id, { status: 'failed', error: reason, finishedAt: Date.now() })
          .catch((failure: unknown) => this.log.error({ err: failure }, 'could not record a failed export'))
      }
    } finally {
      revokeInternalViewerToken(token)
      this.local.delete(job.id)
      this.slots.release()
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
}
