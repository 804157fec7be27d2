import type { SerializedSchema, SerializedStore } from '@tldraw/store'
import type { TLRecord, TLStoreSchema } from '@tldraw/tlschema'

export type MigrateDocRecordsResult =
  | {
      ok: true
      /** Every record that migrated, keyed by id, in this client's schema. */
      records: Map<string, TLRecord>
      /** Records that could not be migrated (left untouched in the doc), with the reason. */
      failed: Map<string, string>
    }
  | { ok: false; error: string }

/**
 * Brings records stored under an older schema up to this client's schema.
 *
 * Record by record where possible, so that one broken record costs only itself. Very old docs
 * (before tldraw 2) need storage-scoped migrations that see the whole store; those run all at once.
 */
export function migrateDocRecords(
  schema: TLStoreSchema,
  docSchema: SerializedSchema,
  entries: ReadonlyMap<string, unknown>,
): MigrateDocRecordsResult {
  const migrations = schema.getMigrationsSince(docSchema)
  if (!migrations.ok) return { ok: false, error: migrations.error }

  const records = new Map<string, TLRecord>()
  const failed = new Map<string, string>()
  const objects = new Map<string, TLRecord>()
  for (const [key, value] of entries) {
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) objects.set(key, value as TLRecord)
    else failed.set(key, 'not an object')
  }

  if (migrations.value.every((m) => m.scope === 'record')) {
    for (const [key, record] of objects) {
      const result = schema.migratePersistedRecord(record, docSchema, 'up')
      if (result.type === 'success') records.set(key, result.value)
      else failed.set(key, result.reason)
    }
    return { ok: true, records, failed }
  }

  const result = schema.migrateStoreSnapshot({
    schema: docSchema,
    store: Object.fromEntries(objects) as SerializedStore<TLRecord>,
  })
  if (result.type === 'error') return { ok: false, error: result.reason }
  for (const [key, record] of Object.entries(result.value)) records.set(key, record)
  return { ok: true, records, failed }
}
