import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { getRecordsKeyValue, readDocRecords, writeEntries } from '@cg/tldraw-yjs/layout'
import { addRecordsUpdate, isPrivateRecord, planReveal, removeRecordsUpdate } from './privateDrafts.ts'

const note = (id: string, meta: Record<string, unknown>, parentId = 'page:page') => ({
  id,
  typeName: 'shape',
  type: 'note',
  parentId,
  props: { text: id },
  meta,
})

describe('private drafts', () => {
  const drafts = new Map<string, unknown>([
    ['shape:frame', note('shape:frame', { private: true, authorName: 'Amina' })],
    ['shape:inside', note('shape:inside', { private: true, authorName: 'Amina' }, 'shape:frame')],
    ['shape:public', note('shape:public', {}, 'shape:frame')],
    ['document:document', { id: 'document:document', typeName: 'document' }],
  ])
  let counter = 0
  const newId = (typeName: string) => `${typeName}:new${++counter}`

  it('knows which records are private', () => {
    expect([...drafts.values()].map(isPrivateRecord)).toEqual([true, true, false, false])
  })

  it('reveals drafts under new ids, references followed, with or without the author', () => {
    counter = 0
    const named = planReveal(drafts, { anonymous: false, newId })
    expect(named.fromPrivate).toEqual(['shape:frame', 'shape:inside'])
    expect([...named.toBoard.values()]).toEqual([
      { ...note('shape:new1', { revealedAuthor: 'Amina' }), props: { text: 'shape:frame' } },
      { ...note('shape:new2', { revealedAuthor: 'Amina' }, 'shape:new1'), props: { text: 'shape:inside' } },
    ])
    counter = 0
    const anonymous = planReveal(drafts, { anonymous: true, newId })
    for (const record of anonymous.toBoard.values()) {
      expect(record.meta).toEqual({})
      expect(JSON.stringify(record)).not.toContain('Amina')
    }
  })

  it('builds updates that add to one doc and remove from another without touching either', () => {
    const board = new Y.Doc()
    const privateDoc = new Y.Doc()
    privateDoc.transact(() => writeEntries(getRecordsKeyValue(privateDoc), drafts))
    counter = 0
    const plan = planReveal(readDocRecords(privateDoc), { anonymous: true, newId })
    const add = addRecordsUpdate(board, plan.toBoard)!
    const remove = removeRecordsUpdate(privateDoc, plan.fromPrivate)!
    expect(readDocRecords(board).size).toBe(0)
    Y.applyUpdate(board, add)
    Y.applyUpdate(privateDoc, remove)
    expect([...readDocRecords(board).keys()].sort()).toEqual(['shape:new1', 'shape:new2'])
    expect([...readDocRecords(privateDoc).keys()].sort()).toEqual(['document:document', 'shape:public'])
    expect(addRecordsUpdate(board, new Map())).toBeNull()
  })
})
