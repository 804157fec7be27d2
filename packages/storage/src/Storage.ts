/**
 * The one storage interface every backend implements (SQLite embedded by default; Postgres can follow).
 * Methods are async so a networked backend fits the same shape; a resolved promise means "durable".
 */

/** A document as stored: an optional compacted state plus the updates logged after it, in order. */
export interface StoredDoc {
  snapshot: Uint8Array | null
  updates: Uint8Array[]
  /** Sequence number of the last logged update (0 when none); pass it to `compactDoc`. */
  lastSeq: number
}

export interface DocStats {
  updateCount: number
  updateBytes: number
  snapshotBytes: number
}

/** What the sync server needs: an append-only update log per document, compacted into snapshots. */
export interface DocStorage {
  loadDoc(docName: string): Promise<StoredDoc>
  /** Appends updates in one durable transaction and returns the sequence number of the last one. */
  appendUpdates(docName: string, updates: readonly Uint8Array[]): Promise<number>
  /** Removes logged updates by sequence number (e.g. one found damaged after it was stored). */
  deleteUpdates(docName: string, seqs: readonly number[]): Promise<void>
  /** Replaces the snapshot with `state` and drops logged updates up to and including `upToSeq`, atomically. */
  compactDoc(docName: string, state: Uint8Array, upToSeq: number): Promise<void>
  docStats(docName: string): Promise<DocStats>
}

export interface BoardRecord {
  id: string
  title: string
  createdAt: number
}

export interface BoardStorage {
  createBoard(board: BoardRecord): Promise<void>
  getBoard(id: string): Promise<BoardRecord | undefined>
}

export interface AssetRecord {
  boardId: string
  id: string
  mimeType: string
  data: Uint8Array
  createdAt: number
}

export interface AssetStorage {
  putAsset(asset: AssetRecord): Promise<void>
  getAsset(boardId: string, id: string): Promise<AssetRecord | undefined>
}

export interface Storage extends DocStorage, BoardStorage, AssetStorage {
  /** Resolves when the backend answers a trivial query; used by health checks. */
  ping(): Promise<void>
  close(): Promise<void>
}

/** Thrown when the stored data cannot be opened or read as ours (corrupt or foreign file). */
export class StorageCorruptError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = 'StorageCorruptError'
  }
}
