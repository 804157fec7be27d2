/**
 * Work a process repeats every `everyMs` (the purge sweep, the unused-files sweep): never two runs at once (asking
 * while one is under way joins it), and closing waits for the run under way, so storage is never closed under it.
 * The timer does not keep the process alive.
 */
export class PeriodicTask<Result> {
  private readonly timer: NodeJS.Timeout
  private running: Promise<Result> | null = null
  private closed = false
  private readonly work: () => Promise<Result>
  /** What a run asked for after closing answers. */
  private readonly afterClose: Result

  constructor(everyMs: number, work: () => Promise<Result>, afterClose: Result) {
    this.work = work
    this.afterClose = afterClose
    this.timer = setInterval(() => void this.run(), everyMs)
    this.timer.unref()
  }

  /** One run now (or the one under way). */
  run(): Promise<Result> {
    if (this.closed) return Promise.resolve(this.afterClose)
    this.running ??= this.work().finally(() => (this.running = null))
    return this.running
  }

  /** Whether it was closed: a long run stops early between its steps. */
  get isClosed(): boolean {
    return this.closed
  }

  /** Stops repeating; resolves once a run under way is done. */
  async close(): Promise<void> {
    this.closed = true
    clearInterval(this.timer)
    await this.running
  }
}
