import type * as Y from 'yjs'
import { readWorkshop, writeWorkshop, type WorkshopField, type WorkshopValue } from '@cg/facilitation'

/** A facilitator's change to the workshop state, as one transaction (one message to everyone). */
export function updateWorkshop<K extends WorkshopField>(
  doc: Y.Doc,
  field: K,
  change: (current: WorkshopValue<K>) => WorkshopValue<K>,
): void {
  doc.transact(() => writeWorkshop(doc, field, change(readWorkshop(doc, field))))
}

export function newItemId(): string {
  return crypto.randomUUID().slice(0, 12)
}
