import type * as Y from 'yjs'
import { CODRAFT_TEXT_PREFIX } from '@cg/codraft'
import { META_MAP_NAME, RECORDS_ARRAY_NAME, SCHEMA_KEY } from '@cg/tldraw-yjs/layout'

/** What a version keeps of a board: every record by id, and every co-drafted text by its root name. */
export interface VersionContent {
  records: Record<string, unknown>
  texts: Record<string, string>
  /** The stored tldraw schema the records were written with (to migrate them when read later). */
  schema?: unknown
}

/**
 * A board's content as its readers see it, read without writing: the rightmost entry of each key, as YKeyValue
 * reads it (a YKeyValue on the room's doc would clean up duplicates by writing, outside the durable path).
 */
export function readVersionContent(doc: Y.Doc): VersionContent {
  const records: Record<string, unknown> = {}
  for (const entry of doc.getArray<{ key?: unknown; val?: unknown }>(RECORDS_ARRAY_NAME).toArray()) {
    if (typeof entry?.key === 'string') records[entry.key] = entry.val
  }
  const texts: Record<string, string> = {}
  for (const name of doc.share.keys()) {
    if (!name.startsWith(CODRAFT_TEXT_PREFIX)) continue
    const text = doc.getText(name).toString()
    if (text) texts[name] = text
  }
  const schema = doc.getMap<unknown>(META_MAP_NAME).get(SCHEMA_KEY)
  return schema === undefined ? { records, texts } : { records, texts, schema }
}

/** How many shapes a version holds (what the History list shows). */
export function shapeCount(content: VersionContent): number {
  return Object.values(content.records).filter((record) => (record as { typeName?: unknown })?.typeName === 'shape')
    .length
}
