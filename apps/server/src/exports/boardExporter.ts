import { randomBytes } from 'node:crypto'
import type { Logger } from 'pino'
import type { ExportJobStorage, ExportStarter, Storage, StoredExportJob } from '@cg/storage'
import { PageRoutes, printHash, type PrintOptions } from '@cg/contract'
import { issueInternalViewerToken, revokeInternalViewerToken } from '../auth/internalTokens.ts'
import { ChromiumLauncher } from './chromium.ts'
import { admission, type ExportAdmission } from './exportShares.ts'
import { renderPrintView, type RenderTask } from './printRenderer.ts'
import { RenderSlots } from './renderSlots.ts'

/** An export as the API shows it, whichever process renders it. */
export type ExportJob = StoredExportJob

/** How long a finished export waits to be downloaded. */
const KEEP_MS = 10 * 60_000
/** Finished exports kept at most on the server; participants' go first, then the longest-finished. */
const MAX_KEPT = 60
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

/**
 * Boards and workshop reports as files (PDF, or the report as DOCX), rendered by headless Chromium from the web
 * app's print view (see printRenderer.ts). Exports run as jobs so a slow board shows progress and can be cancelled:
 * kept in storage, so any process answers for them; admitted within their class's shares (exportShares.ts); queued
 * for one of this process's render tabs (renderSlots.ts); renewed while they render, and let go of once old.
 */
export class BoardExporter {
  /** Jobs are kept in storage, so any process answers for them; this process's own renders are also here. */
  private readonly storage: ExportJobStorage & Pick<Storage, 'withLock'>
  private readonly local = new Map<string, RenderTask>()
  private readonly slots = new RenderSlots()
  /** The admission under way in this process (see `admit`). */
  private admitting: Promise<unknown> = Promise.resolve()
  private readonly chromium: ChromiumLauncher
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
    this.chromium = new ChromiumLauncher(options.chromiumPath, options.log)
    this.baseUrl = options.baseUrl
    this.log = options.log
    this.aliveTimer = setInterval(() => void this.tick(), ALIVE_EVERY_MS)
    this.aliveTimer.unref()
  }

  get available(): boolean {
    return this.chromium.installed
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
    const local: RenderTask = { stopped: false }
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

  /**
   * Lets go of every export of a workshop being deleted: this process's renders stop at once, and the jobs and their
   * files are deleted, which stops a render on another process at its next progress or renewal. How many.
   */
  async dropWorkshop(plenaryId: string): Promise<number> {
    const jobs = (await this.storage.listExportJobs()).filter((job) => job.plenaryId === plenaryId)
    for (const job of jobs) this.stopLocal(job.id)
    if (jobs.length > 0) await this.storage.deleteExportJobs(jobs.map((job) => job.id))
    return jobs.length
  }

  /** Stops this process's renders (they are marked failed, to be started again) and its browser. */
  async close(): Promise<void> {
    clearInterval(this.aliveTimer)
    const ids = [...this.local.keys()]
    for (const id of ids) this.stopLocal(id)
    const stopped = { status: 'failed' as const, error: PROCESS_STOPPED, finishedAt: Date.now() }
    await Promise.allSettled(ids.map((id) => this.storage.updateRunningExportJob(id, stopped)))
    await this.chromium.close()
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

  private async run(job: ExportJob, local: RenderTask, options: PrintOptions): Promise<void> {
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
      const browser = await this.chromium.launch()
      const url = `${this.baseUrl()}${PageRoutes.print.path({ id: job.boardId })}#${printHash(options, token)}`
      await renderPrintView(browser, local, url, options, {
        progress: report,
        rendered: (file) =>
          this.storage.updateRunningExportJob(job.id, {
            status: 'done',
            done: written.done,
            total: written.total,
            file,
            finishedAt: Date.now(),
          }),
      })
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
}
