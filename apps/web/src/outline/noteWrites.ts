import type * as Y from 'yjs'
import { isPrivateRecord } from '@cg/facilitation/private-drafts'
import type { RecordChanges } from '@cg/outline'
import { getRecordsKeyValue, writeEntries } from '@cg/tldraw-yjs/layout'

/** Where each change goes: private drafts to this person's private room, everything else to the board. */
export function splitChanges(
  changes: RecordChanges,
  inPrivateRoom: (id: string) => boolean,
): { board: RecordChanges; private: RecordChanges } {
  const board: RecordChanges = new Map()
  const own: RecordChanges = new Map()
  for (const [id, record] of changes) {
    const isPrivate = record === undefined ? inPrivateRoom(id) : isPrivateRecord(record)
    ;(isPrivate ? own : board).set(id, record)
  }
  return { board, private: own }
}

/**
 * A private draft carries its author's name, as the canvas marks it in private mode, for a reveal that names them.
 * Other records pass unchanged.
 */
export function withAuthorName(changes: RecordChanges, authorName: string): RecordChanges {
  const named: RecordChanges = new Map()
  for (const [id, record] of changes) {
    if (record !== undefined && isPrivateRecord(record)) {
      const withMeta = record as { meta: Record<string, unknown> }
      named.set(id, { ...withMeta, meta: { ...withMeta.meta, authorName } })
    } else named.set(id, record)
  }
  return named
}

/** Writes record changes into a doc in one transaction, as the canvas binding writes records. */
export function writeChanges(doc: Y.Doc, changes: RecordChanges, origin: unknown): void {
  if (changes.size === 0) return
  doc.transact(() => writeEntries(getRecordsKeyValue(doc), changes), origin)
}
