/**
 * The one storage interface every backend implements (SQLite embedded by default; Postgres for several processes).
 * Methods are async so a networked backend fits the same shape; a resolved promise means "durable".
 */

/** A document as stored: an optional compacted state plus the updates logged after it, in order. */
export interface StoredDoc {
  snapshot: Uint8Array | null
  updates: Uint8Array[]
  /** Sequence number of the last logged update (0 when none); pass it to `compactDoc`. */
  lastSeq: number
}

/** One logged update with its sequence number (numbers of one document have no gaps, in commit order). */
export interface StoredUpdate {
  seq: number
  data: Uint8Array
}

export interface UpdatesSince {
  updates: StoredUpdate[]
  compactedThrough: number
}

export interface DocStats {
  updateCount: number
  updateBytes: number
  snapshotBytes: number
}

/** What the sync server needs: an append-only update log per document, compacted into snapshots. */
export interface DocStorage {
  loadDoc(docName: string): Promise<StoredDoc>
  /**
   * The logged updates after `afterSeq`, in order, and the sequence number the snapshot holds everything up to: how
   * a process catches up on what others wrote. When `compactedThrough` is past `afterSeq`, some of what came after it
   * is only in the snapshot now (another process compacted it): read the whole document instead.
   */
  loadUpdatesSince(docName: string, afterSeq: number): Promise<UpdatesSince>
  /** Appends updates in one durable transaction and returns the sequence number of the last one. */
  appendUpdates(docName: string, updates: readonly Uint8Array[]): Promise<number>
  /** Replaces the snapshot with `state` and drops logged updates up to and including `upToSeq`, atomically. */
  compactDoc(docName: string, state: Uint8Array, upToSeq: number): Promise<void>
  docStats(docName: string): Promise<DocStats>
  /** Names of every stored document starting with `prefix` (e.g. all private drafts of one board). */
  listDocNames(prefix: string): Promise<string[]>
}

export interface BoardRecord {
  id: string
  title: string
  createdAt: number
  /** The plenary board a breakout board belongs to (its links and roles are the plenary's); null otherwise. */
  parentId: string | null
  /** Set while the workshop is in the trash (on the plenary and each of its breakouts alike). */
  deletion?: StoredDeletion
  /** A plenary's retention, when its facilitator set any (absent on breakouts: they follow their plenary). */
  retention?: StoredRetention
  /** When someone last opened a board of the workshop (ms; plenaries only; absent until someone does). */
  openedAt?: number
}

/** A workshop's own dates (ms since the epoch; null: never): when it goes to the trash, when its links expire. */
export interface StoredRetention {
  deleteOn: number | null
  linksExpireAt: number | null
}

/** A workshop in the trash: when it was deleted, and when it is to be purged (ms since the epoch). */
export interface StoredDeletion {
  deletedAt: number
  purgeAt: number
}

/**
 * Who may open a board with which role: hashes of the secret link tokens, never the tokens themselves.
 * `linkSalt` is not secret: editor and viewer tokens are derived from the facilitator token and this salt,
 * so a facilitator can be shown the links again, and rotating the salt revokes them.
 */
export interface BoardAccess {
  facilitatorHash: Uint8Array
  editorHash: Uint8Array
  viewerHash: Uint8Array
  linkSalt: string
}

export interface BoardStorage {
  /** Stores a board and, for a board with its own links, its access hashes, in one transaction. */
  createBoard(board: BoardRecord, access?: BoardAccess): Promise<void>
  getBoard(id: string): Promise<BoardRecord | undefined>
  /** Breakout boards of a plenary board, oldest first. */
  listChildBoards(parentId: string): Promise<BoardRecord[]>
  getBoardAccess(id: string): Promise<BoardAccess | undefined>
  /** Replaces a board's access hashes (link rotation). */
  setBoardAccess(id: string, access: BoardAccess): Promise<void>
}

export interface AssetRecord {
  boardId: string
  id: string
  mimeType: string
  data: Uint8Array
  createdAt: number
}

