import type pg from 'pg'
import type { RetentionStorage, StoredRetention } from '../Storage.ts'
import { transaction } from './database.ts'

/** A workshop's dates (boards.delete_on, links_expire_at) and when it was last opened (boards.opened_at). */
export class PostgresRetention implements RetentionStorage {
  private readonly pool: pg.Pool

  constructor(pool: pg.Pool) {
    this.pool = pool
  }

  async setWorkshopRetention(plenaryId: string, retention: StoredRetention): Promise<void> {
    await transaction(this.pool, async (db) => {
      const { rows } = await db.query<{ parentId: string | null }>(
        'SELECT parent_id AS "parentId" FROM boards WHERE id = $1 FOR UPDATE',
        [plenaryId],
      )
      refuseBreakout(plenaryId, rows[0]?.parentId ?? null)
      await db.query('UPDATE boards SET delete_on = $2, links_expire_at = $3 WHERE id = $1', [
        plenaryId,
        retention.deleteOn,
        retention.linksExpireAt,
      ])
    })
  }

  async markWorkshopOpened(plenaryId: string, at: number): Promise<void> {
    // GREATEST ignores NULL: the first opening sets it, later ones only move it on.
    const { rows } = await this.pool.query<{ parentId: string | null }>(
      `UPDATE boards SET opened_at = CASE WHEN parent_id IS NULL THEN GREATEST(opened_at, $2::bigint) END
       WHERE id = $1 RETURNING parent_id AS "parentId"`,
      [plenaryId, at],
    )
    refuseBreakout(plenaryId, rows[0]?.parentId ?? null)
  }

  async listWorkshopsDue(now: number, idleBefore?: number): Promise<{ id: string; why: 'scheduled' | 'idle' }[]> {
    const { rows } = await this.pool.query<{ id: string; why: 'scheduled' | 'idle' }>(
      `SELECT id, CASE WHEN delete_on <= $1 THEN 'scheduled' ELSE 'idle' END AS why
       FROM boards
       WHERE parent_id IS NULL AND deleted_at IS NULL
         AND (delete_on <= $1 OR ($2::bigint IS NOT NULL AND COALESCE(opened_at, created_at) < $2::bigint))
       ORDER BY id`,
      [now, idleBefore ?? null],
    )
    return rows.map(({ id, why }) => ({ id, why }))
  }

  async listLinksExpired(after: number, now: number): Promise<string[]> {
    const { rows } = await this.pool.query<{ id: string }>(
      `SELECT id FROM boards WHERE parent_id IS NULL AND links_expire_at > $1 AND links_expire_at <= $2
       ORDER BY links_expire_at, id`,
      [after, now],
    )
    return rows.map((row) => row.id)
  }
}

/** Only a plenary names a workshop: a breakout's id is refused (with nothing changed: its opened_at stays null). */
function refuseBreakout(id: string, parentId: string | null): void {
  if (parentId !== null) throw new Error(`Board ${id} is a breakout of ${parentId}: retention is its plenary's`)
}
