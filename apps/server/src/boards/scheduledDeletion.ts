import type { Logger } from 'pino'
import { AuditKind } from '@cg/contract'
import type { BoardRecord, RetentionStorage } from '@cg/storage'
import type { AuditTrail } from '../audit/auditTrail.ts'
import type { WorkshopDeletion } from './workshopDeletion.ts'

export interface ScheduledDeletionOptions {
  storage: RetentionStorage
  deletion: WorkshopDeletion
  audit: AuditTrail
  /** RETAIN_IDLE_DAYS: a workshop nobody opened for this long goes; null: off. */
  retainIdleMs: number | null
  now: () => number
  log: Logger
}

/**
 * Why a workshop is due for the trash at `now`, or null: its deletion date passed (`scheduled`), or nobody opened it
 * since `idleBefore` (`idle`; a workshop never opened counts from its creation). As RetentionStorage.listWorkshopsDue
 * decides, again on the record read under the workshop's lock.
 */
export function dueFor(board: BoardRecord, now: number, idleBefore: number | undefined): 'scheduled' | 'idle' | null {
  if (board.parentId !== null || board.deletion) return null
  const deleteOn = board.retention?.deleteOn
  if (deleteOn != null && deleteOn <= now) return 'scheduled'
  if (idleBefore !== undefined && (board.openedAt ?? board.createdAt) < idleBefore) return 'idle'
  return null
}

/**
 * Workshops go to the trash by themselves on their deletion date, or (with RETAIN_IDLE_DAYS) once nobody opened them
 * for that long: through WorkshopDeletion.trash, as a facilitator's deletion goes, so sockets close everywhere and
 * the trash, undo and purge work the same. Every process sweeps; each workshop goes once, by whichever process puts
 * it there, which records it in the audit log.
 */
export class ScheduledDeletion {
  private readonly options: ScheduledDeletionOptions

  constructor(options: ScheduledDeletionOptions) {
    this.options = options
  }

  /** Puts every workshop due in the trash; how many this process put there. */
  async sweep(): Promise<number> {
    const { storage, deletion, audit, retainIdleMs, now, log } = this.options
    const at = now()
    const idleBefore = retainIdleMs === null ? undefined : at - retainIdleMs
    let trashed = 0
    for (const { id } of await storage.listWorkshopsDue(at, idleBefore)) {
      // Read again under the lock: its dates may have changed, or another process put it in the trash, meanwhile.
      const why = await deletion.trashIfDue(id, (board) => dueFor(board, at, idleBefore))
      if (why === null) continue
      trashed++
      log.info({ board: id, why }, 'workshop put in the trash by its retention')
      await audit.record(id, { kind: AuditKind.deletionScheduled, detail: why })
    }
    return trashed
  }
}
