import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { DatabaseSync, type StatementSync } from 'node:sqlite'
import {
  StorageCorruptError,
  type AssetRecord,
  type BoardAccess,
  type BoardRecord,
  type DocStats,
  type ExportJobChange,
  type StoredExportJob,
  type ImportedBoard,
  type Storage,
  type StoredDoc,
  type UpdatesSince,
  type StoredVersion,
  type VersionInfo,
} from './Storage.ts'

// Bump when the schema changes; `migrate` walks older files forward.
const SCHEMA_VERSION = 5

const SCHEMA = `
CREATE TABLE IF NOT EXISTS boards (
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  parent_id TEXT
);
CREATE INDEX IF NOT EXISTS boards_by_parent ON boards (parent_id) WHERE parent_id IS NOT NULL;
CREATE TABLE IF NOT EXISTS board_access (
  board_id TEXT PRIMARY KEY,
  facilitator_hash BLOB NOT NULL,
  editor_hash BLOB NOT NULL,
  viewer_hash BLOB NOT NULL,
  link_salt TEXT NOT NULL
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
CREATE TABLE IF NOT EXISTS doc_versions (
  doc_name TEXT NOT NULL,
  id TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  name TEXT,
  reason TEXT NOT NULL,
  shapes INTEGER NOT NULL,
  base_id TEXT,
  data BLOB NOT NULL,
  PRIMARY KEY (doc_name, id)
);
CREATE INDEX IF NOT EXISTS doc_versions_by_time ON doc_versions (doc_name, created_at);
CREATE TABLE IF NOT EXISTS assets (
  board_id TEXT NOT NULL,
  id TEXT NOT NULL,
  mime_type TEXT NOT NULL,
  data BLOB NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (board_id, id)
);
CREATE TABLE IF NOT EXISTS export_jobs (
  id TEXT PRIMARY KEY,
  board_id TEXT NOT NULL,
  plenary_id TEXT NOT NULL,
  title TEXT NOT NULL,
  format TEXT NOT NULL,
  started_by TEXT NOT NULL DEFAULT 'participant',
  status TEXT NOT NULL,
  done INTEGER NOT NULL,
  total INTEGER NOT NULL,
  error TEXT,
  created_at INTEGER NOT NULL,
  alive_at INTEGER NOT NULL,
  finished_at INTEGER,
  file BLOB
);
`

const EXPORT_JOB_COLUMNS = `id, board_id AS boardId, plenary_id AS plenaryId, title, format,
  started_by AS startedBy, status, done, total, error, created_at AS createdAt, alive_at AS aliveAt,
  finished_at AS finishedAt`

/** The locks of each database file, whichever SqliteStorage of this process holds them (see withLock). */
const locksByFile = new Map<string, Map<string, Promise<void>>>()

interface Statements {
  insertBoard: StatementSync
  selectBoard: StatementSync
  selectChildBoards: StatementSync
  upsertAccess: StatementSync
  selectAccess: StatementSync
  selectDocNames: StatementSync
  selectSnapshot: StatementSync
  selectUpdates: StatementSync
  selectUpdatesSince: StatementSync
  selectSnapshotSeq: StatementSync
  selectLastSeq: StatementSync
  insertUpdate: StatementSync
  upsertSnapshot: StatementSync
  deleteUpdatesUpTo: StatementSync
  updateStats: StatementSync
  insertAsset: StatementSync
  insertAssetWithin: StatementSync
  assetBytes: StatementSync
  selectAsset: StatementSync
  selectAssets: StatementSync
  insertVersion: StatementSync
  selectVersions: StatementSync
  selectVersion: StatementSync
  deleteVersion: StatementSync
  insertExportJob: StatementSync
  selectExportJob: StatementSync
  selectExportJobs: StatementSync
  updateRunningExportJob: StatementSync
  selectExportFile: StatementSync
  deleteExportJob: StatementSync
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
  private readonly locks: Map<string, Promise<void>>

  constructor(file: string) {
    this.file = file
    this.locks = locksByFile.get(file) ?? new Map()
    locksByFile.set(file, this.locks)
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
    this.transaction(() => {
      // Version 1 files have a boards table without parent_id; the CREATE below would not add it.
      if (row.user_version === 1) this.db.exec('ALTER TABLE boards ADD COLUMN parent_id TEXT')
      // Version 4 files have export_jobs without started_by (older ones get the table from the CREATE below). Jobs
      // kept from before read as participants': they never count against a facilitator's share.
      if (row.user_version === 4) {
        this.db.exec(`ALTER TABLE export_jobs ADD COLUMN started_by TEXT NOT NULL DEFAULT 'participant'`)
      }
      this.db.exec(SCHEMA)
      this.db.exec(`PRAGMA user_version = ${SCHEMA_VERSION}`)
    })
  }

