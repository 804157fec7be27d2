import { gunzipSync, gzipSync } from 'node:zlib'
import type { VersionContent } from './versionContent.ts'

/** From one version to the next: records and texts set (added or changed) and removed. */
export interface ContentDiff {
  set: Record<string, unknown>
  removed: string[]
  texts: Record<string, string>
  removedTexts: string[]
  /** The schema, when it changed. */
  schema?: unknown
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)

export function diffContent(from: VersionContent, to: VersionContent): ContentDiff {
  const diff: ContentDiff = { set: {}, removed: [], texts: {}, removedTexts: [] }
  for (const [id, record] of Object.entries(to.records)) if (!same(from.records[id], record)) diff.set[id] = record
  for (const id of Object.keys(from.records)) if (!(id in to.records)) diff.removed.push(id)
  for (const [name, text] of Object.entries(to.texts)) if (from.texts[name] !== text) diff.texts[name] = text
  for (const name of Object.keys(from.texts)) if (!(name in to.texts)) diff.removedTexts.push(name)
  if (!same(from.schema, to.schema)) diff.schema = to.schema
  return diff
}

export function applyContentDiff(from: VersionContent, diff: ContentDiff): VersionContent {
  const records = { ...from.records, ...diff.set }
  for (const id of diff.removed) delete records[id]
  const texts = { ...from.texts, ...diff.texts }
  for (const name of diff.removedTexts) delete texts[name]
  const schema = 'schema' in diff ? diff.schema : from.schema
  return schema === undefined ? { records, texts } : { records, texts, schema }
}

/** Stored form of a whole version or a difference: JSON, gzip-compressed (records repeat their field names). */
export function encodeStored(value: VersionContent | ContentDiff): Uint8Array {
  return gzipSync(JSON.stringify(value))
}

export function decodeStored<T extends VersionContent | ContentDiff>(data: Uint8Array): T {
  return JSON.parse(gunzipSync(data).toString('utf8')) as T
}
