import type pg from 'pg'
import type { AssetRecord, AssetStorage } from '../Storage.ts'
import { lockUntilCommit, toBuffer, toBytes, transaction, type Queryable } from './database.ts'

const ASSET_COLUMNS = 'board_id AS "boardId", id, mime_type AS "mimeType", data, created_at AS "createdAt"'

type AssetRow = Omit<AssetRecord, 'data'> & { data: Buffer }

const assetOf = (row: AssetRow): AssetRecord => ({ ...row, data: toBytes(row.data) })

/** Stores a file without a quota; in the caller's transaction (a restore's). */
export function insertAsset(db: Queryable, asset: AssetRecord): Promise<unknown> {
  return db.query('INSERT INTO assets (board_id, id, mime_type, data, created_at) VALUES ($1, $2, $3, $4, $5)', [
    asset.boardId,
    asset.id,
    asset.mimeType,
    toBuffer(asset.data),
    asset.createdAt,
  ])
}

/** Boards' uploaded files (assets), within a quota per board. */
export class PostgresAssets implements AssetStorage {
  private readonly pool: pg.Pool

  constructor(pool: pg.Pool) {
    this.pool = pool
  }

  async putAsset(asset: AssetRecord, maxBoardBytes = Number.MAX_SAFE_INTEGER): Promise<boolean> {
    // The board's files are counted and the new one added under one lock: racing uploads cannot both squeeze in.
    return transaction(this.pool, async (db) => {
      await lockUntilCommit(db, `files:${asset.boardId}`)
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

  async getAsset(boardId: string, id: string): Promise<AssetRecord | undefined> {
    const { rows } = await this.pool.query<AssetRow>(
      `SELECT ${ASSET_COLUMNS} FROM assets WHERE board_id = $1 AND id = $2`,
      [boardId, id],
    )
    return rows[0] ? assetOf(rows[0]) : undefined
  }

  async listAssets(boardId: string): Promise<AssetRecord[]> {
    const { rows } = await this.pool.query<AssetRow>(
      `SELECT ${ASSET_COLUMNS} FROM assets WHERE board_id = $1 ORDER BY id`,
      [boardId],
    )
    return rows.map(assetOf)
  }

  async listBoardsWithAssets(): Promise<string[]> {
    const { rows } = await this.pool.query<{ boardId: string }>(
      'SELECT DISTINCT board_id AS "boardId" FROM assets ORDER BY board_id',
    )
    return rows.map((row) => row.boardId)
  }

  async sweepUnreferencedAssets(
    boardId: string,
    referenced: ReadonlySet<string>,
    now: number,
    deleteMarkedBefore: number,
  ): Promise<string[]> {
    const ids = [...referenced]
    return transaction(this.pool, async (db) => {
      // The same lock as an upload's: a file stored meanwhile is marked, or not, as a whole.
      await lockUntilCommit(db, `files:${boardId}`)
      await db.query(
        `UPDATE assets SET unreferenced_at = NULL
         WHERE board_id = $1 AND unreferenced_at IS NOT NULL AND id = ANY($2::text[])`,
        [boardId, ids],
      )
      await db.query(
        `UPDATE assets SET unreferenced_at = $3
         WHERE board_id = $1 AND unreferenced_at IS NULL AND NOT (id = ANY($2::text[]))`,
        [boardId, ids, now],
      )
      const { rows } = await db.query<{ id: string }>(
        `DELETE FROM assets WHERE board_id = $1 AND unreferenced_at <= $3 AND NOT (id = ANY($2::text[])) RETURNING id`,
        [boardId, ids, deleteMarkedBefore],
      )
      return rows.map((row) => row.id).sort()
    })
  }
}
