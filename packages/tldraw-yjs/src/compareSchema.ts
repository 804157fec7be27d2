import type { SerializedSchema, StoreSchema, UnknownRecord } from '@tldraw/store'

/**
 * How the schema stored in a doc relates to this client's schema.
 * - `same`: read and write freely.
 * - `older`: the doc was written by an older client; migrate its records up and write them back.
 * - `newer`: written by a newer (or unknown) client; never write, ask the user to refresh.
 * - `missing`: the doc has no schema yet (a new board).
 */
export type SchemaComparison =
  { status: 'same' } | { status: 'older' } | { status: 'newer'; reason: string } | { status: 'missing' }

export function compareSchema(schema: StoreSchema<UnknownRecord, unknown>, docSchema: unknown): SchemaComparison {
  if (docSchema === undefined || docSchema === null) return { status: 'missing' }
  if (!isSerializedSchema(docSchema))
    return { status: 'newer', reason: 'the stored schema has a format this client cannot read' }

  const ours = schema.serialize().sequences
  if (docSchema.schemaVersion === 2) {
    // getMigrationsSince ignores sequences it does not know, so check them here: a sequence we have never
    // heard of means a newer client (a new shape type, say) wrote this doc.
    for (const [sequenceId, version] of Object.entries(docSchema.sequences)) {
      const ourVersion = ours[sequenceId]
      if (ourVersion === undefined) return { status: 'newer', reason: `unknown migration sequence ${sequenceId}` }
      if (version > ourVersion) {
        return {
          status: 'newer',
          reason: `${sequenceId} is at version ${version}; this client knows up to ${ourVersion}`,
        }
      }
    }
  }

  const migrations = schema.getMigrationsSince(docSchema)
  if (!migrations.ok) return { status: 'newer', reason: `incompatible schema: ${migrations.error}` }

  // Behind even without migrations to run when the doc lacks a sequence we have (a type added since).
  const behind =
    migrations.value.length > 0 ||
    docSchema.schemaVersion === 1 ||
    Object.entries(ours).some(([sequenceId, version]) => docSchema.sequences[sequenceId] !== version)
  return behind ? { status: 'older' } : { status: 'same' }
}

function isSerializedSchema(value: unknown): value is SerializedSchema {
  if (typeof value !== 'object' || value === null) return false
  const v = value as Record<string, unknown>
  if (v.schemaVersion === 2) {
    return isRecordOf(v.sequences, (n) => typeof n === 'number')
  }
  if (v.schemaVersion === 1) {
    return (
      typeof v.storeVersion === 'number' && isRecordOf(v.recordVersions, (r) => typeof r === 'object' && r !== null)
    )
  }
  return false
}

function isRecordOf(value: unknown, check: (v: unknown) => boolean): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.values(value).every(check)
}
