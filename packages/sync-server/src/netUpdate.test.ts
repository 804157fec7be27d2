import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { clocksOf, updateSince, type DeleteSet } from './netUpdate.ts'

/** A doc whose list was written by many clients and then had every other value deleted: a long delete set. */
function fragmentedDoc(): Y.Doc {
  const doc = new Y.Doc()
  const list = doc.getArray<string>('list')
  for (let i = 0; i < 2_000; i++) {
    doc.clientID = 10_000 + (i % 49)
    list.push([`value ${i}`])
  }
  for (let i = list.length - 2; i >= 0; i -= 2) list.delete(i, 1)
  doc.clientID = 1
  return doc
}

function copyOf(doc: Y.Doc): Y.Doc {
  const copy = new Y.Doc()
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc))
  return copy
}

describe('updateSince', () => {
  it('carries a change and its undoing as their net effect, without the doc’s whole delete set', () => {
    const doc = fragmentedDoc()
    const peer = copyOf(doc)
    const list = doc.getArray<string>('list')
    const before = clocksOf(doc, [...doc.store.clients.keys(), doc.clientID])
    const deleted: DeleteSet[] = []
    doc.on('afterTransaction', (transaction: Y.Transaction) => deleted.push(transaction.deleteSet))
    // A change that keeps one value and deletes another, then a correction that takes the kept one back out.
    doc.transact(() => {
      list.push(['kept', 'refused secret'])
      list.delete(0, 1)
    })
    doc.transact(() => list.delete(list.length - 1, 1))

    const net = updateSince(doc, before, deleted)
    const whole = Y.encodeStateAsUpdate(doc, Y.encodeStateVector(peer))
    expect(net.byteLength * 20).toBeLessThan(whole.byteLength)
    expect(Buffer.from(net).includes('refused secret')).toBe(false)
    Y.applyUpdate(peer, net)
    expect(peer.getArray('list').toJSON()).toEqual(list.toJSON())
    expect(Y.encodeStateVector(peer)).toEqual(Y.encodeStateVector(doc))
  })

  it('writes what Yjs writes for the same structs when nothing was deleted', () => {
    const doc = fragmentedDoc()
    const peer = copyOf(doc)
    const before = clocksOf(doc, [...doc.store.clients.keys(), doc.clientID])
    expect(Y.encodeStateVector(peer)).toEqual(Y.encodeStateVector(doc))
    doc.getArray<string>('list').insert(3, ['a', 'b'])
    doc.getMap('m').set('k', 'v')
    const net = updateSince(doc, before, [])
    expect(Y.decodeUpdate(net).structs).toEqual(
      Y.decodeUpdate(Y.encodeStateAsUpdate(doc, Y.encodeStateVector(peer))).structs,
    )
    Y.applyUpdate(peer, net)
    expect(peer.getArray('list').toJSON()).toEqual(doc.getArray('list').toJSON())
    expect(peer.getMap('m').get('k')).toBe('v')
  })
})
