export { PostgresStorage, type PostgresStorageOptions } from './PostgresStorage.ts'
export { SqliteStorage } from './SqliteStorage.ts'
export { StorageCorruptError } from './Storage.ts'
export type {
  AssetRecord,
  AssetStorage,
  BoardAccess,
  BoardRecord,
  BoardStorage,
  BackupStorage,
  DeletionStorage,
  StoredDeletion,
  ImportedBoard,
  DocStats,
  DocStorage,
  ExportJobChange,
  ExportJobStorage,
  ExportStarter,
  StoredExportJob,
  Storage,
  StoredDoc,
  StoredUpdate,
  UpdatesSince,
  StoredVersion,
  VersionInfo,
  VersionStorage,
} from './Storage.ts'
