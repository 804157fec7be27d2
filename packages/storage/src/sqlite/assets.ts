import type { DatabaseSync } from 'node:sqlite'
import type { AssetRecord, AssetStorage } from '../Storage.ts'

const ASSET_COLUMNS = 'board_id AS boardId, id, mime_type AS mimeType, data, created_at AS createdAt'

const prepare = (db: DatabaseSync) => ({
  insertAsset: db.prepare('INSERT INTO assets (board_id, id, mime_type, data, created_at) VALUES (?, ?, ?, ?, ?)'),
  // One statement, so two uploads at once cannot both squeeze under the quota. LENGTH of a blob reads no data.
  insertAssetWithin: db.prepare(
    `INSERT INTO assets (board_id, id, mime_type, data, created_at) SELECT ?1, ?2, ?3, ?4, ?5
     WHERE (SELECT COALESCE(SUM(LENGTH(data)), 0) FROM assets WHERE board_id = ?1) + LENGTH(?4) <= ?6`,
  ),
  assetBytes: db.prepare('SELECT COALESCE(SUM(LENGTH(data)), 0) AS bytes FROM assets WHERE board_id = ?'),
  selectAsset: db.prepare(`SELECT ${ASSET_COLUMNS} FROM assets WHERE board_id = ? AND id = ?`),
  selectAssets: db.prepare(`SELECT ${ASSET_COLUMNS} FROM assets WHERE board_id = ? ORDER BY id`),
})

/** Boards' uploaded files (assets), within a quota per board. */
export class SqliteAssets implements AssetStorage {
  private readonly sql: ReturnType<typeof prepare>

  constructor(db: DatabaseSync) {
    this.sql = prepare(db)
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

  /** Stores a file without a quota; in the caller's transaction (a restore's). */
  insert(asset: AssetRecord): void {
    this.sql.insertAsset.run(asset.boardId, asset.id, asset.mimeType, asset.data, asset.createdAt)
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
