import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { DatabaseSync, type StatementSync } from 'node:sqlite'
import {
  StorageCorruptError,
  type AssetRecord,
  type BoardRecord,
  type DocStats,
  type Storage,
  type StoredDoc,
} from './Storage.ts'

// Bump when the schema changes; `migrate` walks older files forward.
const SCHEMA_VERSION = 1

const SCHEMA = `
CREATE TABLE IF NOT EXISTS boards (
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS doc_updates (
  doc_name TEXT NOT NULL,
  seq INTEGER NOT NULL,
  data BLOB NOT NULL,
  PRIMARY KEY (doc_name, seq)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS doc_snapshots (
  doc_name TEXT PRIMARY KEY,
  data BLOB NOT NULL,
  seq INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS assets (
  board_id TEXT NOT NULL,
  id TEXT NOT NULL,
  mime_type TEXT NOT NULL,
  data BLOB NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (board_id, id)
);
`

interface Statements {
  insertBoard: StatementSync
  selectBoard: StatementSync
  selectSnapshot: StatementSync
  selectUpdates: StatementSync
  selectLastSeq: StatementSync
  insertUpdate: StatementSync
  upsertSnapshot: StatementSync
  deleteUpdatesUpTo: StatementSync
  deleteUpdate: StatementSync
  updateStats: StatementSync
  insertAsset: StatementSync
  selectAsset: StatementSync
}

/**
 * Embedded storage on Node's built-in SQLite (no native build). WAL with synchronous=FULL: a commit is on
 * disk before the promise resolves, so an update the server broadcast survives kill -9 and power loss.
 * Calls are synchronous underneath; the sync server batches updates per tick so one commit covers many.
 */
export class SqliteStorage implements Storage {
  readonly file: string
  private readonly db: DatabaseSync
  private readonly sql: Statements

  constructor(file: string) {
    this.file = file
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true })
    try {
      this.db = new DatabaseSync(file)
      this.db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA busy_timeout = 5000;')
      this.migrate()
      this.sql = this.prepare()
    } catch (error) {
      throw new StorageCorruptError(`Cannot open the SQLite database at ${file}: ${(error as Error).message}`, {
        cause: error,
      })
    }
  }

  private migrate(): void {
    const row = this.db.prepare('PRAGMA user_version').get() as { user_version: number }
    if (row.user_version > SCHEMA_VERSION) {
      throw new Error(`it was written by a newer version (schema ${row.user_version} > ${SCHEMA_VERSION})`)
    }
    this.db.exec(SCHEMA)
    this.db.exec(`PRAGMA user_version = ${SCHEMA_VERSION}`)
  }

  private prepare(): Statements {
    const p = (sql: string) => this.db.prepare(sql)
    return {
      insertBoard: p('INSERT INTO boards (id, title, created_at) VALUES (?, ?, ?)'),
      selectBoard: p('SELECT id, title, created_at AS createdAt FROM boards WHERE id = ?'),
      selectSnapshot: p('SELECT data, seq FROM doc_snapshots WHERE doc_name = ?'),
      selectUpdates: p('SELECT data, seq FROM doc_updates WHERE doc_name = ? ORDER BY seq'),
      selectLastSeq: p(
        `SELECT MAX(seq) AS seq FROM (SELECT MAX(seq) AS seq FROM doc_updates WHERE doc_name = ?1
         UNION ALL SELECT seq FROM doc_snapshots WHERE doc_name = ?1)`,
      ),
      insertUpdate: p('INSERT INTO doc_updates (doc_name, seq, data) VALUES (?, ?, ?)'),
      upsertSnapshot: p(
        `INSERT INTO doc_snapshots (doc_name, data, seq) VALUES (?, ?, ?)
         ON CONFLICT (doc_name) DO UPDATE SET data = excluded.data, seq = excluded.seq`,
      ),
      deleteUpdatesUpTo: p('DELETE FROM doc_updates WHERE doc_name = ? AND seq <= ?'),
      deleteUpdate: p('DELETE FROM doc_updates WHERE doc_name = ? AND seq = ?'),
      updateStats: p(
        `SELECT (SELECT COUNT(*) FROM doc_updates WHERE doc_name = ?1) AS updateCount,
                (SELECT COALESCE(SUM(LENGTH(data)), 0) FROM doc_updates WHERE doc_name = ?1) AS updateBytes,
                (SELECT COALESCE(SUM(LENGTH(data)), 0) FROM doc_snapshots WHERE doc_name = ?1) AS snapshotBytes`,
      ),
      insertAsset: p('INSERT INTO assets (board_id, id, mime_type, data, created_at) VALUES (?, ?, ?, ?, ?)'),
      selectAsset: p(
        'SELECT board_id AS boardId, id, mime_type AS mimeType, data, created_at AS createdAt FROM assets WHERE board_id = ? AND id = ?',
      ),
    }
  }

  /** Runs `work` in one transaction: all of it lands, or none of it. */
  private transaction<T>(work: () => T): T {
    this.db.exec('BEGIN IMMEDIATE')
    try {
      const result = work()
      this.db.exec('COMMIT')
      return result
    } catch (error) {
      this.db.exec('ROLLBACK')
      throw error
    }
  }

  private lastSeq(docName: string): number {
    const row = this.sql.selectLastSeq.get(docName) as { seq: number | null }
    return row.seq ?? 0
  }

  async createBoard(board: BoardRecord): Promise<void> {
    this.sql.insertBoard.run(board.id, board.title, board.createdAt)
  }

  async getBoard(id: string): Promise<BoardRecord | undefined> {
    const row = this.sql.selectBoard.get(id) as BoardRecord | undefined
    return row ? { ...row } : undefined
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

  async appendUpdates(docName: string, updates: readonly Uint8Array[]): Promise<number> {
    return this.transaction(() => {
      let seq = this.lastSeq(docName)
      for (const update of updates) this.sql.insertUpdate.run(docName, ++seq, update)
      return seq
    })
  }

  async deleteUpdates(docName: string, seqs: readonly number[]): Promise<void> {
    this.transaction(() => {
      for (const seq of seqs) this.sql.deleteUpdate.run(docName, seq)
    })
  }

  async compactDoc(docName: string, state: Uint8Array, upToSeq: number): Promise<void> {
    this.transaction(() => {
      this.sql.upsertSnapshot.run(docName, state, upToSeq)
      this.sql.deleteUpdatesUpTo.run(docName, upToSeq)
    })
  }

  async docStats(docName: string): Promise<DocStats> {
    const row = this.sql.updateStats.get(docName) as unknown as DocStats
    return { updateCount: row.updateCount, updateBytes: row.updateBytes, snapshotBytes: row.snapshotBytes }
  }

  async putAsset(asset: AssetRecord): Promise<void> {
    this.sql.insertAsset.run(asset.boardId, asset.id, asset.mimeType, asset.data, asset.createdAt)
  }

  async getAsset(boardId: string, id: string): Promise<AssetRecord | undefined> {
    const row = this.sql.selectAsset.get(boardId, id) as AssetRecord | undefined
    return row ? { ...row } : undefined
  }

  async ping(): Promise<void> {
    this.db.prepare('SELECT 1').get()
  }

  async close(): Promise<void> {
    if (this.db.isOpen) this.db.close()
  }
}
