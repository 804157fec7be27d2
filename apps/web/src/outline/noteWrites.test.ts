import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { readDocRecords } from '@cg/tldraw-yjs/layout'
import { splitChanges, withAuthorName, writeChanges } from './noteWrites.ts'

const shape = (id: string, meta: Record<string, unknown> = {}) => ({ id, typeName: 'shape', type: 'note', meta })

describe('writing the outline’s changes', () => {
  it('sends private drafts to the private room and the rest to the board', () => {
    const changes = new Map<string, unknown>([
      ['shape:draft', shape('shape:draft', { private: true })],
      ['shape:grid-row', shape('shape:grid-row')],
      ['shape:old-draft', undefined],
      ['shape:old-note', undefined],
    ])
    const { board, private: own } = splitChanges(changes, (id) => id === 'shape:old-draft')
    expect([...board.keys()]).toEqual(['shape:grid-row', 'shape:old-note'])
    expect([...own.keys()]).toEqual(['shape:draft', 'shape:old-draft'])
  })

  it('names the author of a private draft, and only of a private draft', () => {
    const named = withAuthorName(
      new Map<string, unknown>([
        ['shape:draft', shape('shape:draft', { private: true, createdAt: 5 })],
        ['shape:shared', shape('shape:shared')],
        ['shape:gone', undefined],
      ]),
      'Layla',
    )
    expect(named.get('shape:draft')).toMatchObject({ meta: { private: true, createdAt: 5, authorName: 'Layla' } })
    expect(named.get('shape:shared')).toEqual(shape('shape:shared'))
    expect(named.has('shape:gone')).toBe(true)
  })

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
