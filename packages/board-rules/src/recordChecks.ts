import type { SerializedSchema } from '@tldraw/store'
import { compareSchema, type SchemaComparison } from '@cg/tldraw-yjs'
import { RefusalReason } from '@cg/contract'
import { boardSchema } from './boardSchema.ts'

/** A record as stored in the doc: checked before anything reads more than these fields. */
export interface StoredRecord {
  id: string
  typeName: string
  type?: string
  parentId?: string
  isLocked?: boolean
  meta?: Record<string, unknown>
  [key: string]: unknown
}

export function isStoredRecord(value: unknown): value is StoredRecord {
  const record = value as StoredRecord | null
  return (
    typeof record === 'object' &&
    record !== null &&
    typeof record.id === 'string' &&
    typeof record.typeName === 'string'
  )
}

// The stored schema is one object until someone writes another: compare each one once.
const statusBySchema = new WeakMap<object, SchemaComparison['status']>()

/** How a stored schema relates to this server's (see compareSchema). */
export function schemaStatus(schema: unknown): SchemaComparison['status'] {
  if (typeof schema !== 'object' || schema === null) return compareSchema(boardSchema, schema).status
  let status = statusBySchema.get(schema)
  if (!status) {
    status = compareSchema(boardSchema, schema).status
    statusBySchema.set(schema, status)
  }
  return status
}

/** Whether a stored schema is one this server can read: its own, or an older one it migrates from. */
export function isReadableSchema(schema: unknown): boolean {
  const status = schemaStatus(schema)
  return status === 'same' || status === 'older'
}

/**
 * Whether `value` is a valid record for key `key`: a document record of a type this server knows, that
 * passes tldraw's own validation (after migrating it from the doc's schema when that is older).
 */
export function isValidRecord(key: string, value: unknown, docSchema: unknown): boolean {
  if (!isStoredRecord(value) || value.id !== key) return false
  const type = boardSchema.types[value.typeName as keyof typeof boardSchema.types]
  if (!type || type.scope !== 'document') return false
  let record: unknown = value
  if (schemaStatus(docSchema) === 'older') {
    const migrated = boardSchema.migratePersistedRecord(value as never, docSchema as SerializedSchema, 'up')
    if (migrated.type !== 'success') return false
    record = migrated.value
  }
  try {
    type.validate(record as never)
    return true
  } catch {
    return false
  }
}

/** Template scaffold a participant may not change while the facilitator's lock is on. */
export function isLockedScaffold(record: StoredRecord): boolean {
  return record.typeName === 'shape' && record.isLocked === true
}

/** A template's own frame, which participants may not delete while the lock is on. */
export function isTemplateFrame(record: StoredRecord): boolean {
  return record.typeName === 'shape' && record.type === 'frame' && record.meta?.template !== undefined
}

const MOVABLE = new Set(['x', 'y'])

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b)
}

/** Whether two versions of a record differ only in position. */
export function onlyMoved(before: StoredRecord, after: StoredRecord): boolean {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)])
  for (const key of keys) {
    if (MOVABLE.has(key)) continue
    if (!sameJson(before[key], after[key])) return false
  }
  return true
}

/**
 * Whether a locked grid shape (a row's header or cell) only grew taller: the row growing to hold the notes put in
 * it, which a participant's browser does as they work.
 */
export function onlyGrewTaller(before: StoredRecord, after: StoredRecord): boolean {
  const part = (before.meta as { part?: unknown } | undefined)?.part
  if (part !== 'grid-cell' && part !== 'grid-row-header') return false
  const beforeProps = before.props as Record<string, unknown> | undefined
  const afterProps = after.props as Record<string, unknown> | undefined
  if (typeof beforeProps?.h !== 'number' || typeof afterProps?.h !== 'number' || afterProps.h <= beforeProps.h)
    return false
  return sameJson({ ...before, props: { ...beforeProps, h: 0 } }, { ...after, props: { ...afterProps, h: 0 } })
}

/** One record's change by one update: its value before and after (undefined: absent). */
export interface RecordChange {
  key: string
  before: unknown
  after: unknown
}

export interface ScaffoldContext {
  /** A participant (not a facilitator) wrote this, while the facilitator's scaffold lock is on. */
  locked: boolean
  /** Parents that the same update gave a new locked shape: a grid row added, which moves the rows below. */
  parentsGivenRows: ReadonlySet<string>
  /** Template frames the same update made taller: a row grown to hold notes, which moves the rows below. */
  framesGrown: ReadonlySet<string>
}

/** A record in this server's schema, migrated from `schema` when that is older; the record itself otherwise. */
export function inCurrentSchema(record: StoredRecord, schema: unknown): unknown {
  if (schemaStatus(schema) !== 'older') return record
  const migrated = boardSchema.migratePersistedRecord(record as never, schema as SerializedSchema, 'up')
  return migrated.type === 'success' ? migrated.value : record
}

/** The doc's stored schema before and after the update. */
export interface SchemaChange {
  before: unknown
  after: unknown
}

/** Why this change may not land, or null. */
export function checkRecordChange(
  change: RecordChange,
  schema: SchemaChange,
  scaffold: ScaffoldContext,
): RefusalReason | null {
  const { key, before, after } = change
  if (after !== undefined && !isValidRecord(key, after, schema.after)) return RefusalReason.invalidRecord
  if (!scaffold.locked || !isStoredRecord(before)) return null
  // Rewritten as it was, or only brought up to the current schema (a browser migrating an older board).
  if (
    after !== undefined &&
    sameJson(inCurrentSchema(before, schema.before), inCurrentSchema(after as StoredRecord, schema.after))
  ) {
    return null
  }
  if (after === undefined) {
    return isLockedScaffold(before) || isTemplateFrame(before) ? RefusalReason.scaffoldLocked : null
  }
  if (!isLockedScaffold(before)) return null
  const moved = after as StoredRecord
  if (moved.isLocked !== true) return RefusalReason.scaffoldLocked
  const parent = String(before.parentId)
  const rowMove =
    onlyMoved(before, moved) && (scaffold.parentsGivenRows.has(parent) || scaffold.framesGrown.has(parent))
  const rowGrowth = onlyGrewTaller(before, moved) && scaffold.framesGrown.has(parent)
  return rowMove || rowGrowth ? null : RefusalReason.scaffoldLocked
}

/** Records written under `schema`, brought up to this server's (records that cannot be are left as they are). */
export function recordsInCurrentSchema(records: Record<string, unknown>, schema: unknown): Record<string, unknown> {
  if (schemaStatus(schema) !== 'older') return records
  return Object.fromEntries(
    Object.entries(records).map(([id, record]) => [
      id,
      isStoredRecord(record) ? inCurrentSchema(record, schema) : record,
    ]),
  )
}
