import type { DatabaseSync } from 'node:sqlite'
import type { RetentionStorage, StoredRetention } from '../Storage.ts'
import { transaction } from './database.ts'

const prepare = (db: DatabaseSync) => ({
  selectParent: db.prepare('SELECT parent_id AS parentId FROM boards WHERE id = ?'),
  setRetention: db.prepare('UPDATE boards SET delete_on = ?2, links_expire_at = ?3 WHERE id = ?1'),
  // SQLite's max() of a NULL is NULL, hence the COALESCE: the first opening sets it, later ones only move it on.
  markOpened: db.prepare(
    `UPDATE boards SET opened_at = CASE WHEN parent_id IS NULL THEN MAX(COALESCE(opened_at, ?2), ?2) END
     WHERE id = ?1 RETURNING parent_id AS parentId`,
  ),
  selectDue: db.prepare(
    `SELECT id, CASE WHEN delete_on IS NOT NULL AND delete_on <= ?1 THEN 'scheduled' ELSE 'idle' END AS why
     FROM boards
     WHERE parent_id IS NULL AND deleted_at IS NULL
       AND ((delete_on IS NOT NULL AND delete_on <= ?1) OR (?2 IS NOT NULL AND COALESCE(opened_at, created_at) < ?2))
     ORDER BY id`,
  ),
  selectLinksExpired: db.prepare(
    `SELECT id FROM boards
     WHERE parent_id IS NULL AND links_expire_at > ? AND links_expire_at <= ? ORDER BY links_expire_at, id`,
  ),
})

/** A workshop's dates (boards.delete_on, links_expire_at) and when it was last opened (boards.opened_at). */
export class SqliteRetention implements RetentionStorage {
  private readonly db: DatabaseSync
  private readonly sql: ReturnType<typeof prepare>

  constructor(db: DatabaseSync) {
    this.db = db
    this.sql = prepare(db)
  }

  async setWorkshopRetention(plenaryId: string, retention: StoredRetention): Promise<void> {
    transaction(this.db, () => {
      const board = this.sql.selectParent.get(plenaryId) as { parentId: string | null } | undefined
      refuseBreakout(plenaryId, board?.parentId ?? null)
      this.sql.setRetention.run(plenaryId, retention.deleteOn, retention.linksExpireAt)
    })
  }

  async markWorkshopOpened(plenaryId: string, at: number): Promise<void> {
    const board = this.sql.markOpened.get(plenaryId, at) as { parentId: string | null } | undefined
    refuseBreakout(plenaryId, board?.parentId ?? null)
  }

  async listWorkshopsDue(now: number, idleBefore?: number): Promise<{ id: string; why: 'scheduled' | 'idle' }[]> {
    const rows = this.sql.selectDue.all(now, idleBefore ?? null) as {
      id: string
      why: 'scheduled' | 'idle'
    }[]
    return rows.map(({ id, why }) => ({ id, why }))
  }

  async listLinksExpired(after: number, now: number): Promise<string[]> {
    return (this.sql.selectLinksExpired.all(after, now) as { id: string }[]).map((row) => row.id)
  }
}

/** Only a plenary names a workshop: a breakout's id is refused (with nothing changed: its opened_at stays null). */
function refuseBreakout(id: string, parentId: string | null): void {
  if (parentId !== null) throw new Error(`Board ${id} is a breakout of ${parentId}: retention is its plenary's`)
}
