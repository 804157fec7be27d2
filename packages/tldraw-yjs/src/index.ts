export {
  awarenessClientIdOf,
  bindPresenceToAwareness,
  DEFAULT_PRESENCE_FIELD,
  type BindPresenceToAwarenessOptions,
  type PresenceBinding,
  type PresenceUser,
} from './bindPresenceToAwareness.ts'
export {
  bindStoreToYDoc,
  type BindStoreToYDocOptions,
  type LoadProgress,
  type ReadOnlyReason,
  type SchemaMismatchInfo,
  type StoreBinding,
} from './bindStoreToYDoc.ts'
export { compareSchema, type SchemaComparison } from './compareSchema.ts'
export {
  getMetaMap,
  getRecordsKeyValue,
  META_MAP_NAME,
  readDocRecords,
  RECORDS_ARRAY_NAME,
  SCHEMA_KEY,
  type RecordsKeyValue,
} from './docLayout.ts'
export { consoleLog, type BindingLog } from './log.ts'
export { migrateDocRecords, type MigrateDocRecordsResult } from './migrateDocRecords.ts'
export { jsonEqual } from './jsonEqual.ts'
export { loadStepsNearestFirst, type PageArea } from './loadOrder.ts'
