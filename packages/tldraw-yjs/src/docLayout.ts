import { YKeyValue } from 'y-utility/y-keyvalue'
import type * as Y from 'yjs'

/*
 * The layout of a board inside a Y.Doc. These names are a storage format: renaming one orphans every
 * stored board, so they live here, once, for the binding and for any server-side tool that reads boards.
 *
 *   doc.getArray('tl_records')  YKeyValue entries { key: record id, val: record }
 *   doc.getMap('tl_meta')       'schema' → the writer's `store.schema.serialize()`
 *   doc.getText('codraft:<id>') the text of co-draft block <id>, owned by @cg/codraft (the binding never
 *                               touches it)
 *
 * YKeyValue (an array of key/value pairs, newest on the right) instead of one Y.Map key per record:
 * a Y.Map keeps a tombstone per overwrite when keys are updated in turn, so a board whose shapes are
 * dragged around grows without bound; YKeyValue's tombstones merge away.
 */
export const RECORDS_ARRAY_NAME = 'tl_records'
export const META_MAP_NAME = 'tl_meta'
export const SCHEMA_KEY = 'schema'

/** Values come from peers, so they stay `unknown` until checked against the schema. */
export type RecordsKeyValue = YKeyValue<unknown>

// YKeyValue registers an observer it never removes; one instance per array avoids piling them up
// when a board is bound, disposed and bound again.
const keyValues = new WeakMap<Y.Array<{ key: string; val: unknown }>, RecordsKeyValue>()

export function getRecordsKeyValue(doc: Y.Doc): RecordsKeyValue {
  const yarray = doc.getArray<{ key: string; val: unknown }>(RECORDS_ARRAY_NAME)
  let kv = keyValues.get(yarray)
  if (!kv) {
    kv = new YKeyValue<unknown>(yarray)
    keyValues.set(yarray, kv)
  }
  return kv
}

export function getMetaMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>(META_MAP_NAME)
}

/** A copy of every record entry in the doc, as stored (unvalidated, possibly an older schema). */
export function readDocRecords(doc: Y.Doc): Map<string, unknown> {
  const kv = getRecordsKeyValue(doc)
  return new Map([...kv.map].map(([key, entry]) => [key, entry.val]))
}

/**
 * Sets (value) or deletes (`undefined`) many entries in one pass. `YKeyValue.set` scans the array for the
 * old entry on every call, so moving 1,000 shapes of a 4,000-record board cost ~4 million steps per frame;
 * this finds all old entries in one scan, deletes them in runs and appends the new ones in one push.
 * Call it inside a transaction; YKeyValue's observer sees the same delete-then-append it would for `set`.
 */
export function writeEntries(kv: RecordsKeyValue, entries: ReadonlyMap<string, unknown>) {
  if (entries.size === 0) return
  const stale: number[] = []
  let index = 0
  for (const entry of kv.yarray) {
    if (entries.has(entry.key) && kv.map.get(entry.key) === entry) stale.push(index)
    index++
  }
  // Delete from the right so earlier indices stay valid; neighbours go in one call.
  for (let end = stale.length - 1; end >= 0;) {
    let start = end
    while (start > 0 && stale[start - 1] === stale[start]! - 1) start--
    kv.yarray.delete(stale[start]!, end - start + 1)
    end = start - 1
  }
  const added = [...entries].filter(([, val]) => val !== undefined).map(([key, val]) => ({ key, val }))
  if (added.length > 0) kv.yarray.push(added)
}
