import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { deletionOf, hasMissingDependencies } from './updateDependencies.ts'

/** Two docs in step, then the updates `edit` makes on the second, one per transaction. */
function editsOn(base: Y.Doc, edit: (doc: Y.Doc) => void): Uint8Array[] {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(base))
  const updates: Uint8Array[] = []
  doc.on('update', (update: Uint8Array) => updates.push(update))
  edit(doc)
  return updates
}

describe('hasMissingDependencies', () => {
  it('accepts what a stock client sends, in order', () => {
    const server = new Y.Doc()
    const [first, second] = editsOn(server, (doc) => {
      doc.getArray('a').push([1])
      doc.getArray('a').push([2])
    })
    expect(hasMissingDependencies(server, first!)).toBe(false)
    Y.applyUpdate(server, first!)
    expect(hasMissingDependencies(server, second!)).toBe(false)
    expect(hasMissingDependencies(server, Y.mergeUpdates([first!, second!]))).toBe(false)
  })

  it('finds an update whose earlier changes never arrived', () => {
    const server = new Y.Doc()
    const [, second] = editsOn(server, (doc) => {
      doc.getArray('a').push([1])
      doc.getArray('a').push([2])
    })
    expect(hasMissingDependencies(server, second!)).toBe(true)
  })

  it('finds an edit next to, or a delete of, content the server does not have', () => {
    const server = new Y.Doc()
    const other = new Y.Doc()
    other.getText('t').insert(0, 'hello')
    const [insertAfter] = editsOn(other, (doc) => doc.getText('t').insert(5, '!'))
    const [deletion] = editsOn(other, (doc) => doc.getText('t').delete(0, 2))
    // Sent alone, without the text they edit.
    expect(hasMissingDependencies(server, insertAfter!)).toBe(true)
    expect(hasMissingDependencies(server, deletion!)).toBe(true)
    Y.applyUpdate(server, Y.encodeStateAsUpdate(other))
    expect(hasMissingDependencies(server, insertAfter!)).toBe(false)
    expect(hasMissingDependencies(server, deletion!)).toBe(false)
  })
})

describe('deletionOf', () => {
  it('takes a refused update back out of the sender’s doc', () => {
    const server = new Y.Doc()
    server.getMap('m').set('kept', 1)
    const sender = new Y.Doc()
    Y.applyUpdate(sender, Y.encodeStateAsUpdate(server))
    const updates: Uint8Array[] = []
    sender.on('update', (update: Uint8Array) => updates.push(update))
    sender.getArray('big').push(['x'.repeat(1000), 'y'])
    sender.getText('t').insert(0, 'refused')
    Y.applyUpdate(sender, deletionOf(Y.mergeUpdates(updates)))
    expect(sender.getArray('big').length).toBe(0)
    expect(sender.getText('t').toString()).toBe('')
    expect(sender.getMap('m').get('kept')).toBe(1)
  })
})
