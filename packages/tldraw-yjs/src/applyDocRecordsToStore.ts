import type { TLRecord, TLStore } from '@tldraw/tlschema'
import type { BindingLog } from './log.ts'

/**
 * Copies entries read from the doc into the store: a value puts the record, `undefined` removes it.
 *
 * Runs inside `mergeRemoteChanges`, so the changes are marked 'remote': the editor's undo stack and our own
 * store listener both ignore them. Each record is checked on its own first, so a single bad record from a
 * peer (not an object, session-scoped type, failed validation) is skipped and logged while the rest apply.
 *
 * @returns how many entries were skipped
 */
export function applyDocRecordsToStore(
  store: TLStore,
  entries: Iterable<readonly [key: string, value: unknown]>,
  log: BindingLog,
): number {
  const puts: TLRecord[] = []
  const removals: TLRecord['id'][] = []
  let skipped = 0
  const skip = (key: string, message: string, detail?: unknown) => {
    skipped++
    log('warn', `Skipped record ${key} from the shared doc: ${message}`, detail)
  }

  for (const [key, value] of entries) {
    const existing = store.unsafeGetWithoutCapture(key as TLRecord['id'])
    if (value === undefined) {
      if (!existing) continue
      if (store.scopedTypes.document.has(existing.typeName)) removals.push(existing.id)
      else skip(key, 'not a document record')
      continue
    }
    const problem = checkRecord(store, key, value, existing ?? null)
    if (problem) skip(key, problem.message, problem.detail)
    else puts.push(value as TLRecord)
  }

  // One put for all records: tldraw squashes one history entry per put, at a cost that grows with the
  // square of their number, so record-by-record puts made loading a large board take seconds.
  try {
    store.mergeRemoteChanges(() => {
      if (removals.length > 0) store.remove(removals)
      if (puts.length > 0) store.put(puts)
    })
  } catch (error) {
    // Only a side-effect handler can throw here (records were validated above). tldraw rolled the failed
    // transaction back (unless the caller had one open around us), so retry one record at a time.
    log('warn', 'Applying changes from the shared doc in one go failed; retrying record by record', error)
    store.mergeRemoteChanges(() => {
      for (const id of removals) {
        try {
          store.remove([id])
        } catch (err) {
          skip(id, 'removing it failed', err)
        }
      }
      for (const record of puts) {
        try {
          store.put([record])
        } catch (err) {
          skip(record.id, 'putting it failed', err)
        }
      }
    })
  }
  return skipped
}

function checkRecord(
  store: TLStore,
  key: string,
  value: unknown,
  existing: TLRecord | null,
): { message: string; detail?: unknown } | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { message: 'not an object' }
  const { id, typeName } = value as { id?: unknown; typeName?: unknown }
  if (id !== key) return { message: 'its id does not match its key', detail: id }
  // Only document records belong in the doc; a peer must not be able to drive our camera or selection.
  if (typeof typeName !== 'string' || !store.scopedTypes.document.has(typeName as TLRecord['typeName'])) {
    return { message: `"${String(typeName)}" is not a document record type`, detail: value }
  }
  if (!key.startsWith(`${typeName}:`)) return { message: 'its id does not match its type', detail: value }
  try {
    store.schema.validateRecord(store, value as TLRecord, existing ? 'updateRecord' : 'createRecord', existing)
    return null
  } catch (error) {
    return { message: 'it failed validation', detail: error }
  }
}
