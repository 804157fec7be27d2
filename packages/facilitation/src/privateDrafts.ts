import * as Y from 'yjs'
import { getRecordsKeyValue, writeEntries } from '@cg/tldraw-yjs/layout'

/*
 * Private mode. While it is on, a participant's new shapes are marked `meta.private` and kept in their own
 * private room (`<board>:private:<key>`) instead of the board, so other browsers never receive them. The
 * server reveals them on the facilitator's word: it copies them into the board under new ids (optionally
 * without the author's name) and removes them from the private room.
 */

interface RecordLike {
  id: string
  typeName: string
  meta?: Record<string, unknown>
  parentId?: string
  fromId?: string
  toId?: string
  [key: string]: unknown
}

function isRecordLike(value: unknown): value is RecordLike {
  const record = value as RecordLike | null
  return typeof record?.id === 'string' && typeof record.typeName === 'string'
}

/** A record that belongs in a private room rather than on the board. */
export function isPrivateRecord(record: unknown): boolean {
  return (
    isRecordLike(record) &&
    (record.typeName === 'shape' || record.typeName === 'binding') &&
    record.meta?.private === true
  )
}

/** A record the shared board holds: everything but private drafts, which live in their author's private room. */
export function isSharedRecord(record: unknown): boolean {
  return !isPrivateRecord(record)
}

export interface RevealPlan {
  /** Records to add to the board, under their new ids. */
  toBoard: Map<string, RecordLike>
  /** Ids to delete from the private room. */
  fromPrivate: string[]
}

/**
 * What revealing a private room's drafts does. New ids, so the author's client (which drops the private
 * copies) and everyone else (who add the board copies) never fight over one id; references between the
 * revealed records (a note inside a private frame, an arrow's ends) follow the new ids.
 */
export function planReveal(
  privateRecords: ReadonlyMap<string, unknown>,
  options: { anonymous: boolean; newId: (typeName: string) => string },
): RevealPlan {
  const drafts = [...privateRecords.values()].filter(isPrivateRecord) as RecordLike[]
  const renamed = new Map(drafts.map((record) => [record.id, options.newId(record.typeName)]))
  const follow = (id: unknown) => (typeof id === 'string' ? (renamed.get(id) ?? id) : id)
  const toBoard = new Map<string, RecordLike>()
  for (const record of drafts) {
    const { private: _private, authorName, ...meta } = record.meta ?? {}
    const copy: RecordLike = {
      ...record,
      id: renamed.get(record.id)!,
      meta: options.anonymous || typeof authorName !== 'string' ? meta : { ...meta, revealedAuthor: authorName },
    }
    if ('parentId' in record) copy.parentId = follow(record.parentId) as string
    if ('fromId' in record) copy.fromId = follow(record.fromId) as string
    if ('toId' in record) copy.toId = follow(record.toId) as string
    toBoard.set(copy.id, copy)
  }
  return { toBoard, fromPrivate: drafts.map((record) => record.id) }
}

/**
 * The update that makes `change` to a copy of `doc`, without touching `doc` itself: the server stores such an
 * update before applying it, like any peer's. Null when the change changed nothing.
 */
export function updateFor(doc: Y.Doc, change: (copy: Y.Doc) => void): Uint8Array | null {
  const copy = new Y.Doc()
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc))
  const before = Y.encodeStateVector(copy)
  copy.transact(() => change(copy))
  const update = Y.encodeStateAsUpdate(copy, before)
  copy.destroy()
  // An update that carries no structs and no deletions is 2 bytes long.
  return update.byteLength > 2 ? update : null
}

/** The update adding `records` to a board doc. */
export function addRecordsUpdate(boardDoc: Y.Doc, records: ReadonlyMap<string, unknown>): Uint8Array | null {
  if (records.size === 0) return null
  return updateFor(boardDoc, (copy) => writeEntries(getRecordsKeyValue(copy), records))
}

/** The update deleting `ids` from a doc's records. */
export function removeRecordsUpdate(doc: Y.Doc, ids: readonly string[]): Uint8Array | null {
  if (ids.length === 0) return null
  return updateFor(doc, (copy) => writeEntries(getRecordsKeyValue(copy), new Map(ids.map((id) => [id, undefined]))))
}
