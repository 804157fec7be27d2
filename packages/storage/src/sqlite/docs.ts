import type { DatabaseSync } from 'node:sqlite'
import type { DocStats, DocStorage, StoredDoc, UpdatesSince } from '../Storage.ts'
import { transaction } from './database.ts'

const prepare = (db: DatabaseSync) => ({
  // A key range (prefix ≤ name < prefix + U+10FFFF) uses the primary keys instead of scanning the tables.
  selectDocNames: db.prepare(
    `SELECT doc_name AS name FROM doc_updates WHERE doc_name >= ?1 AND doc_name < ?2
     UNION SELECT doc_name FROM doc_snapshots WHERE doc_name >= ?1 AND doc_name < ?2 ORDER BY 1`,
  ),
  selectSnapshot: db.prepare('SELECT data, seq FROM doc_snapshots WHERE doc_name = ?'),
  selectUpdates: db.prepare('SELECT data, seq FROM doc_updates WHERE doc_name = ? ORDER BY seq'),
  selectUpdatesSince: db.prepare('SELECT data, seq FROM doc_updates WHERE doc_name = ? AND seq > ? ORDER BY seq'),
  selectSnapshotSeq: db.prepare('SELECT seq FROM doc_snapshots WHERE doc_name = ?'),
  selectLastSeq: db.prepare(
    `SELECT MAX(seq) AS seq FROM (SELECT MAX(seq) AS seq FROM doc_updates WHERE doc_name = ?1
     UNION ALL SELECT seq FROM doc_snapshots WHERE doc_name = ?1)`,
  ),
  insertUpdate: db.prepare('INSERT INTO doc_updates (doc_name, seq, data) VALUES (?, ?, ?)'),
  upsertSnapshot: db.prepare(
    // Never over a newer snapshot: a second process on the same file (the export command) may compact late.
    `INSERT INTO doc_snapshots (doc_name, data, seq) VALUES (?, ?, ?)
     ON CONFLICT (doc_name) DO UPDATE SET data = excluded.data, seq = excluded.seq
     WHERE excluded.seq >= doc_snapshots.seq`,
  ),
  deleteUpdatesUpTo: db.prepare('DELETE FROM doc_updates WHERE doc_name = ? AND seq <= ?'),
  updateStats: db.prepare(
    `SELECT (SELECT COUNT(*) FROM doc_updates WHERE doc_name = ?1) AS updateCount,
            (SELECT COALESCE(SUM(LENGTH(data)), 0) FROM doc_updates WHERE doc_name = ?1) AS updateBytes,
            (SELECT COALESCE(SUM(LENGTH(data)), 0) FROM doc_snapshots WHERE doc_name = ?1) AS snapshotBytes`,
  ),
})

/** Documents: their update logs (doc_updates) and the snapshots those are compacted into (doc_snapshots). */
export class SqliteDocs implements DocStorage {
  private readonly db: DatabaseSync
  private readonly sql: ReturnType<typeof prepare>

  constructor(db: DatabaseSync) {
    this.db = db
    this.sql = prepare(db)
  }

  async loadDoc(docName: string): Promise<StoredDoc> {
    const snapshot = this.sql.selectSnapshot.get(docName) as { data: Uint8Array; seq: number } | undefined
    const rows = this.sql.selectUpdates.all(docName) as { data: Uint8Array; seq: number }[]
    return {
      snapshot: snapshot ? snapshot.data : null,
      updates: rows.map((row) => row.data),
      lastSeq: rows.at(-1)?.seq ?? snapshot?.seq ?? 0,
    }
  }

  async loadUpdatesSince(docName: string, afterSeq: number): Promise<UpdatesSince> {
    const rows = this.sql.selectUpdatesSince.all(docName, afterSeq) as { data: Uint8Array; seq: number }[]
    const snapshot = this.sql.selectSnapshotSeq.get(docName) as { seq: number } | undefined
    return { updates: rows.map((row) => ({ seq: row.seq, data: row.data })), compactedThrough: snapshot?.seq ?? 0 }
  }

  async appendUpdates(docName: string, updates: readonly Uint8Array[]): Promise<number> {
    return transaction(this.db, () => {
      let seq = this.lastSeq(docName)
      for (const update of updates) this.sql.insertUpdate.run(docName, ++seq, update)
      return seq
    })
  }

  async compactDoc(docName: string, state: Uint8Array, upToSeq: number): Promise<void> {
    transaction(this.db, () => {
      this.putSnapshot(docName, state, upToSeq)
      this.sql.deleteUpdatesUpTo.run(docName, upToSeq)
    })
  }

  async docStats(docName: string): Promise<DocStats> {
    const row = this.sql.updateStats.get(docName) as unknown as DocStats
    return { updateCount: row.updateCount, updateBytes: row.updateBytes, snapshotBytes: row.snapshotBytes }
  }

  async listDocNames(prefix: string): Promise<string[]> {
    return (this.sql.selectDocNames.all(prefix, `${prefix}\u{10FFFF}`) as { name: string }[]).map((row) => row.name)
  }

  /** Stores a compacted state unless a newer one is stored; in the caller's transaction (a restore's). */
  putSnapshot(docName: string, state: Uint8Array, seq: number): void {
    this.sql.upsertSnapshot.run(docName, state, seq)
  }

  private lastSeq(docName: string): number {
    const row = this.sql.selectLastSeq.get(docName) as { seq: number | null }
    return row.seq ?? 0
  }
}
