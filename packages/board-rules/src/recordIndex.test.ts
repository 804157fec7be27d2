import { describe, expect, it } from 'vitest'
import * as encoding from 'lib0/encoding'
import * as Y from 'yjs'
import { RECORDS_ARRAY_NAME } from '@cg/tldraw-yjs/layout'
import { RecordIndex } from './recordIndex.ts'
import { transactionItems, type SharedType } from './typeChanges.ts'

/** A doc whose index follows every transaction, placing entries with at most `walkSteps` steps. */
function indexedDoc(walkSteps = Infinity) {
  const doc = new Y.Doc()
  const list = doc.getArray<{ key: string; val: unknown }>(RECORDS_ARRAY_NAME)
  const index = new RecordIndex(list as SharedType)
  const changes: ReturnType<RecordIndex['apply']>[] = []
  doc.on('afterTransaction', (transaction: Y.Transaction) => {
    if (transaction.changed.has(list as SharedType)) {
      changes.push(index.apply(transactionItems(transaction, list as SharedType), walkSteps))
    }
  })
  return { doc, list, last: () => changes.at(-1)! }
}

/**
 * An update of one struct from `client`: `length` deleted values in the records list, as any peer can claim in a
 * few bytes (Yjs update format v1: an item of ContentDeleted, ref 1, whose parent is the root type by name).
 */
function deletedRun(client: number, length: number): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, 1) // clients
  encoding.writeVarUint(encoder, 1) // structs
  encoding.writeVarUint(encoder, client)
  encoding.writeVarUint(encoder, 0) // first clock
  encoding.writeUint8(encoder, 1) // info: no origins, ContentDeleted
  encoding.writeVarUint(encoder, 1) // parent given by name
  encoding.writeVarString(encoder, RECORDS_ARRAY_NAME)
  encoding.writeVarUint(encoder, length)
  encoding.writeVarUint(encoder, 0) // empty delete set
  return encoding.toUint8Array(encoder)
}

/** The value YKeyValue reads for `key`: the rightmost entry's. */
function rightmost(list: Y.Array<{ key: string; val: unknown }>, key: string): unknown {
  return list
    .toArray()
    .filter((entry) => entry.key === key)
    .at(-1)?.val
}

describe('RecordIndex', () => {
  it('reads the rightmost of two concurrent entries as the value, as YKeyValue does', () => {
    for (const [first, second] of [
      [1, 2],
      [2, 1],
    ] as const) {
      const { doc, list, last } = indexedDoc()
      const a = new Y.Doc()
      a.clientID = first
      const b = new Y.Doc()
      b.clientID = second
      a.getArray(RECORDS_ARRAY_NAME).push([{ key: 'k', val: 'a' }])
      b.getArray(RECORDS_ARRAY_NAME).push([{ key: 'k', val: 'b' }])
      Y.applyUpdate(doc, Y.encodeStateAsUpdate(a))
      Y.applyUpdate(doc, Y.encodeStateAsUpdate(b))
      expect(last().keys.get('k')!.after).toBe(rightmost(list, 'k'))
    }
  })

  it('places a key’s second entry behind a deleted run of ten million without walking it', () => {
    const { doc, list, last } = indexedDoc(10)
    list.push([{ key: 'k', val: 'first' }])
    // One struct of ten million values, deleted: a single item in the list, 26 bytes on the wire.
    const run = deletedRun(7, 10_000_000)
    expect(run.byteLength).toBeLessThan(30)
    Y.applyUpdate(doc, run)
    list.push([
      { key: 'k', val: 'second' },
      { key: 'k', val: 'third' },
    ])
    const change = last().keys.get('k')!
    expect(change.before).toBe('first')
    expect(change.after).toBe('third')
    expect(last().unordered).toEqual([])
    expect(rightmost(list, 'k')).toBe('third')
  })

  it('leaves out an entry placed between others: every writer of the list appends', () => {
    const { doc, list, last } = indexedDoc(50)
    list.push([{ key: 'k', val: 'old' }])
    // Two hundred items (from as many clients: one client's consecutive pushes merge into one item).
    const own = doc.clientID
    for (let i = 0; i < 200; i++) {
      doc.clientID = 1_000 + i
      list.push([{ key: `n${i}`, val: i }])
    }
    doc.clientID = own
    // A hundred items from the other entry, and a hundred from the end of the list.
    list.insert(101, [{ key: 'k', val: 'far' }])
    expect(last().misplaced.flatMap((item) => item.content.getContent())).toEqual([{ key: 'k', val: 'far' }])
    expect(last().keys.has('k')).toBe(false)
  })

  it('keeps the order it found when the rightmost entry goes, however far apart the others are by then', () => {
    const { doc, list, last } = indexedDoc(4)
    list.push([{ key: 'k', val: 'left' }])
    list.push([{ key: 'k', val: 'right' }])
    // Two hundred items come between them afterwards.
    for (let i = 0; i < 200; i++) {
      doc.clientID = 1_000 + i
      list.insert(1, [{ key: `n${i}`, val: i }])
    }
    list.delete(list.length - 1, 1)
    expect(last().keys.get('k')).toMatchObject({ before: 'right', after: 'left' })
  })
})
