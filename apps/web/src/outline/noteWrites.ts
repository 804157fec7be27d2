import type * as Y from 'yjs'
import type { RecordChanges } from '@cg/outline'
import { getRecordsKeyValue, writeEntries } from '@cg/tldraw-yjs/layout'

/** Writes record changes into a doc in one transaction, as the canvas binding writes records. */
export function writeChanges(doc: Y.Doc, changes: RecordChanges, origin: unknown): void {
  if (changes.size === 0) return
  doc.transact(() => writeEntries(getRecordsKeyValue(doc), changes), origin)
}
