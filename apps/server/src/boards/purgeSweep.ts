import type { Logger } from 'pino'
import { PeriodicTask } from '../periodicTask.ts'
import type { DeletedWorkshops } from './deletedWorkshops.ts'
import type { ExpiredLinks } from './expiredLinks.ts'
import type { ScheduledDeletion } from './scheduledDeletion.ts'
import type { WorkshopDeletion } from './workshopDeletion.ts'

/** What retention adds to each sweep. */
export interface RetentionSweeps {
  expiredLinks: ExpiredLinks
  scheduled: ScheduledDeletion
}

/**
 * Every `everyMs`, on every process: closes this process's sockets of links that expired, puts the workshops due by
 * their retention in the trash, purges the workshops whose time in the trash is over (each under its workshop's
 * lock, so two processes sweeping together purge it once), and drops any room this process still holds of a deleted
 * workshop (an announcement lost while Redis was away). One sweep at a time; a failed step is logged, the others
 * still run, and the next sweep tries again.
 */
export class PurgeSweep {
  private readonly task: PeriodicTask<void>
  private readonly deletion: WorkshopDeletion
  private readonly deleted: DeletedWorkshops
  private readonly retention: RetentionSweeps
  private readonly log: Logger

  constructor(
    deletion: WorkshopDeletion,
    deleted: DeletedWorkshops,
    retention: RetentionSweeps,
    everyMs: number,
    log: Logger,
  ) {
    this.deletion = deletion
    this.deleted = deleted
    this.retention = retention
    this.log = log
    this.task = new PeriodicTask(everyMs, () => this.run(), undefined)
  }

  /** One sweep now (or the one under way). */
  sweep(): Promise<void> {
    return this.task.run()
  }

  /** Stops sweeping; resolves once a sweep under way is done (before storage closes). */
  close(): Promise<void> {
    return this.task.close()
  }

  private async run(): Promise<void> {
    await this.step('expired links', () => this.retention.expiredLinks.sweep())
    await this.step('retention', () => this.retention.scheduled.sweep())
    await this.step('purge', async () => {
      const purged = await this.deletion.purgeDue()
      if (purged > 0) this.log.info({ purged }, 'purge sweep: workshops whose time in the trash was over')
    })
    await this.step('stale rooms', () => this.deleted.dropStale())
  }

  private async step(name: string, work: () => Promise<unknown>): Promise<void> {
    try {
      await work()
    } catch (error) {
      this.log.error({ err: error, step: name }, 'sweep step failed; the next sweep tries again')
    }
  }
}
