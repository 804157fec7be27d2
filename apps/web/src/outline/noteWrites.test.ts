import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { readDocRecords } from '@cg/tldraw-yjs/layout'
import { writeChanges } from './noteWrites.ts'

const shape = (id: string) => ({ id, typeName: 'shape', type: 'note', meta: {} })

describe('writing the outline’s changes', () => {
  it('writes and deletes records in one transaction, with the given origin', () => {
    const doc = new Y.Doc()
    const origins: unknown[] = []
    doc.on('afterTransaction', (transaction) => origins.push(transaction.origin))
    writeChanges(doc, new Map([['shape:a', shape('shape:a')]]), 'outline')
    writeChanges(
      doc,
      new Map([
        ['shape:a', undefined],
        ['shape:b', shape('shape:b')],
      ]),
      'outline',
    )
    writeChanges(doc, new Map(), 'outline')
    expect([...readDocRecords(doc).keys()]).toEqual(['shape:b'])
    // YKeyValue tidies its array in transactions of its own (no origin); every write of ours carries the origin.
    expect(origins.filter((origin) => origin !== null)).toEqual(['outline', 'outline'])
  })
})
