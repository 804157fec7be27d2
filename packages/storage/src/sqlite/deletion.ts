import type { DatabaseSync } from 'node:sqlite'
import type { DeletionStorage, StoredDeletion } from '../Storage.ts'
import { boardDocNames } from '../workshopDocs.ts'
import { transaction } from './database.ts'
import { emptyWriteAheadLog } from './erasure.ts'

/** A document of the board: its exact name (?1), or a name in its key range (?2 ≤ name < ?3), which uses the key. */
const OF_BOARD = 'doc_name = ?1 OR (doc_name >= ?2 AND doc_name < ?3)'

const prepare = (db: DatabaseSync) => ({
  selectParent: db.prepare('SELECT parent_id AS parentId FROM boards WHERE id = ?'),
  selectWorkshopBoards: db.prepare('SELECT id FROM boards WHERE id = ?1 OR parent_id = ?1'),
  setDeletion: db.prepare('UPDATE boards SET deleted_at = ?2, purge_at = ?3 WHERE id = ?1 OR parent_id = ?1'),
  selectDue: db.prepare(
    'SELECT id FROM boards WHERE purge_at <= ? AND purge_at IS NOT NULL AND parent_id IS NULL ORDER BY purge_at, id',
  ),
  deleteUpdates: db.prepare(`DELETE FROM doc_updates WHERE ${OF_BOARD}`),
  deleteSnapshots: db.prepare(`DELETE FROM doc_snapshots WHERE ${OF_BOARD}`),
  deleteVersions: db.prepare(`DELETE FROM doc_versions WHERE ${OF_BOARD}`),
  deleteAssets: db.prepare('DELETE FROM assets WHERE board_id = ?'),
  deleteAccess: db.prepare('DELETE FROM board_access WHERE board_id = ?'),
  deleteExportJobs: db.prepare('DELETE FROM export_jobs WHERE plenary_id = ?'),
  deleteAuditEvents: db.prepare('DELETE FROM audit_events WHERE plenary_id = ?'),
  deleteBoards: db.prepare('DELETE FROM boards WHERE id = ?1 OR parent_id = ?1'),
})

/** Workshops in the trash (boards.deleted_at, purge_at) and their purge: every row of every table, zeroed. */
export class SqliteDeletion implements DeletionStorage {
  private readonly db: DatabaseSync
  private readonly sql: ReturnType<typeof prepare>

  constructor(db: DatabaseSync) {
    this.db = db
    this.sql = prepare(db)
  }

  async setWorkshopDeletion(plenaryId: string, deletion: StoredDeletion | null): Promise<void> {
    transaction(this.db, () => {
      this.refuseBreakout(plenaryId, 'put in or taken out of the trash')
      this.sql.setDeletion.run(plenaryId, deletion?.deletedAt ?? null, deletion?.purgeAt ?? null)
    })
  }

  async listWorkshopsToPurge(now: number): Promise<string[]> {
    return (this.sql.selectDue.all(now) as { id: string }[]).map((row) => row.id)
  }

  async purgeWorkshop(plenaryId: string): Promise<void> {
    transaction(this.db, () => {
      this.refuseBreakout(plenaryId, 'purged')
      // The plenary's rooms go even when its board row is gone: a second purge removes what was written after one.
      const boardIds = new Set([plenaryId])
      for (const { id } of this.sql.selectWorkshopBoards.all(plenaryId) as { id: string }[]) boardIds.add(id)
      for (const boardId of boardIds) {
        const names = boardDocNames(boardId)
        this.sql.deleteUpdates.run(...names)
        this.sql.deleteSnapshots.run(...names)
        this.sql.deleteVersions.run(...names)
        this.sql.deleteAssets.run(boardId)
        this.sql.deleteAccess.run(boardId)
      }
      this.sql.deleteExportJobs.run(plenaryId)
      this.sql.deleteAuditEvents.run(plenaryId)
      this.sql.deleteBoards.run(plenaryId)
    })
    // secure_delete zeroed the freed pages as the transaction committed, in the log: write them over the file's
    // and leave the log empty, so neither keeps a copy.
    emptyWriteAheadLog(this.db)
  }

  /** Only a plenary names a workshop: a breakout's id is refused, with nothing changed. */
  private refuseBreakout(id: string, what: string): void {
    const board = this.sql.selectParent.get(id) as { parentId: string | null } | undefined
    if (board?.parentId != null) {
      throw new Error(`Board ${id} is a breakout of ${board.parentId}: only a whole workshop (its plenary) is ${what}`)
    }
  }
}
