import type { DatabaseSync } from 'node:sqlite'
import type { AuditStorage, StoredAuditEvent } from '../Storage.ts'
import { transaction } from './database.ts'

const COLUMNS = 'id, at, board_id AS boardId, kind, name, role, detail'

const prepare = (db: DatabaseSync) => ({
  // Only while the workshop exists: an entry racing its purge must not outlive it (one statement, one check).
  insert: db.prepare(
    `INSERT INTO audit_events (plenary_id, id, at, board_id, kind, name, role, detail)
     SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8 WHERE EXISTS (SELECT 1 FROM boards WHERE id = ?1)`,
  ),
  selectNewest: db.prepare(
    `SELECT ${COLUMNS} FROM audit_events WHERE plenary_id = ?1 ORDER BY at DESC, id DESC LIMIT ?2`,
  ),
  // Older than the entry `before` (?2): by time, then by id within one millisecond.
  selectOlder: db.prepare(
    `SELECT ${COLUMNS} FROM audit_events AS e WHERE e.plenary_id = ?1
       AND (e.at, e.id) < (SELECT at, id FROM audit_events WHERE plenary_id = ?1 AND id = ?2)
     ORDER BY e.at DESC, e.id DESC LIMIT ?3`,
  ),
})

/** Each workshop's audit log (audit_events), keyed by its plenary; purged with it (sqlite/deletion.ts). */
export class SqliteAudit implements AuditStorage {
  private readonly db: DatabaseSync
  private readonly sql: ReturnType<typeof prepare>

  constructor(db: DatabaseSync) {
    this.db = db
    this.sql = prepare(db)
  }

  async addAuditEvents(plenaryId: string, events: readonly StoredAuditEvent[]): Promise<void> {
    if (events.length === 0) return
    transaction(this.db, () => this.insert(plenaryId, events))
  }

  async listAuditEvents(
    plenaryId: string,
    options: { limit?: number; before?: string } = {},
  ): Promise<StoredAuditEvent[]> {
    // SQLite reads a negative LIMIT as none.
    const limit = options.limit ?? -1
    const rows =
      options.before === undefined
        ? this.sql.selectNewest.all(plenaryId, limit)
        : this.sql.selectOlder.all(plenaryId, options.before, limit)
    return (rows as unknown as StoredAuditEvent[]).map((row) => ({ ...row }))
  }

  /** Stores entries of a workshop that exists; in the caller's transaction (a restore's). */
  insert(plenaryId: string, events: readonly StoredAuditEvent[]): void {
    for (const event of events) {
      this.sql.insert.run(
        plenaryId,
        event.id,
        event.at,
        event.boardId,
        event.kind,
        event.name,
        event.role,
        event.detail,
      )
    }
  }
}
