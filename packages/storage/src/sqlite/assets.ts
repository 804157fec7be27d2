import type { DatabaseSync } from 'node:sqlite'
import type { AssetRecord, AssetStorage } from '../Storage.ts'
import { transaction } from './database.ts'
import { emptyWriteAheadLog } from './erasure.ts'

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
  selectBoardsWithAssets: db.prepare('SELECT DISTINCT board_id AS boardId FROM assets ORDER BY board_id'),
  // ?2: the ids referred to, as a JSON array (one parameter however many there are).
  unmarkReferenced: db.prepare(
    `UPDATE assets SET unreferenced_at = NULL
     WHERE board_id = ?1 AND unreferenced_at IS NOT NULL AND id IN (SELECT value FROM json_each(?2))`,
  ),
  markUnreferenced: db.prepare(
    `UPDATE assets SET unreferenced_at = ?3
     WHERE board_id = ?1 AND unreferenced_at IS NULL AND id NOT IN (SELECT value FROM json_each(?2))`,
  ),
  deleteUnreferenced: db.prepare(
    `DELETE FROM assets WHERE board_id = ?1 AND unreferenced_at <= ?3 AND id NOT IN (SELECT value FROM json_each(?2))
     RETURNING id`,
  ),
})

/** Boards' uploaded files (assets), within a quota per board. */
export class SqliteAssets implements AssetStorage {
  private readonly db: DatabaseSync
  private readonly sql: ReturnType<typeof prepare>

  constructor(db: DatabaseSync) {
    this.db = db
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

  async listBoardsWithAssets(): Promise<string[]> {
    return (this.sql.selectBoardsWithAssets.all() as { boardId: string }[]).map((row) => row.boardId)
  }

  async sweepUnreferencedAssets(
    boardId: string,
    referenced: ReadonlySet<string>,
    now: number,
    deleteMarkedBefore: number,
  ): Promise<string[]> {
    const ids = JSON.stringify([...referenced])
    const deleted = transaction(this.db, () => {
      this.sql.unmarkReferenced.run(boardId, ids)
      this.sql.markUnreferenced.run(boardId, ids, now)
      return (this.sql.deleteUnreferenced.all(boardId, ids, deleteMarkedBefore) as { id: string }[]).map(
        (row) => row.id,
      )
    })
    // secure_delete zeroed the files' pages as the delete committed, in the write-ahead log: empty it too, as a purge
    // does. A reader in another process may keep it from emptying now; the log is then written over from its start
    // once a later checkpoint completes, and the database file itself holds nothing of the files either way.
    if (deleted.length > 0) {
      try {
        emptyWriteAheadLog(this.db)
      } catch {
        // Busy: as above.
      }
    }
    return deleted.sort()
  }
}
