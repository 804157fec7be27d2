import type {
  AssetRecord,
  AssetStorage,
  AuditStorage,
  BackupStorage,
  BoardAccess,
  BoardRecord,
  BoardStorage,
  DeletionStorage,
  DocStats,
  DocStorage,
  ExportJobChange,
  ExportJobStorage,
  ImportedBoard,
  InventoryStorage,
  RetentionStorage,
  Storage,
  StoredAuditEvent,
  StoredDeletion,
  StoredDoc,
  StoredExportJob,
  StoredRetention,
  StoredVersion,
  UpdatesSince,
  VersionInfo,
  VersionStorage,
  WorkshopSummary,
} from './Storage.ts'

/** One object per role interface of Storage.ts: how each backend's sqlite/ or postgres/ modules are grouped. */
export interface StorageRoles {
  docs: DocStorage
  boards: BoardStorage
  assets: AssetStorage
  backup: BackupStorage
  versions: VersionStorage
  exportJobs: ExportJobStorage
  deletion: DeletionStorage
  retention: RetentionStorage
  audit: AuditStorage
  inventory: InventoryStorage
}

/**
 * A Storage made of its roles: each call goes to the role that owns it, so a backend class adds only what spans
 * roles (locks, health, closing). Written out rather than generated so the compiler checks every signature.
 */
export abstract class ComposedStorage implements Storage {
  private readonly roles: StorageRoles

  protected constructor(roles: StorageRoles) {
    this.roles = roles
  }

  abstract withLock<T>(name: string, work: () => Promise<T>): Promise<T>
  abstract ping(): Promise<void>
  abstract close(): Promise<void>

  loadDoc(docName: string): Promise<StoredDoc> {
    return this.roles.docs.loadDoc(docName)
  }
  loadUpdatesSince(docName: string, afterSeq: number): Promise<UpdatesSince> {
    return this.roles.docs.loadUpdatesSince(docName, afterSeq)
  }
  appendUpdates(docName: string, updates: readonly Uint8Array[]): Promise<number> {
    return this.roles.docs.appendUpdates(docName, updates)
  }
  compactDoc(docName: string, state: Uint8Array, upToSeq: number): Promise<void> {
    return this.roles.docs.compactDoc(docName, state, upToSeq)
  }
  docStats(docName: string): Promise<DocStats> {
    return this.roles.docs.docStats(docName)
  }
  listDocNames(prefix: string): Promise<string[]> {
    return this.roles.docs.listDocNames(prefix)
  }

  createBoard(board: BoardRecord, access?: BoardAccess): Promise<void> {
    return this.roles.boards.createBoard(board, access)
  }
  getBoard(id: string): Promise<BoardRecord | undefined> {
    return this.roles.boards.getBoard(id)
  }
  listChildBoards(parentId: string): Promise<BoardRecord[]> {
    return this.roles.boards.listChildBoards(parentId)
  }
  getBoardAccess(id: string): Promise<BoardAccess | undefined> {
    return this.roles.boards.getBoardAccess(id)
  }
  setBoardAccess(id: string, access: BoardAccess): Promise<void> {
    return this.roles.boards.setBoardAccess(id, access)
  }

  putAsset(asset: AssetRecord, maxBoardBytes?: number): Promise<boolean> {
    return this.roles.assets.putAsset(asset, maxBoardBytes)
  }
  assetBytes(boardId: string): Promise<number> {
    return this.roles.assets.assetBytes(boardId)
  }
  getAsset(boardId: string, id: string): Promise<AssetRecord | undefined> {
    return this.roles.assets.getAsset(boardId, id)
  }
  listAssets(boardId: string): Promise<AssetRecord[]> {
    return this.roles.assets.listAssets(boardId)
  }
  listBoardsWithAssets(): Promise<string[]> {
    return this.roles.assets.listBoardsWithAssets()
  }
  sweepUnreferencedAssets(
    boardId: string,
    referenced: ReadonlySet<string>,
    now: number,
    deleteMarkedBefore: number,
  ): Promise<string[]> {
    return this.roles.assets.sweepUnreferencedAssets(boardId, referenced, now, deleteMarkedBefore)
  }

  importBoards(boards: readonly ImportedBoard[]): Promise<void> {
    return this.roles.backup.importBoards(boards)
  }

  addVersion(version: StoredVersion): Promise<void> {
    return this.roles.versions.addVersion(version)
  }
  listVersions(docName: string): Promise<VersionInfo[]> {
    return this.roles.versions.listVersions(docName)
  }
  getVersion(docName: string, id: string): Promise<StoredVersion | undefined> {
    return this.roles.versions.getVersion(docName, id)
  }
  replaceVersions(
    docName: string,
    change: { remove: readonly string[]; rewrite: readonly StoredVersion[] },
  ): Promise<void> {
    return this.roles.versions.replaceVersions(docName, change)
  }

  addExportJob(job: StoredExportJob): Promise<void> {
    return this.roles.exportJobs.addExportJob(job)
  }
  getExportJob(id: string): Promise<StoredExportJob | undefined> {
    return this.roles.exportJobs.getExportJob(id)
  }
  listExportJobs(): Promise<StoredExportJob[]> {
    return this.roles.exportJobs.listExportJobs()
  }
  updateRunningExportJob(id: string, change: ExportJobChange): Promise<boolean> {
    return this.roles.exportJobs.updateRunningExportJob(id, change)
  }
  getExportFile(id: string): Promise<Uint8Array | undefined> {
    return this.roles.exportJobs.getExportFile(id)
  }
  deleteExportJobs(ids: readonly string[]): Promise<void> {
    return this.roles.exportJobs.deleteExportJobs(ids)
  }

  setWorkshopDeletion(plenaryId: string, deletion: StoredDeletion | null): Promise<void> {
    return this.roles.deletion.setWorkshopDeletion(plenaryId, deletion)
  }
  listWorkshopsToPurge(now: number): Promise<string[]> {
    return this.roles.deletion.listWorkshopsToPurge(now)
  }
  purgeWorkshop(plenaryId: string): Promise<void> {
    return this.roles.deletion.purgeWorkshop(plenaryId)
  }

  setWorkshopRetention(plenaryId: string, retention: StoredRetention): Promise<void> {
    return this.roles.retention.setWorkshopRetention(plenaryId, retention)
  }
  markWorkshopOpened(plenaryId: string, at: number): Promise<void> {
    return this.roles.retention.markWorkshopOpened(plenaryId, at)
  }
  listWorkshopsDue(now: number, idleBefore?: number): Promise<{ id: string; why: 'scheduled' | 'idle' }[]> {
    return this.roles.retention.listWorkshopsDue(now, idleBefore)
  }
  listLinksExpired(after: number, now: number): Promise<string[]> {
    return this.roles.retention.listLinksExpired(after, now)
  }

  addAuditEvents(plenaryId: string, events: readonly StoredAuditEvent[]): Promise<void> {
    return this.roles.audit.addAuditEvents(plenaryId, events)
  }
  listAuditEvents(plenaryId: string, options?: { limit?: number; before?: string }): Promise<StoredAuditEvent[]> {
    return this.roles.audit.listAuditEvents(plenaryId, options)
  }

  listWorkshops(): Promise<WorkshopSummary[]> {
    return this.roles.inventory.listWorkshops()
  }
}
