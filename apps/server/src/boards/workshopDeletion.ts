import { setTimeout as delay } from 'node:timers/promises'
import type { Logger } from 'pino'
import type { DeleteBoardResult } from '@cg/contract'
import type { BoardRecord, Storage, StoredDeletion } from '@cg/storage'
import { deletionView } from './boardView.ts'
import type { DeletionAnnouncer } from './deletedWorkshops.ts'

/**
 * How long a purge waits after telling the other processes: they close the workshop's sockets at once, and a write
 * one of them had under way then lands before the purge rather than after it.
 */
const OTHERS_SETTLE_MS = 1_000

export interface WorkshopDeletionOptions {
  storage: Storage
  deleted: DeletionAnnouncer
  /** How long a workshop stays in the trash (DELETED_BOARD_DAYS). */
  keepMs: number
  /** How often every process sweeps (PURGE_SWEEP_MS): what a purge waits when other processes could not be told. */
  sweepMs: number
  /** The clock of deletion times and of the sweep (tests move it past the purge). */
  now: () => number
  log: Logger
}

/**
 * A facilitator deletes a whole workshop (the plenary board with its breakouts): it goes to the trash, where
 * nothing of it is served and its facilitator can undo, and is purged once its time there is over (or at once, on
 * the facilitator's word). Deleting, undoing and purging one workshop hold one lock, on every process: a purge never
 * runs on a workshop taken out of the trash meanwhile, and two processes never purge it together.
 */
export class WorkshopDeletion {
  private readonly options: WorkshopDeletionOptions

  constructor(options: WorkshopDeletionOptions) {
    this.options = options
  }

  /** Puts a workshop in the trash (one already there stays as it is), and closes everything of it everywhere. */
  async trash(plenaryId: string): Promise<DeleteBoardResult> {
    const { deletion } = (await this.toTrash(plenaryId))!
    return { purged: false, deletion: deletionView(deletion) }
  }

  /**
   * Puts a workshop in the trash as `trash` does, if `dueFor` (asked under its lock, on its record as stored then)
   * gives a reason: its retention may have changed since it was listed. Resolves with the reason when this call put
   * it there; null when it was not due, or already in the trash (another process's sweep put it there).
   */
  async trashIfDue<Why>(plenaryId: string, dueFor: (board: BoardRecord) => Why | null): Promise<Why | null> {
    const reason: { why: Why | null } = { why: null }
    const trashed = await this.toTrash(plenaryId, (board) => (reason.why = dueFor(board)) !== null)
    return trashed?.put ? reason.why : null
  }

  /**
   * Deletes a workshop for good, now (from the trash or not). If the other processes could not be told to drop
   * what they hold of it (Redis away), it stays in the trash for two sweeps instead, until each has looked for itself,
   * so that no process still serving it writes it back after the purge.
   */
  async purgeNow(plenaryId: string): Promise<DeleteBoardResult> {
    const { deletion, othersTold } = (await this.toTrash(plenaryId))!
    if (!othersTold) {
      const soon = { ...deletion, purgeAt: Math.min(deletion.purgeAt, this.options.now() + 2 * this.options.sweepMs) }
      await this.locked(plenaryId, () => this.options.storage.setWorkshopDeletion(plenaryId, soon))
      this.options.log.warn({ board: plenaryId }, 'workshop to be purged at the next sweeps: Redis is away')
      return { purged: false, deletion: deletionView(soon) }
    }
    if (this.options.deleted.severalProcesses) await delay(OTHERS_SETTLE_MS)
    await this.purge(plenaryId, { onlyIfDue: false })
    return { purged: true, deletion: null }
  }

  /**
   * Takes a workshop out of the trash; false when it is not there. A deletion date already passed is cleared (the
   * next sweep would put it back), and undoing counts as opening it (idle retention starts again).
   */
  async undelete(plenaryId: string): Promise<boolean> {
    const { storage, now, log } = this.options
    const undone = await this.locked(plenaryId, async () => {
      const board = await storage.getBoard(plenaryId)
      if (!board?.deletion) return false
      await storage.setWorkshopDeletion(plenaryId, null)
      const at = now()
      const retention = board.retention
      if (retention?.deleteOn != null && retention.deleteOn <= at) {
        await storage.setWorkshopRetention(plenaryId, { ...retention, deleteOn: null })
      }
      await storage.markWorkshopOpened(plenaryId, at)
      return true
    })
    if (undone) log.info({ board: plenaryId }, 'workshop taken out of the trash')
    return undone
  }

  /** Purges one workshop if its time in the trash is over (it may have been taken out, or purged elsewhere). */
  purgeIfDue(plenaryId: string): Promise<boolean> {
    return this.purge(plenaryId, { onlyIfDue: true })
  }

  /** Purges every workshop whose time in the trash is over; how many. */
  async purgeDue(): Promise<number> {
    let purged = 0
    for (const plenaryId of await this.options.storage.listWorkshopsToPurge(this.options.now())) {
      if (await this.purgeIfDue(plenaryId)) purged++
    }
    return purged
  }

  /**
   * Puts a workshop in the trash and closes everything of it everywhere (again, when it was there already); with
   * `due`, only a workshop `due` accepts under the lock (null otherwise, with nothing closed). `put`: whether this
   * call put it there.
   */
  private async toTrash(
    plenaryId: string,
    due?: (board: BoardRecord) => boolean,
  ): Promise<{ deletion: StoredDeletion; othersTold: boolean; put: boolean } | null> {
    const { storage, keepMs, now, log } = this.options
    const decided = await this.locked(plenaryId, async () => {
      const board = await storage.getBoard(plenaryId)
      if (board?.deletion) return due ? null : { deletion: board.deletion, put: false }
      if (due && !(board && due(board))) return null
      const deletedAt = now()
      const put: StoredDeletion = { deletedAt, purgeAt: deletedAt + keepMs }
      await storage.setWorkshopDeletion(plenaryId, put)
      log.info({ board: plenaryId, purgeAt: new Date(put.purgeAt).toISOString() }, 'workshop put in the trash')
      return { deletion: put, put: true }
    })
    if (!decided) return null
    // Stored first: a socket or a request that comes in meanwhile is refused from storage, wherever it arrives.
    const { othersTold } = await this.options.deleted.deleted(plenaryId, await this.boardsOf(plenaryId))
    return { ...decided, othersTold }
  }

  /** Removes everything stored of a workshop in the trash; false when there was nothing (left) to purge. */
  private async purge(plenaryId: string, { onlyIfDue }: { onlyIfDue: boolean }): Promise<boolean> {
    const { storage, now, log } = this.options
    return this.locked(plenaryId, async () => {
      const deletion = (await storage.getBoard(plenaryId))?.deletion
      // Taken out of the trash, or purged by another process, since it was listed.
      if (!deletion || (onlyIfDue && deletion.purgeAt > now())) return false
      const boardIds = await this.boardsOf(plenaryId)
      // Whatever opened since it went to the trash (nothing should have) closes before its rows go.
      await this.options.deleted.deleted(plenaryId, boardIds)
      await storage.purgeWorkshop(plenaryId)
      log.info({ board: plenaryId, boards: boardIds.length }, 'workshop purged')
      return true
    })
  }

  private async boardsOf(plenaryId: string): Promise<string[]> {
    const breakouts = await this.options.storage.listChildBoards(plenaryId)
    return [plenaryId, ...breakouts.map((board) => board.id)]
  }

  private locked<T>(plenaryId: string, work: () => Promise<T>): Promise<T> {
    return this.options.storage.withLock(`workshop-deletion:${plenaryId}`, work)
  }
}
