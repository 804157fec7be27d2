export { SqliteStorage } from './SqliteStorage.ts'
export { StorageCorruptError } from './Storage.ts'
export type {
  AssetRecord,
  AssetStorage,
  BoardAccess,
  BoardRecord,
  BoardStorage,
  BackupStorage,
  ImportedBoard,
  DocStats,
  DocStorage,
  Storage,
  StoredDoc,
  StoredVersion,
  VersionInfo,
  VersionStorage,
} from './Storage.ts'
