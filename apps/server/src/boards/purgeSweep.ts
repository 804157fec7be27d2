import type { Logger } from 'pino'
import type { DeletedWorkshops } from './deletedWorkshops.ts'
import type { WorkshopDeletion } from './workshopDeletion.ts'

/**
 * Every `everyMs`, on every process: purges the workshops whose time in the trash is over (each under its
 * workshop's lock, so two processes sweeping together purge it once), and drops any room this process still holds of
 * a deleted workshop (an announcement lost while Redis was away). One sweep at a time; a failed one is logged and
 * the next tries again.
 */
export class PurgeSweep {
  private readonly timer: NodeJS.Timeout
  private running: Promise<void> | null = null
  private closed = false
  private readonly deletion: WorkshopDeletion
  private readonly deleted: DeletedWorkshops
  private readonly log: Logger

  constructor(deletion: WorkshopDeletion, deleted: DeletedWorkshops, everyMs: number, log: Logger) {
    this.deletion = deletion
    this.deleted = deleted
    this.log = log
    this.timer = setInterval(() => void this.sweep(), everyMs)
    this.timer.unref()
  }

  /** One sweep now (or the one under way). */
  sweep(): Promise<void> {
    if (this.closed) return Promise.resolve()
    this.running ??= this.run().finally(() => (this.running = null))
    return this.running
  }

  /** Stops sweeping; resolves once a sweep under way is done (before storage closes). */
  async close(): Promise<void> {
    this.closed = true
    clearInterval(this.timer)
    await this.running
  }

  private async run(): Promise<void> {
    try {
      const purged = await this.deletion.purgeDue()
      if (purged > 0) this.log.info({ purged }, 'purge sweep: workshops whose time in the trash was over')
      await this.deleted.dropStale()
    } catch (error) {
      this.log.error({ err: error }, 'purge sweep failed; the next one tries again')
    }
  }
}
