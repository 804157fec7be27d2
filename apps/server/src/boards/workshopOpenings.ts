import type { Logger } from 'pino'
import type { RetentionStorage } from '@cg/storage'

/** How often one process writes that a workshop was opened: idle retention counts in days, not minutes. */
export const OPENED_WRITE_EVERY_MS = 5 * 60_000

/**
 * Records that someone opened a board of a workshop (a breakout keeps its workshop alive too), for RETAIN_IDLE_DAYS.
 * Every websocket connection of a page counts; each process writes it at most once per workshop every few minutes,
 * so a room full of people reconnecting costs one write. Recording never fails the connection: a failed write is
 * logged, and the next opening tries again.
 */
export class WorkshopOpenings {
  /** When this process last wrote each workshop's opening (pruned as they age, so it stays small). */
  private readonly written = new Map<string, number>()
  private readonly storage: RetentionStorage
  private readonly now: () => number
  private readonly log: Logger

  constructor(storage: RetentionStorage, now: () => number, log: Logger) {
    this.storage = storage
    this.now = now
    this.log = log
  }

  /** A person opened a board of the workshop whose plenary is `plenaryId`; resolves once recorded (or skipped). */
  async opened(plenaryId: string): Promise<void> {
    const at = this.now()
    const last = this.written.get(plenaryId)
    if (last !== undefined && at - last < OPENED_WRITE_EVERY_MS && at >= last) return
    this.forgetOlderThan(at - OPENED_WRITE_EVERY_MS)
    this.written.set(plenaryId, at)
    try {
      await this.storage.markWorkshopOpened(plenaryId, at)
    } catch (error) {
      this.written.delete(plenaryId)
      this.log.error({ err: error, board: plenaryId }, 'could not record that a workshop was opened')
    }
  }

  private forgetOlderThan(time: number): void {
    for (const [plenaryId, at] of this.written) if (at < time) this.written.delete(plenaryId)
  }
}