export interface AssetStorage {
  /** Stores a file unless the board's files would then exceed `maxBoardBytes`; says whether it was stored. */
  putAsset(asset: AssetRecord, maxBoardBytes?: number): Promise<boolean>
  /** The bytes of every file of a board. */
  assetBytes(boardId: string): Promise<number>
  getAsset(boardId: string, id: string): Promise<AssetRecord | undefined>
  listAssets(boardId: string): Promise<AssetRecord[]>
  /** Every board holding at least one file (what the unused-files sweep looks at). */
  listBoardsWithAssets(): Promise<string[]>
  /**
   * Files of a board that nothing refers to any more: of the board's files not in `referenced`, marks those not
   * marked yet as unreferenced from `now`; unmarks files in `referenced`; deletes those marked at or before
   * `deleteMarkedBefore`. In one transaction; returns the ids deleted, sorted.
   */
  sweepUnreferencedAssets(
    boardId: string,
    referenced: ReadonlySet<string>,
    now: number,
    deleteMarkedBefore: number,
  ): Promise<string[]>
}

/** One board as a restore brings it in: its record, its links, its documents' states and its files. */
export interface ImportedBoard {
  board: BoardRecord
  access?: BoardAccess
  /** Each document (the board's rooms) as one compacted state. */
  docs: { name: string; state: Uint8Array }[]
  assets: AssetRecord[]
  /** The workshop's audit log (on the plenary's entry only). */
  audit?: StoredAuditEvent[]
}

export interface BackupStorage {
  /** Stores several boards in one transaction: all of them land, or nothing does. */
  importBoards(boards: readonly ImportedBoard[]): Promise<void>
}

/** A saved version of a document: its content whole, or as a difference from another version (`baseId`). */
export interface StoredVersion {
  id: string
  docName: string
  createdAt: number
  /** Given by a person ("Before voting"); null for an automatic version. */
  name: string | null
  /** Why it was taken (e.g. 'interval', 'unload', 'before-restore'). */
  reason: string
  /** Shapes the version holds, for listing without reading it. */
  shapes: number
  /** The version `data` is a difference from, or null when `data` is the whole content. */
  baseId: string | null
  data: Uint8Array
}

export type VersionInfo = Omit<StoredVersion, 'data'> & { bytes: number }

/** Versions of documents (board history). The content format is the caller's; storage keeps bytes. */
export interface VersionStorage {
  addVersion(version: StoredVersion): Promise<void>
  /** Every version of a document, newest first, without its data. */
  listVersions(docName: string): Promise<VersionInfo[]>
  getVersion(docName: string, id: string): Promise<StoredVersion | undefined>
  /** Deletes versions and rewrites others (a difference re-based when its base goes), in one transaction. */
  replaceVersions(
    docName: string,
    change: { remove: readonly string[]; rewrite: readonly StoredVersion[] },
  ): Promise<void>
}

/**
 * Who started an export, as its limits count it: a facilitator, or a participant (a participant's or a viewer's
 * link). Each has its own share of a workshop's exports, so participants' jobs never count against a facilitator's.
 */
export type ExportStarter = 'facilitator' | 'participant'

/**
 * An export (a PDF or a Word document being rendered) as every process sees it, so whichever process a person's
 * requests reach can show its progress, hand over its file or cancel it. Status and format are the caller's words.
 */
export interface StoredExportJob {
  id: string
  boardId: string
  /** The workshop the export belongs to (limits count per workshop). */
  plenaryId: string
  title: string
  format: string
  /** Whose share of the workshop's exports it takes (jobs stored before this was recorded read as a participant's). */
  startedBy: ExportStarter
  status: 'running' | 'done' | 'failed' | 'cancelled'
  done: number
  total: number
  error: string | null
  createdAt: number
  /** When the process rendering it last said it was still at work: a job whose process died stops being renewed. */
  aliveAt: number
  finishedAt: number | null
}

/** What a running job's process may change: its progress, its end, its file. */
export type ExportJobChange = Partial<Pick<StoredExportJob, 'status' | 'done' | 'total' | 'error' | 'aliveAt'>> & {
  finishedAt?: number
  file?: Uint8Array
}

