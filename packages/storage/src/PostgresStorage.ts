import pg from 'pg'
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

// Bump when the schema changes, and add the step to MIGRATIONS: a database is walked forward one step at a time.
const SCHEMA_VERSION = 3

/** Each entry takes the database from the version before it to its own (index 0: from nothing to 1). */
const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE boards (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    parent_id TEXT
  );
  CREATE INDEX boards_by_parent ON boards (parent_id) WHERE parent_id IS NOT NULL;
  CREATE TABLE board_access (
    board_id TEXT PRIMARY KEY,
    facilitator_hash BYTEA NOT NULL,
    editor_hash BYTEA NOT NULL,
    viewer_hash BYTEA NOT NULL,
    link_salt TEXT NOT NULL
  );
  CREATE TABLE doc_updates (
    doc_name TEXT NOT NULL COLLATE "C",
    seq BIGINT NOT NULL,
    data BYTEA NOT NULL,
    PRIMARY KEY (doc_name, seq)
  );
  CREATE TABLE doc_snapshots (
    doc_name TEXT PRIMARY KEY COLLATE "C",
    data BYTEA NOT NULL,
    seq BIGINT NOT NULL
  );
  CREATE TABLE doc_versions (
    doc_name TEXT NOT NULL,
    id TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    name TEXT,
    reason TEXT NOT NULL,
    shapes INTEGER NOT NULL,
    base_id TEXT,
    data BYTEA NOT NULL,
    PRIMARY KEY (doc_name, id)
  );
  CREATE INDEX doc_versions_by_time ON doc_versions (doc_name, created_at);
  CREATE TABLE assets (
    board_id TEXT NOT NULL,
    id TEXT NOT NULL,
    mime_type TEXT NOT NULL,
    data BYTEA NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (board_id, id)
  );
  `,
  `
  CREATE TABLE export_jobs (
    id TEXT PRIMARY KEY,
    board_id TEXT NOT NULL,
    plenary_id TEXT NOT NULL,
    title TEXT NOT NULL,
    format TEXT NOT NULL,
    status TEXT NOT NULL,
    done INTEGER NOT NULL,
    total INTEGER NOT NULL,
    error TEXT,
    created_at BIGINT NOT NULL,
    alive_at BIGINT NOT NULL,
    finished_at BIGINT,
    file BYTEA
  );
  `,
  // Whose share of the workshop's exports a job takes; jobs kept from before read as participants' (they never
  // count against a facilitator's share).
  `
  ALTER TABLE export_jobs ADD COLUMN started_by TEXT NOT NULL DEFAULT 'participant';
  `,
]

const EXPORT_JOB_COLUMNS = `id, board_id AS "boardId", plenary_id AS "plenaryId", title, format,
  started_by AS "startedBy", status, done, total, error, created_at AS "createdAt", alive_at AS "aliveAt",
  finished_at AS "finishedAt"`

/** Serialises schema changes of several processes starting at once (any fixed number, ours). */
const MIGRATION_LOCK = 0x6367_0001

type Queryable = Pick<pg.PoolClient, 'query'>

const toBytes = (value: Buffer) => new Uint8Array(value.buffer, value.byteOffset, value.byteLength)
const toBuffer = (value: Uint8Array) => Buffer.from(value.buffer, value.byteOffset, value.byteLength)

/** BIGINT columns come back as strings (they may pass 2^53); ours are times and counters, well within it. */
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value))

export interface PostgresStorageOptions {
  /** Connections kept open to the database (default 10). */
  poolSize?: number
}

/**
 * Storage in PostgreSQL, for several server processes sharing one database. Same contract as SqliteStorage: a
 * resolved promise means committed. A document's updates are numbered without gaps, in commit order: appends to
 * one document take a transaction-scoped advisory lock on it, so two processes never number past each other.
 */
export class PostgresStorage implements Storage {
  private readonly pool: pg.Pool
  private closed = false

  private constructor(pool: pg.Pool) {
    this.pool = pool
  }

  /** Connects, and creates or upgrades the schema (refusing a database written by a newer version). */
  static async connect(url: string, options: PostgresStorageOptions = {}): Promise<PostgresStorage> {
    const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 10 })
    // A connection the database drops (restart, network) must not crash the process: an idle one is reported on
    // the pool, one in use on its client (between the queries of a transaction); the query under way fails anyway.
    pool.on('error', () => undefined)
    pool.on('connect', (client) => client.on('error', () => undefined))
    const storage = new PostgresStorage(pool)
    try {
      await storage.migrate()
    } catch (error) {
      await pool.end()
      if (error instanceof StorageCorruptError) throw error
      throw new StorageCorruptError(`Cannot open the PostgreSQL database: ${(error as Error).message}`, {
        cause: error,
      })
    }
    return storage
  }

  private async migrate(): Promise<void> {
    await this.transaction(async (db) => {
      await db.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK])
      await db.query('CREATE TABLE IF NOT EXISTS cg_schema (version INTEGER NOT NULL)')
      const row = (await db.query<{ version: number }>('SELECT version FROM cg_schema')).rows[0]
      const version = row?.version ?? 0
      if (version > SCHEMA_VERSION) {
        throw new StorageCorruptError(
          `Cannot open the PostgreSQL database: it was written by a newer version (schema ${version} > ${SCHEMA_VERSION})`,
        )
      }
      for (let step = version; step < SCHEMA_VERSION; step++) await db.query(MIGRATIONS[step]!)
      if (row) await db.query('UPDATE cg_schema SET version = $1', [SCHEMA_VERSION])
      else await db.query('INSERT INTO cg_schema (version) VALUES ($1)', [SCHEMA_VERSION])
    })
  }

  /** Runs `work` in one transaction on one connection: all of it lands, or none of it. */
  private async transaction<T>(work: (db: Queryable) => Promise<T>, isolation = 'READ COMMITTED'): Promise<T> {
    const client = await this.pool.connect()
    try {
      await client.query(`BEGIN ISOLATION LEVEL ${isolation}`)
      const result = await work(client)
      await client.query('COMMIT')
      return result
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined)
      throw error
    } finally {
      client.release()
    }
  }

  /** Holds a lock named by `key` until the transaction ends (documents, boards' files). */
  private static lock(db: Queryable, key: string): Promise<unknown> {
    return db.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [key])
  }

  async createBoard(board: BoardRecord, access?: BoardAccess): Promise<void> {
    await this.transaction(async (db) => {
      await PostgresStorage.insertBoard(db, board)
      if (access) await PostgresStorage.writeAccess(db, board.id, access)
    })
  }

  private static insertBoard(db: Queryable, board: BoardRecord): Promise<unknown> {
    return db.query('INSERT INTO boards (id, title, created_at, parent_id) VALUES ($1, $2, $3, $4)', [
      board.id,
      board.title,
      board.createdAt,
      board.parentId,
    ])
  }

  async getBoard(id: string): Promise<BoardRecord | undefined> {
    const { rows } = await this.pool.query<BoardRecord>(
      'SELECT id, title, created_at AS "createdAt", parent_id AS "parentId" FROM boards WHERE id = $1',
      [id],
    )
    return rows[0]
  }

  async listChildBoards(parentId: string): Promise<BoardRecord[]> {
    const { rows } = await this.pool.query<BoardRecord>(
      `SELECT id, title, created_at AS "createdAt", parent_id AS "parentId" FROM boards WHERE parent_id = $1
       ORDER BY created_at, id`,
      [parentId],
    )
    return rows
  }

  async getBoardAccess(id: string): Promise<BoardAccess | undefined> {
    const { rows } = await this.pool.query<{ f: Buffer; e: Buffer; v: Buffer; salt: string }>(
      'SELECT facilitator_hash AS f, editor_hash AS e, viewer_hash AS v, link_salt AS salt FROM board_access WHERE board_id = $1',
      [id],
    )
    const row = rows[0]
    if (!row) return undefined
    return {
      facilitatorHash: toBytes(row.f),
      editorHash: toBytes(row.e),
      viewerHash: toBytes(row.v),
      linkSalt: row.salt,
    }
  }

  async setBoardAccess(id: string, access: BoardAccess): Promise<void> {
    await PostgresStorage.writeAccess(this.pool, id, access)
  }

  private static writeAccess(db: Queryable, id: string, access: BoardAccess): Promise<unknown> {
    return db.query(
      `INSERT INTO board_access (board_id, facilitator_hash, editor_hash, viewer_hash, link_salt)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (board_id) DO UPDATE SET facilitator_hash = excluded.facilitator_hash,
         editor_hash = excluded.editor_hash, viewer_hash = excluded.viewer_hash, link_salt = excluded.link_salt`,
      [id, toBuffer(access.facilitatorHash), toBuffer(access.editorHash), toBuffer(access.viewerHash), access.linkSalt],
    )
  }

  async loadDoc(docName: string): Promise<StoredDoc> {
    // One snapshot of the database for both reads: a compaction committing in between cannot drop updates from view.
    return this.transaction(async (db) => {
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
    }, 'REPEATABLE READ')
  }

  async loadUpdatesSince(docName: string, afterSeq: number): Promise<UpdatesSince> {
    // One snapshot of the database for both reads: a compaction in between cannot hide what it removed.
    return this.transaction(async (db) => {
      const { rows } = await db.query<{ data: Buffer; seq: number }>(
        'SELECT data, seq FROM doc_updates WHERE doc_name = $1 AND seq > $2 ORDER BY seq',
        [docName, afterSeq],
      )
      const snapshot = await db.query<{ seq: number }>('SELECT seq FROM doc_snapshots WHERE doc_name = $1', [docName])
      return {
        updates: rows.map((row) => ({ seq: row.seq, data: toBytes(row.data) })),
        compactedThrough: snapshot.rows[0]?.seq ?? 0,
      }
    }, 'REPEATABLE READ')
  }

  async appendUpdates(docName: string, updates: readonly Uint8Array[]): Promise<number> {
    return this.transaction(async (db) => {
      await PostgresStorage.lock(db, `doc:${docName}`)
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
    await this.transaction(async (db) => {
      await PostgresStorage.lock(db, `doc:${docName}`)
      await PostgresStorage.upsertSnapshot(db, docName, state, upToSeq)
      await db.query('DELETE FROM doc_updates WHERE doc_name = $1 AND seq <= $2', [docName, upToSeq])
    })
  }

  /** Never over a newer snapshot: another process may compact the same document late. */
  private static upsertSnapshot(db: Queryable, docName: string, state: Uint8Array, seq: number): Promise<unknown> {
    return db.query(
      `INSERT INTO doc_snapshots (doc_name, data, seq) VALUES ($1, $2, $3)
       ON CONFLICT (doc_name) DO UPDATE SET data = excluded.data, seq = excluded.seq
       WHERE excluded.seq >= doc_snapshots.seq`,
      [docName, toBuffer(state), seq],
    )
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

  async putAsset(asset: AssetRecord, maxBoardBytes = Number.MAX_SAFE_INTEGER): Promise<boolean> {
    // The board's files are counted and the new one added under one lock: racing uploads cannot both squeeze in.
    return this.transaction(async (db) => {
      await PostgresStorage.lock(db, `files:${asset.boardId}`)
      const { rowCount } = await db.query(
        `INSERT INTO assets (board_id, id, mime_type, data, created_at) SELECT $1, $2, $3, $4::bytea, $5
         WHERE (SELECT COALESCE(SUM(LENGTH(data)), 0) FROM assets WHERE board_id = $1) + LENGTH($4::bytea) <= $6`,
        [asset.boardId, asset.id, asset.mimeType, toBuffer(asset.data), asset.createdAt, maxBoardBytes],
      )
      return rowCount === 1
    })
  }

  async assetBytes(boardId: string): Promise<number> {
    const { rows } = await this.pool.query<{ bytes: number }>(
      'SELECT COALESCE(SUM(LENGTH(data)), 0)::bigint AS bytes FROM assets WHERE board_id = $1',
      [boardId],
    )
    return rows[0]!.bytes
  }

  private static assetOf(row: { boardId: string; id: string; mimeType: string; data: Buffer; createdAt: number }) {
    return { ...row, data: toBytes(row.data) }
  }

  async getAsset(boardId: string, id: string): Promise<AssetRecord | undefined> {
    const { rows } = await this.pool.query(
      `SELECT board_id AS "boardId", id, mime_type AS "mimeType", data, created_at AS "createdAt" FROM assets
       WHERE board_id = $1 AND id = $2`,
      [boardId, id],
    )
    return rows[0] ? PostgresStorage.assetOf(rows[0]) : undefined
  }

  async listAssets(boardId: string): Promise<AssetRecord[]> {
    const { rows } = await this.pool.query(
      `SELECT board_id AS "boardId", id, mime_type AS "mimeType", data, created_at AS "createdAt" FROM assets
       WHERE board_id = $1 ORDER BY id`,
      [boardId],
    )
    return rows.map(PostgresStorage.assetOf)
  }

  async importBoards(boards: readonly ImportedBoard[]): Promise<void> {
    await this.transaction(async (db) => {
      for (const { board, access, docs, assets } of boards) {
        await PostgresStorage.insertBoard(db, board)
        if (access) await PostgresStorage.writeAccess(db, board.id, access)
        // Fresh board ids make fresh document names: nothing stored is overwritten.
        for (const doc of docs) await PostgresStorage.upsertSnapshot(db, doc.name, doc.state, 0)
        for (const asset of assets) {
          await db.query('INSERT INTO assets (board_id, id, mime_type, data, created_at) VALUES ($1, $2, $3, $4, $5)', [
            asset.boardId,
            asset.id,
            asset.mimeType,
            toBuffer(asset.data),
            asset.createdAt,
          ])
        }
      }
    })
  }

  async addVersion(version: StoredVersion): Promise<void> {
    await PostgresStorage.writeVersion(this.pool, version)
  }

  private static writeVersion(db: Queryable, v: StoredVersion): Promise<unknown> {
    return db.query(
      `INSERT INTO doc_versions (doc_name, id, created_at, name, reason, shapes, base_id, data)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (doc_name, id) DO UPDATE SET created_at = excluded.created_at, name = excluded.name,
         reason = excluded.reason, shapes = excluded.shapes, base_id = excluded.base_id, data = excluded.data`,
      [v.docName, v.id, v.createdAt, v.name, v.reason, v.shapes, v.baseId, toBuffer(v.data)],
    )
  }

  async listVersions(docName: string): Promise<VersionInfo[]> {
    const { rows } = await this.pool.query<VersionInfo>(
      `SELECT doc_name AS "docName", id, created_at AS "createdAt", name, reason, shapes, base_id AS "baseId",
         LENGTH(data) AS bytes FROM doc_versions WHERE doc_name = $1 ORDER BY created_at DESC, id DESC`,
      [docName],
    )
    return rows
  }

  async getVersion(docName: string, id: string): Promise<StoredVersion | undefined> {
    const { rows } = await this.pool.query<Omit<StoredVersion, 'data'> & { data: Buffer }>(
      `SELECT doc_name AS "docName", id, created_at AS "createdAt", name, reason, shapes, base_id AS "baseId", data
       FROM doc_versions WHERE doc_name = $1 AND id = $2`,
      [docName, id],
    )
    const row = rows[0]
    return row ? { ...row, data: toBytes(row.data) } : undefined
  }

  async replaceVersions(
    docName: string,
    change: { remove: readonly string[]; rewrite: readonly StoredVersion[] },
  ): Promise<void> {
    await this.transaction(async (db) => {
      for (const version of change.rewrite) await PostgresStorage.writeVersion(db, version)
      if (change.remove.length > 0) {
        await db.query('DELETE FROM doc_versions WHERE doc_name = $1 AND id = ANY($2::text[])', [
          docName,
          change.remove,
        ])
      }
    })
  }

  async addExportJob(job: StoredExportJob): Promise<void> {
    await this.pool.query(
      `INSERT INTO export_jobs (id, board_id, plenary_id, title, format, started_by, status, done, total, error,
         created_at, alive_at, finished_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
      [
        job.id,
        job.boardId,
        job.plenaryId,
        job.title,
        job.format,
        job.startedBy,
        job.status,
        job.done,
        job.total,
        job.error,
        job.createdAt,
        job.aliveAt,
        job.finishedAt,
      ],
    )
  }

  async getExportJob(id: string): Promise<StoredExportJob | undefined> {
    const { rows } = await this.pool.query<StoredExportJob>(
      `SELECT ${EXPORT_JOB_COLUMNS} FROM export_jobs WHERE id = $1`,
      [id],
    )
    return rows[0]
  }

  async listExportJobs(): Promise<StoredExportJob[]> {
    const { rows } = await this.pool.query<StoredExportJob>(
      `SELECT ${EXPORT_JOB_COLUMNS} FROM export_jobs ORDER BY created_at, id`,
    )
    return rows
  }

  async updateRunningExportJob(id: string, change: ExportJobChange): Promise<boolean> {
    const { status, done, total, error, aliveAt, finishedAt, file } = change
    // A missing value leaves its column as it is; only a running job changes.
    const { rowCount } = await this.pool.query(
      `UPDATE export_jobs SET status = COALESCE($2, status), done = COALESCE($3, done), total = COALESCE($4, total),
         error = COALESCE($5, error), alive_at = COALESCE($6, alive_at), finished_at = COALESCE($7, finished_at),
         file = COALESCE($8, file) WHERE id = $1 AND status = 'running'`,
      [
        id,
        status ?? null,
        done ?? null,
        total ?? null,
        error ?? null,
        aliveAt ?? null,
        finishedAt ?? null,
        file ? toBuffer(file) : null,
      ],
    )
    return rowCount === 1
  }

  async getExportFile(id: string): Promise<Uint8Array | undefined> {
    const { rows } = await this.pool.query<{ file: Buffer }>(
      'SELECT file FROM export_jobs WHERE id = $1 AND file IS NOT NULL',
      [id],
    )
    return rows[0] && toBytes(rows[0].file)
  }

  async deleteExportJobs(ids: readonly string[]): Promise<void> {
    if (ids.length > 0) await this.pool.query('DELETE FROM export_jobs WHERE id = ANY($1::text[])', [ids])
  }

  /** A session advisory lock on a connection of its own, held while `work` runs (its queries use the pool). */
  async withLock<T>(name: string, work: () => Promise<T>): Promise<T> {
    const client = await this.pool.connect()
    try {
      await client.query('SELECT pg_advisory_lock(hashtextextended($1, 1))', [name])
      try {
        return await work()
      } finally {
        await client.query('SELECT pg_advisory_unlock(hashtextextended($1, 1))', [name])
      }
    } finally {
      client.release()
    }
  }

  async ping(): Promise<void> {
    await this.pool.query('SELECT 1')
  }

  async close(): Promise<void> {
    if (this.closed) return
    this.closed = true
    await this.pool.end()
  }
}
