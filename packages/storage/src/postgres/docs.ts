import type pg from 'pg'
import type { DocStats, DocStorage, StoredDoc, UpdatesSince } from '../Storage.ts'
import { lockUntilCommit, toBuffer, toBytes, transaction, type Queryable } from './database.ts'

/** Never over a newer snapshot: another process may compact the same document late. */
export function upsertSnapshot(db: Queryable, docName: string, state: Uint8Array, seq: number): Promise<unknown> {
  return db.query(
    `INSERT INTO doc_snapshots (doc_name, data, seq) VALUES ($1, $2, $3)
     ON CONFLICT (doc_name) DO UPDATE SET data = excluded.data, seq = excluded.seq
     WHERE excluded.seq >= doc_snapshots.seq`,
    [docName, toBuffer(state), seq],
  )
}

/**
 * Documents: their update logs (doc_updates) and the snapshots those are compacted into (doc_snapshots). A
 * document's updates are numbered without gaps, in commit order: appends to one document take a transaction-scoped
 * advisory lock on it, so two processes never number past each other.
 */
export class PostgresDocs implements DocStorage {
  private readonly pool: pg.Pool

  constructor(pool: pg.Pool) {
    this.pool = pool
  }

  async loadDoc(docName: string): Promise<StoredDoc> {
    // One snapshot of the database for both reads: a compaction committing in between cannot drop updates from view.
    return transaction(
      this.pool,
      async (db) => {
        const snapshot = (
          await db.query<{ data: Buffer; seq: number }>('SELECT data, seq FROM doc_snapshots WHERE doc_name = $1', [
            docName,
          ])
        ).rows[0]
        const { rows } = await db.query<{ data: Buffer; seq: number }>(
          'SELECT data, seq FROM doc_updates WHERE doc_name = $1 ORDER BY seq',
          [docName],
        )
        return {
          snapshot: snapshot ? toBytes(snapshot.data) : null,
          updates: rows.map((row) => toBytes(row.data)),
          lastSeq: rows.at(-1)?.seq ?? snapshot?.seq ?? 0,
        }
      },
      'REPEATABLE READ',
    )
  }

  async loadUpdatesSince(docName: string, afterSeq: number): Promise<UpdatesSince> {
    // One snapshot of the database for both reads: a compaction in between cannot hide what it removed.
    return transaction(
      this.pool,
      async (db) => {
        const { rows } = await db.query<{ data: Buffer; seq: number }>(
          'SELECT data, seq FROM doc_updates WHERE doc_name = $1 AND seq > $2 ORDER BY seq',
          [docName, afterSeq],
        )
        const snapshot = await db.query<{ seq: number }>('SELECT seq FROM doc_snapshots WHERE doc_name = $1', [docName])
        return {
          updates: rows.map((row) => ({ seq: row.seq, data: toBytes(row.data) })),
          compactedThrough: snapshot.rows[0]?.seq ?? 0,
        }
      },
      'REPEATABLE READ',
    )
  }

  async appendUpdates(docName: string, updates: readonly Uint8Array[]): Promise<number> {
    return transaction(this.pool, async (db) => {
      await lockUntilCommit(db, `doc:${docName}`)
      const { rows } = await db.query<{ seq: number | null }>(
        `SELECT GREATEST((SELECT MAX(seq) FROM doc_updates WHERE doc_name = $1),
                         (SELECT seq FROM doc_snapshots WHERE doc_name = $1)) AS seq`,
        [docName],
      )
      const first = (rows[0]?.seq ?? 0) + 1
      if (updates.length > 0) {
        await db.query(
          `INSERT INTO doc_updates (doc_name, seq, data)
           SELECT $1, $2::bigint + ordinality - 1, data FROM unnest($3::bytea[]) WITH ORDINALITY AS u(data, ordinality)`,
          [docName, first, updates.map(toBuffer)],
        )
      }
      return first + updates.length - 1
    })
  }

  async compactDoc(docName: string, state: Uint8Array, upToSeq: number): Promise<void> {
    await transaction(this.pool, async (db) => {
      await lockUntilCommit(db, `doc:${docName}`)
      await upsertSnapshot(db, docName, state, upToSeq)
      await db.query('DELETE FROM doc_updates WHERE doc_name = $1 AND seq <= $2', [docName, upToSeq])
    })
  }

  async docStats(docName: string): Promise<DocStats> {
    const { rows } = await this.pool.query<DocStats>(
      `SELECT (SELECT COUNT(*) FROM doc_updates WHERE doc_name = $1)::int AS "updateCount",
              (SELECT COALESCE(SUM(LENGTH(data)), 0) FROM doc_updates WHERE doc_name = $1)::bigint AS "updateBytes",
              (SELECT COALESCE(SUM(LENGTH(data)), 0) FROM doc_snapshots WHERE doc_name = $1)::bigint AS "snapshotBytes"`,
      [docName],
    )
    return rows[0]!
  }

  async listDocNames(prefix: string): Promise<string[]> {
    // A key range in byte order (COLLATE "C") uses the primary keys, and treats no character as a pattern.
    const { rows } = await this.pool.query<{ name: string }>(
      `SELECT doc_name AS name FROM doc_updates WHERE doc_name >= $1 AND doc_name < $2
       UNION SELECT doc_name FROM doc_snapshots WHERE doc_name >= $1 AND doc_name < $2 ORDER BY 1`,
      [prefix, `${prefix}\u{10FFFF}`],
    )
    return rows.map((row) => row.name)
  }
}
