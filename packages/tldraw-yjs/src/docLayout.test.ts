import { expect, it } from 'vitest'
import * as Y from 'yjs'
import { getRecordsKeyValue, readDocRecords, writeEntries } from './docLayout.ts'

it('writeEntries sets and deletes many entries like repeated YKeyValue.set/delete would', () => {
  const doc = new Y.Doc()
  const kv = getRecordsKeyValue(doc)
  doc.transact(() => writeEntries(kv, new Map(Array.from({ length: 20 }, (_, i) => [`k${i}`, { v: i }]))))

  const changes = new Map<string, unknown>([
    ['k0', { v: 'first' }],
    ['k1', undefined],
    ['k2', { v: 'neighbour' }],
    ['k3', { v: 'run' }],
    ['k19', undefined],
    ['new', { v: 'added' }],
  ])
  doc.transact(() => writeEntries(kv, changes))

  const expected = new Map<string, unknown>(Array.from({ length: 20 }, (_, i) => [`k${i}`, { v: i }]))
  for (const [key, value] of changes) {
    if (value === undefined) expected.delete(key)
    else expected.set(key, value)
  }
  expect(readDocRecords(doc)).toEqual(expected)
  expect(kv.yarray.length).toBe(expected.size) // no stale duplicates left behind

  const peer = new Y.Doc()
  Y.applyUpdate(peer, Y.encodeStateAsUpdate(doc))
  expect(readDocRecords(peer)).toEqual(expected)
})
