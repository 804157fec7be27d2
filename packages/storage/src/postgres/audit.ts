import type pg from 'pg'
import type { AuditStorage, StoredAuditEvent } from '../Storage.ts'
import { transaction, type Queryable } from './database.ts'

const COLUMNS = 'id, at, board_id AS "boardId", kind, name, role, detail'

/**
 * Stores entries of a workshop that exists, in the caller's transaction (a restore's, or one of its own). The
 * plenary's row is held (FOR KEY SHARE) until the transaction ends: a purge, which locks that row first, either
 * waits for these entries and deletes them, or has deleted the row and these are not stored. No entry outlives
 * its workshop.
 */
export async function insertAuditEvents(
  db: Queryable,
  plenaryId: string,
  events: readonly StoredAuditEvent[],
): Promise<void> {
  const { rowCount } = await db.query('SELECT 1 FROM boards WHERE id = $1 FOR KEY SHARE', [plenaryId])
  if (!rowCount || events.length === 0) return
  await db.query(
    `INSERT INTO audit_events (plenary_id, id, at, board_id, kind, name, role, detail)
     SELECT $1, * FROM unnest($2::text[], $3::bigint[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[])`,
    [
      plenaryId,
      events.map((event) => event.id),
      events.map((event) => event.at),
      events.map((event) => event.boardId),
      events.map((event) => event.kind),
      events.map((event) => event.name),
      events.map((event) => event.role),
      events.map((event) => event.detail),
    ],
  )
}

/** Each workshop's audit log (audit_events), keyed by its plenary; purged with it (postgres/deletion.ts). */
export class PostgresAudit implements AuditStorage {
  private readonly pool: pg.Pool

  constructor(pool: pg.Pool) {
    this.pool = pool
  }

  async addAuditEvents(plenaryId: string, events: readonly StoredAuditEvent[]): Promise<void> {
    if (events.length === 0) return
    await transaction(this.pool, (db) => insertAuditEvents(db, plenaryId, events))
  }

  async listAuditEvents(
    plenaryId: string,
    options: { limit?: number; before?: string } = {},
  ): Promise<StoredAuditEvent[]> {
    // LIMIT NULL is no limit. Older than the entry `before`: by time, then by id within one millisecond.
    const { rows } =
      options.before === undefined
        ? await this.pool.query<StoredAuditEvent>(
            `SELECT ${COLUMNS} FROM audit_events WHERE plenary_id = $1
             ORDER BY at DESC, id COLLATE "C" DESC LIMIT $2`,
            [plenaryId, options.limit ?? null],
          )
        : await this.pool.query<StoredAuditEvent>(
            `SELECT ${COLUMNS} FROM audit_events AS e WHERE e.plenary_id = $1
               AND (e.at, e.id COLLATE "C") < (SELECT at, id COLLATE "C" FROM audit_events
                                                WHERE plenary_id = $1 AND id = $2)
             ORDER BY e.at DESC, e.id COLLATE "C" DESC LIMIT $3`,
            [plenaryId, options.before, options.limit ?? null],
          )
    return rows
  }
}
