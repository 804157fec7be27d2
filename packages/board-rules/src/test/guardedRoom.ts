import * as Y from 'yjs'
import type { RoomRules, RuleBreak } from '@cg/sync-server'

/**
 * The review-and-correct step of a sync-server room, on a plain doc: a peer's update is applied, reviewed inside
 * its transaction, and a rule break is reverted by a transaction of the room's own. Returns the correction the
 * sender gets back (null when the update kept every rule) and the reason.
 */
export function guardedRoom(rules: (doc: Y.Doc) => RoomRules) {
  const doc = new Y.Doc()
  // Listening before the rules do, as a sync-server room does: the review sees a peer's transaction first.
  let reviewing: { origin: object; grant: unknown; found: RuleBreak | null } | null = null
  doc.on('afterTransaction', (transaction: Y.Transaction) => {
    if (reviewing && transaction.origin === reviewing.origin) {
      reviewing.found = guard.review(transaction, reviewing.grant)
    }
  })
  const guard = rules(doc)
  return {
    doc,
    /**
     * `correction` goes back to the sender; `net` is what the room stores and sends everyone else (the update
     * itself when nothing was refused).
     */
    receive(
      update: Uint8Array,
      grant: unknown,
    ): { reason: string | null; correction: Uint8Array | null; net: Uint8Array } {
      const stateBefore = Y.encodeStateVector(doc)
      const review = { origin: { peer: true }, grant, found: null as RuleBreak | null }
      reviewing = review
      try {
        Y.applyUpdate(doc, update, review.origin)
      } finally {
        reviewing = null
      }
      const broken = review.found
      if (!broken) return { reason: null, correction: null, net: update }
      let correction: Uint8Array | null = null
      const capture = (made: Uint8Array) => (correction = made)
      doc.on('update', capture)
      doc.transact(() => broken.revert(), 'room')
      doc.off('update', capture)
      return { reason: broken.reason, correction, net: Y.encodeStateAsUpdate(doc, stateBefore) }
    },
  }
}

/** Runs `edit` on `client` and returns the update it made. */
export function updateOf(client: Y.Doc, edit: () => void): Uint8Array {
  const updates: Uint8Array[] = []
  const collect = (update: Uint8Array) => updates.push(update)
  client.on('update', collect)
  client.transact(edit)
  client.off('update', collect)
  return Y.mergeUpdates(updates)
}