export interface ExportJobStorage {
  addExportJob(job: StoredExportJob): Promise<void>
  /** A job without its file. */
  getExportJob(id: string): Promise<StoredExportJob | undefined>
  /** Every job kept, oldest first, without their files. */
  listExportJobs(): Promise<StoredExportJob[]>
  /**
   * Changes a job that is still running, and says whether it was: a job cancelled or finished (by any process)
   * stays as it is, which is how the process rendering it learns of a cancel made elsewhere.
   */
  updateRunningExportJob(id: string, change: ExportJobChange): Promise<boolean>
  getExportFile(id: string): Promise<Uint8Array | undefined>
  deleteExportJobs(ids: readonly string[]): Promise<void>
}

/**
 * Deleting a workshop: a plenary board with its breakouts, every room of each (the board, the workshop room,
 * private rooms), their versions, files, export jobs and links.
 */
export interface DeletionStorage {
  /** Puts a workshop in the trash (`deletion`), or takes it out (`null`), its breakouts with it, in one transaction. */
  setWorkshopDeletion(plenaryId: string, deletion: StoredDeletion | null): Promise<void>
  /** Plenary boards in the trash whose purge time is `now` or earlier. */
  listWorkshopsToPurge(now: number): Promise<string[]>
  /**
   * Removes everything stored of a workshop in one transaction, then leaves none of it readable where the backend
   * can: SQLite zeroes freed pages (`secure_delete`) and empties its write-ahead log; PostgreSQL deletes the rows
   * (their space is reclaimed by VACUUM). Purging a workshop that is not stored does nothing.
   */
  purgeWorkshop(plenaryId: string): Promise<void>
}

/** A workshop's dates, and when it was last opened: what retention decides on. */
export interface RetentionStorage {
  /** Sets a workshop's own dates (a breakout's id is an Error); `{ null, null }` clears them. */
  setWorkshopRetention(plenaryId: string, retention: StoredRetention): Promise<void>
  /** Records that a board of the workshop was opened at `at`; never moves `openedAt` back. */
  markWorkshopOpened(plenaryId: string, at: number): Promise<void>
  /**
   * Plenaries not in the trash due to go there at `now`: their `deleteOn` is `now` or earlier, or (when
   * `idleBefore` is given) nobody opened them since `idleBefore` (a workshop never opened counts from its creation).
   */
  listWorkshopsDue(now: number, idleBefore?: number): Promise<{ id: string; why: 'scheduled' | 'idle' }[]>
  /** Plenaries whose links expired after `after` and at or before `now`: for the sweep to close their sockets. */
  listLinksExpired(after: number, now: number): Promise<string[]>
}

/** One entry of a workshop's audit log, as stored (the kinds and their words are the caller's). */
export interface StoredAuditEvent {
  /** Unique within the workshop, and ordered like `at` for entries of the same millisecond. */
  id: string
  at: number
  boardId: string
  kind: string
  name: string | null
  role: string | null
  detail: string | null
}

/** The audit log of each workshop, kept with it: purged with it, carried in its backup. */
export interface AuditStorage {
  /**
   * Adds entries to the log of the workshop `plenaryId`, if that board exists: entries for a workshop already purged
   * (one that raced its purge) are dropped, so none outlives it.
   */
  addAuditEvents(plenaryId: string, events: readonly StoredAuditEvent[]): Promise<void>
  /**
   * Newest first (by `at`, then by id): at most `limit` entries, older than the entry `before` (an id) when given;
   * none when the log holds no entry `before`.
   */
  listAuditEvents(plenaryId: string, options?: { limit?: number; before?: string }): Promise<StoredAuditEvent[]>
}

/** A workshop as an operator's listing shows it. */
export interface WorkshopSummary {
  board: BoardRecord
  breakouts: number
  /** Bytes stored for it: documents, versions, files, export files, audit log. */
  bytes: number
}

/** What `npm run admin` needs besides the roles above. */
export interface InventoryStorage {
  /** Every plenary board (in the trash or not), oldest first. */
  listWorkshops(): Promise<WorkshopSummary[]>
}

export interface Storage
  extends
    DocStorage,
    BoardStorage,
    AssetStorage,
    BackupStorage,
    VersionStorage,
    ExportJobStorage,
    DeletionStorage,
    RetentionStorage,
    AuditStorage,
    InventoryStorage {
  /**
   * Runs `work` while holding the lock `name`, which no other holder of the same storage (another process on the
   * same database included) holds at the same time: work that reads, decides and writes, such as a board's versions.
   */
  withLock<T>(name: string, work: () => Promise<T>): Promise<T>
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
