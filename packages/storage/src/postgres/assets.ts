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

  async sweepUnreferencedAssets(
    _boardId: string,
    _referenced: ReadonlySet<string>,
    _now: number,
    _deleteMarkedBefore: number,
  ): Promise<string[]> {
    throw new Error('not built yet')
  }
}