  private prepare(): Statements {
    const p = (sql: string) => this.db.prepare(sql)
    return {
      insertBoard: p('INSERT INTO boards (id, title, created_at, parent_id) VALUES (?, ?, ?, ?)'),
      selectBoard: p('SELECT id, title, created_at AS createdAt, parent_id AS parentId FROM boards WHERE id = ?'),
      selectChildBoards: p(
        'SELECT id, title, created_at AS createdAt, parent_id AS parentId FROM boards WHERE parent_id = ? ORDER BY created_at, id',
      ),
      upsertAccess: p(
        `INSERT INTO board_access (board_id, facilitator_hash, editor_hash, viewer_hash, link_salt) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (board_id) DO UPDATE SET facilitator_hash = excluded.facilitator_hash,
           editor_hash = excluded.editor_hash, viewer_hash = excluded.viewer_hash, link_salt = excluded.link_salt`,
      ),
      selectAccess: p(
        `SELECT facilitator_hash AS facilitatorHash, editor_hash AS editorHash, viewer_hash AS viewerHash,
           link_salt AS linkSalt FROM board_access WHERE board_id = ?`,
      ),
      // A key range (prefix ≤ name < prefix + U+10FFFF) uses the primary keys instead of scanning the tables.
      selectDocNames: p(
        `SELECT doc_name AS name FROM doc_updates WHERE doc_name >= ?1 AND doc_name < ?2
         UNION SELECT doc_name FROM doc_snapshots WHERE doc_name >= ?1 AND doc_name < ?2 ORDER BY 1`,
      ),
      selectSnapshot: p('SELECT data, seq FROM doc_snapshots WHERE doc_name = ?'),
      selectUpdates: p('SELECT data, seq FROM doc_updates WHERE doc_name = ? ORDER BY seq'),
      selectUpdatesSince: p('SELECT data, seq FROM doc_updates WHERE doc_name = ? AND seq > ? ORDER BY seq'),
      selectSnapshotSeq: p('SELECT seq FROM doc_snapshots WHERE doc_name = ?'),
      selectLastSeq: p(
        `SELECT MAX(seq) AS seq FROM (SELECT MAX(seq) AS seq FROM doc_updates WHERE doc_name = ?1
         UNION ALL SELECT seq FROM doc_snapshots WHERE doc_name = ?1)`,
      ),
      insertUpdate: p('INSERT INTO doc_updates (doc_name, seq, data) VALUES (?, ?, ?)'),
      upsertSnapshot: p(
        // Never over a newer snapshot: a second process on the same file (the export command) may compact late.
        `INSERT INTO doc_snapshots (doc_name, data, seq) VALUES (?, ?, ?)
         ON CONFLICT (doc_name) DO UPDATE SET data = excluded.data, seq = excluded.seq
         WHERE excluded.seq >= doc_snapshots.seq`,
      ),
      deleteUpdatesUpTo: p('DELETE FROM doc_updates WHERE doc_name = ? AND seq <= ?'),
      updateStats: p(
        `SELECT (SELECT COUNT(*) FROM doc_updates WHERE doc_name = ?1) AS updateCount,
                (SELECT COALESCE(SUM(LENGTH(data)), 0) FROM doc_updates WHERE doc_name = ?1) AS updateBytes,
                (SELECT COALESCE(SUM(LENGTH(data)), 0) FROM doc_snapshots WHERE doc_name = ?1) AS snapshotBytes`,
      ),
      insertAsset: p('INSERT INTO assets (board_id, id, mime_type, data, created_at) VALUES (?, ?, ?, ?, ?)'),
      // One statement, so two uploads at once cannot both squeeze under the quota. LENGTH of a blob reads no data.
      insertAssetWithin: p(
        `INSERT INTO assets (board_id, id, mime_type, data, created_at) SELECT ?1, ?2, ?3, ?4, ?5
         WHERE (SELECT COALESCE(SUM(LENGTH(data)), 0) FROM assets WHERE board_id = ?1) + LENGTH(?4) <= ?6`,
      ),
      assetBytes: p('SELECT COALESCE(SUM(LENGTH(data)), 0) AS bytes FROM assets WHERE board_id = ?'),
      selectAsset: p(
        'SELECT board_id AS boardId, id, mime_type AS mimeType, data, created_at AS createdAt FROM assets WHERE board_id = ? AND id = ?',
      ),
      selectAssets: p(
        'SELECT board_id AS boardId, id, mime_type AS mimeType, data, created_at AS createdAt FROM assets WHERE board_id = ? ORDER BY id',
      ),
      insertVersion: p(
        `INSERT OR REPLACE INTO doc_versions (doc_name, id, created_at, name, reason, shapes, base_id, data)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      selectVersions: p(
        `SELECT doc_name AS docName, id, created_at AS createdAt, name, reason, shapes, base_id AS baseId,
           LENGTH(data) AS bytes FROM doc_versions WHERE doc_name = ? ORDER BY created_at DESC, id DESC`,
      ),
      selectVersion: p(
        `SELECT doc_name AS docName, id, created_at AS createdAt, name, reason, shapes, base_id AS baseId, data
         FROM doc_versions WHERE doc_name = ? AND id = ?`,
      ),
      deleteVersion: p('DELETE FROM doc_versions WHERE doc_name = ? AND id = ?'),
      insertExportJob: p(
        `INSERT INTO export_jobs (id, board_id, plenary_id, title, format, started_by, status, done, total, error,
           created_at, alive_at, finished_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      selectExportJob: p(`SELECT ${EXPORT_JOB_COLUMNS} FROM export_jobs WHERE id = ?`),
      selectExportJobs: p(`SELECT ${EXPORT_JOB_COLUMNS} FROM export_jobs ORDER BY created_at, id`),
      // A missing value leaves its column as it is; only a running job changes.
      updateRunningExportJob: p(
        `UPDATE export_jobs SET status = COALESCE(?, status), done = COALESCE(?, done), total = COALESCE(?, total),
           error = COALESCE(?, error), alive_at = COALESCE(?, alive_at), finished_at = COALESCE(?, finished_at),
           file = COALESCE(?, file) WHERE id = ? AND status = 'running'`,
      ),
      selectExportFile: p('SELECT file FROM export_jobs WHERE id = ? AND file IS NOT NULL'),
      deleteExportJob: p('DELETE FROM export_jobs WHERE id = ?'),
    }
  }

  async addVersion(version: StoredVersion): Promise<void> {
    this.writeVersion(version)
  }

  async listVersions(docName: string): Promise<VersionInfo[]> {
    return (this.sql.selectVersions.all(docName) as unknown as VersionInfo[]).map((row) => ({ ...row }))
  }

  async getVersion(docName: string, id: string): Promise<StoredVersion | undefined> {
    const row = this.sql.selectVersion.get(docName, id) as StoredVersion | undefined
    return row ? { ...row } : undefined
  }

  async replaceVersions(
    docName: string,
    change: { remove: readonly string[]; rewrite: readonly StoredVersion[] },
  ): Promise<void> {
    this.transaction(() => {
      for (const version of change.rewrite) this.writeVersion(version)
      for (const id of change.remove) this.sql.deleteVersion.run(docName, id)
    })
  }

  async addExportJob(job: StoredExportJob): Promise<void> {
    const { id, boardId, plenaryId, title, format, startedBy, status, done, total, error, createdAt, aliveAt } = job
    this.sql.insertExportJob.run(
      id,
      boardId,
      plenaryId,
      title,
      format,
      startedBy,
      status,
      done,
      total,
      error,
      createdAt,
      aliveAt,
      job.finishedAt,
    )
  }

  async getExportJob(id: string): Promise<StoredExportJob | undefined> {
    const row = this.sql.selectExportJob.get(id) as StoredExportJob | undefined
    return row ? { ...row } : undefined
  }

  async listExportJobs(): Promise<StoredExportJob[]> {
    return (this.sql.selectExportJobs.all() as unknown as StoredExportJob[]).map((row) => ({ ...row }))
  }

  async updateRunningExportJob(id: string, change: ExportJobChange): Promise<boolean> {
    const { status, done, total, error, aliveAt, finishedAt, file } = change
    const changed = this.sql.updateRunningExportJob.run(
      status ?? null,
      done ?? null,
      total ?? null,
      error ?? null,
      aliveAt ?? null,
      finishedAt ?? null,
      file ?? null,
      id,
    )
    return changed.changes === 1
  }

  async getExportFile(id: string): Promise<Uint8Array | undefined> {
    return (this.sql.selectExportFile.get(id) as { file: Uint8Array } | undefined)?.file
  }

  async deleteExportJobs(ids: readonly string[]): Promise<void> {
    this.transaction(() => {
      for (const id of ids) this.sql.deleteExportJob.run(id)
    })
  }

  private writeVersion(v: StoredVersion): void {
    this.sql.insertVersion.run(v.docName, v.id, v.createdAt, v.name, v.reason, v.shapes, v.baseId, v.data)
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

  async createBoard(board: BoardRecord, access?: BoardAccess): Promise<void> {
    this.transaction(() => {
      this.sql.insertBoard.run(board.id, board.title, board.createdAt, board.parentId)
      if (access) this.writeAccess(board.id, access)
    })
  }

  async getBoard(id: string): Promise<BoardRecord | undefined> {
    const row = this.sql.selectBoard.get(id) as BoardRecord | undefined
    return row ? { ...row } : undefined
  }

  async listChildBoards(parentId: string): Promise<BoardRecord[]> {
    return (this.sql.selectChildBoards.all(parentId) as unknown as BoardRecord[]).map((row) => ({ ...row }))
  }

  async getBoardAccess(id: string): Promise<BoardAccess | undefined> {
    const row = this.sql.selectAccess.get(id) as BoardAccess | undefined
    return row ? { ...row } : undefined
  }

  async setBoardAccess(id: string, access: BoardAccess): Promise<void> {
    this.writeAccess(id, access)
  }

  private writeAccess(id: string, access: BoardAccess): void {
    this.sql.upsertAccess.run(id, access.facilitatorHash, access.editorHash, access.viewerHash, access.linkSalt)
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
    return this.transaction(() => {
      let seq = this.lastSeq(docName)
      for (const update of updates) this.sql.insertUpdate.run(docName, ++seq, update)
      return seq
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

  async listDocNames(prefix: string): Promise<string[]> {
    return (this.sql.selectDocNames.all(prefix, `${prefix}\u{10FFFF}`) as { name: string }[]).map((row) => row.name)
  }

  async putAsset(asset: AssetRecord, maxBoardBytes = Number.MAX_SAFE_INTEGER): Promise<boolean> {
    const { boardId, id, mimeType, data, createdAt } = asset
    return this.sql.insertAssetWithin.run(boardId, id, mimeType, data, createdAt, maxBoardBytes).changes === 1
  }

  async assetBytes(boardId: string): Promise<number> {
    return (this.sql.assetBytes.get(boardId) as { bytes: number }).bytes
  }

  async getAsset(boardId: string, id: string): Promise<AssetRecord | undefined> {
    const row = this.sql.selectAsset.get(boardId, id) as AssetRecord | undefined
    return row ? { ...row } : undefined
  }

  async listAssets(boardId: string): Promise<AssetRecord[]> {
    return (this.sql.selectAssets.all(boardId) as unknown as AssetRecord[]).map((row) => ({ ...row }))
  }

  async importBoards(boards: readonly ImportedBoard[]): Promise<void> {
    this.transaction(() => {
      for (const { board, access, docs, assets } of boards) {
        this.sql.insertBoard.run(board.id, board.title, board.createdAt, board.parentId)
        if (access) this.writeAccess(board.id, access)
        // Fresh board ids make fresh document names: nothing stored is overwritten.
        for (const doc of docs) this.sql.upsertSnapshot.run(doc.name, doc.state, 0)
        for (const asset of assets) {
          this.sql.insertAsset.run(asset.boardId, asset.id, asset.mimeType, asset.data, asset.createdAt)
        }
      }
    })
  }

  /** One process owns the file: a queue per name, shared by every storage opened on it here, is the lock. */
  async withLock<T>(name: string, work: () => Promise<T>): Promise<T> {
    const run = (this.locks.get(name) ?? Promise.resolve()).then(work)
    const settled = run.then(
      () => {},
      () => {},
    )
    this.locks.set(name, settled)
    void settled.then(() => {
      if (this.locks.get(name) === settled) this.locks.delete(name)
    })
    return run
  }

  async ping(): Promise<void> {
    this.db.prepare('SELECT 1').get()
  }

  async close(): Promise<void> {
    if (this.db.isOpen) this.db.close()
  }
}
