import type pg from 'pg'
import type { DeletionStorage, StoredDeletion } from '../Storage.ts'
import { boardDocNames } from '../workshopDocs.ts'
import { transaction, type Queryable } from './database.ts'

/**
 * A document of the board: its exact name ($1), or a name in its key range ($2 ≤ name < $3) compared byte by byte
 * (COLLATE "C"), which doc_updates' and doc_snapshots' keys already are; doc_versions' key is in the database's
 * collation, so there the range is a scan (a purge is rare, and its large data lies outside the table, in TOAST).
 */
const OF_BOARD = 'doc_name = $1 OR (doc_name COLLATE "C" >= $2 AND doc_name COLLATE "C" < $3)'

/**
 * Workshops in the trash (boards.deleted_at, purge_at) and their purge. A purge deletes the rows; what it does not
 * do, and cannot from here: the deleted rows' bytes stay in the table files as dead tuples until VACUUM (autovacuum,
 * soon after) marks their space reusable, and even then they stay until new rows overwrite it (VACUUM FULL rewrites
 * the table); the write-ahead log, its archive, replicas and dumps taken before keep their own copies. Those are the
 * operator's (see the package README).
 */
export class PostgresDeletion implements DeletionStorage {
  private readonly pool: pg.Pool

  constructor(pool: pg.Pool) {
    this.pool = pool
  }

  async setWorkshopDeletion(plenaryId: string, deletion: StoredDeletion | null): Promise<void> {
    await transaction(this.pool, async (db) => {
      await refuseBreakout(db, plenaryId, 'put in or taken out of the trash')
      await db.query('UPDATE boards SET deleted_at = $2, purge_at = $3 WHERE id = $1 OR parent_id = $1', [
        plenaryId,
        deletion?.deletedAt ?? null,
        deletion?.purgeAt ?? null,
      ])
    })
  }

  async listWorkshopsToPurge(now: number): Promise<string[]> {
    const { rows } = await this.pool.query<{ id: string }>(
      `SELECT id FROM boards WHERE purge_at <= $1 AND purge_at IS NOT NULL AND parent_id IS NULL
       ORDER BY purge_at, id`,
      [now],
    )
    return rows.map((row) => row.id)
  }

  async purgeWorkshop(plenaryId: string): Promise<void> {
    await transaction(this.pool, async (db) => {
      // Locks the plenary's row: a trash change or another purge of the same workshop waits for this one.
      await refuseBreakout(db, plenaryId, 'purged')
      const { rows } = await db.query<{ id: string }>('SELECT id FROM boards WHERE parent_id = $1', [plenaryId])
      // The plenary's rooms go even when its board row is gone: a second purge removes what was written after one.
      for (const boardId of new Set([plenaryId, ...rows.map((row) => row.id)])) {
        const names = boardDocNames(boardId)
        await db.query(`DELETE FROM doc_updates WHERE ${OF_BOARD}`, names)
        await db.query(`DELETE FROM doc_snapshots WHERE ${OF_BOARD}`, names)
        await db.query(`DELETE FROM doc_versions WHERE ${OF_BOARD}`, names)
        await db.query('DELETE FROM assets WHERE board_id = $1', [boardId])
        await db.query('DELETE FROM board_access WHERE board_id = $1', [boardId])
      }
      await db.query('DELETE FROM export_jobs WHERE plenary_id = $1', [plenaryId])
      await db.query('DELETE FROM audit_events WHERE plenary_id = $1', [plenaryId])
      await db.query('DELETE FROM boards WHERE id = $1 OR parent_id = $1', [plenaryId])
    })
  }
}

/** Only a plenary names a workshop: a breakout's id is refused, with nothing changed. Locks the board's row. */
async function refuseBreakout(db: Queryable, id: string, what: string): Promise<void> {
  const { rows } = await db.query<{ parentId: string | null }>(
    'SELECT parent_id AS "parentId" FROM boards WHERE id = $1 FOR UPDATE',
    [id],
  )
  const parentId = rows[0]?.parentId
  if (parentId != null) {
    throw new Error(`Board ${id} is a breakout of ${parentId}: only a whole workshop (its plenary) is ${what}`)
  }
}
