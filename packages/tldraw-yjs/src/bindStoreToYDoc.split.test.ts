import type { TLRecord, TLShapeId } from '@tldraw/tlschema'
import { expect, it } from 'vitest'
import * as Y from 'yjs'
import { bindStoreToYDoc } from './bindStoreToYDoc.ts'
import { readDocRecords } from './docLayout.ts'
import { createNote, createTestStore, getNote } from './test/createTestStore.ts'

const isPrivate = (record: TLRecord) => record.typeName === 'shape' && record.meta.private === true

it('splits one store over two docs: private shapes only in the private doc, the rest only in the board', () => {
  const board = new Y.Doc()
  const privateDoc = new Y.Doc()
  const store = createTestStore()
  bindStoreToYDoc(store, board, { owns: (record) => !isPrivate(record) })
  bindStoreToYDoc(store, privateDoc, { owns: isPrivate })

  createNote(store, 'public')
  createNote(store, 'secret')
  store.update('shape:secret' as TLShapeId, (note) => ({ ...note, meta: { private: true } }))
  expect(readDocRecords(board).has('shape:public')).toBe(true)
  // Made private after it was shared: it moves out of the board.
  expect(readDocRecords(board).has('shape:secret')).toBe(false)
  expect([...readDocRecords(privateDoc).keys()]).toEqual(['shape:secret'])
  // Binding the private doc did not remove the board's records from the store, nor the other way round.
  expect(readDocRecords(board).has('page:page')).toBe(true)

  store.remove(['shape:secret' as TLShapeId])
  expect(readDocRecords(privateDoc).size).toBe(0)
  expect(readDocRecords(board).has('shape:public')).toBe(true)
})

it('loads both docs into a fresh store without one binding dropping the other’s records', () => {
  const board = new Y.Doc()
  const privateDoc = new Y.Doc()
  const first = createTestStore()
  bindStoreToYDoc(first, board, { owns: (record) => !isPrivate(record) })
  bindStoreToYDoc(first, privateDoc, { owns: isPrivate })
  createNote(first, 'public')
  createNote(first, 'secret')
  first.update('shape:secret' as TLShapeId, (note) => ({ ...note, meta: { private: true } }))

  // The same person reopens the board: private room bound first this time, then the board.
  const reopened = createTestStore()
  bindStoreToYDoc(reopened, privateDoc, { owns: isPrivate })
  bindStoreToYDoc(reopened, board, { owns: (record) => !isPrivate(record) })
  expect(getNote(reopened, 'secret')?.meta).toEqual({ private: true })
  expect(getNote(reopened, 'public')).toBeDefined()
})

it('keeps drafts made before a late private room arrived, sending them to it (mergeOnBind)', () => {
  const privateDoc = new Y.Doc()
  const earlier = createTestStore()
  bindStoreToYDoc(earlier, privateDoc, { owns: isPrivate })
  createNote(earlier, 'old')
  earlier.update('shape:old' as TLShapeId, (note) => ({ ...note, meta: { private: true } }))

  // A new tab: the board is shown and a draft made before the private room has synced.
  const store = createTestStore()
  createNote(store, 'early')
  store.update('shape:early' as TLShapeId, (note) => ({ ...note, meta: { private: true } }))
  bindStoreToYDoc(store, privateDoc, { owns: isPrivate, mergeOnBind: true })
  expect(getNote(store, 'early')).toBeDefined()
  expect(getNote(store, 'old')).toBeDefined()
  expect([...readDocRecords(privateDoc).keys()].sort()).toEqual(['shape:early', 'shape:old'])
})
