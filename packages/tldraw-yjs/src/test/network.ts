import * as Y from 'yjs'

const NETWORK = Symbol('network')

/**
 * Y.Docs joined by an in-memory network that holds every update until `deliver` is called, so tests
 * decide when peers hear from each other (and so concurrent edits really are concurrent).
 */
export class TestNetwork {
  readonly docs: Y.Doc[] = []
  /** inboxes.get(doc) = updates waiting for that doc */
  private readonly inboxes = new Map<Y.Doc, Uint8Array[]>()

  /** Adds a doc; it first receives everyone's current state, as a provider's sync step would. */
  join(doc = new Y.Doc()): Y.Doc {
    for (const other of this.docs) {
      Y.applyUpdate(doc, Y.encodeStateAsUpdate(other), NETWORK)
      this.inboxes.get(other)!.push(Y.encodeStateAsUpdate(doc))
    }
    this.inboxes.set(doc, [])
    this.docs.push(doc)
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === NETWORK) return
      for (const other of this.docs) if (other !== doc) this.inboxes.get(other)!.push(update)
    })
    return doc
  }

  pending(doc: Y.Doc): number {
    return this.inboxes.get(doc)!.length
  }

  /** Delivers up to `count` waiting updates to `doc`, oldest first (all by default). */
  deliver(doc: Y.Doc, count = Infinity) {
    const inbox = this.inboxes.get(doc)!
    const batch = inbox.splice(0, count)
    for (const update of batch) Y.applyUpdate(doc, update, NETWORK)
  }

  /** Delivers until every inbox is empty (delivering can make peers write, e.g. migrations). */
  settle() {
    for (let round = 0; round < 100; round++) {
      if (this.docs.every((d) => this.pending(d) === 0)) return
      for (const doc of this.docs) this.deliver(doc)
    }
    throw new Error('network did not settle')
  }
}
