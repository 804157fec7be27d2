import type { TLNoteShape, TLRecord } from '@tldraw/tlschema'
import { expect, it } from 'vitest'
import * as Y from 'yjs'
import { bindStoreToYDoc } from './bindStoreToYDoc.ts'
import { createNote, createTestStore } from './test/createTestStore.ts'
import { TestNetwork } from './test/network.ts'

const UPDATES = 1000
const size = (doc: Y.Doc) => Y.encodeStateAsUpdate(doc).byteLength

/** Moves a note `count` times, the way dragging it does, through the real binding. */
function moveNote(store: ReturnType<typeof createTestStore>, note: TLNoteShape, count: number, history: TLRecord[]) {
  for (let i = 0; i < count; i++) {
    store.update(note.id, (n) => ({ ...n, x: i, y: i * 2 }))
    history.push(store.get(note.id)!)
  }
}

/** The layout the binding avoids: one Y.Map per record, one key per field. */
function writeAsMapPerRecord(records: TLRecord[]) {
  const doc = new Y.Doc()
  const root = doc.getMap<Y.Map<unknown>>('tl_records')
  for (const record of records) {
    doc.transact(() => {
      let map = root.get(record.id)
      if (!map) root.set(record.id, (map = new Y.Map()))
      for (const [key, value] of Object.entries(record)) {
        if (JSON.stringify(map.get(key)) !== JSON.stringify(value)) map.set(key, value)
      }
    })
  }
  return doc
}

/** The other layout the binding avoids: one key per record in a single Y.Map. */
function writeAsOneMap(records: TLRecord[]) {
  const doc = new Y.Doc()
  const root = doc.getMap<TLRecord>('tl_records')
  for (const record of records) root.set(record.id, record)
  return doc
}

it(`keeps the doc small after ${UPDATES} updates of the same shape`, () => {
  const doc = new Y.Doc()
  const store = createTestStore()
  bindStoreToYDoc(store, doc)
  const note = createNote(store, 'dragged', { text: 'drag me' })
  const history: TLRecord[] = [note]
  moveNote(store, note, 10, history)
  const after10 = size(doc)
  moveNote(store, note, UPDATES - 10, history)
  const after1000 = size(doc)
  const mapPerRecord = size(writeAsMapPerRecord(history))
  const record = JSON.stringify(store.get(note.id)).length

  console.log(
    `[doc size] one note (${record} B as JSON): YKeyValue ${after10} B after 10 updates, ${after1000} B after ${UPDATES}; ` +
      `Y.Map per record ${mapPerRecord} B after ${UPDATES}`,
  )
  // Bounded: 990 more updates cost (almost) nothing; the per-record map keeps a tombstone per field write.
  expect(after1000 - after10).toBeLessThan(200)
  expect(after1000).toBeLessThan(mapPerRecord / 10)
})

it(`keeps the doc small when two shapes are updated in turn ${UPDATES} times`, () => {
  const doc = new Y.Doc()
  const store = createTestStore()
  bindStoreToYDoc(store, doc)
  const a = createNote(store, 'a')
  const b = createNote(store, 'b')
  const before = size(doc)
  const history: TLRecord[] = [a, b]
  for (let i = 0; i < UPDATES; i++) {
    const id = i % 2 ? a.id : b.id
    store.update(id, (n) => ({ ...n, x: i }))
    history.push(store.get(id)!)
  }
  const growth = size(doc) - before
  const oneMapGrowth = size(writeAsOneMap(history)) - size(writeAsOneMap(history.slice(0, 2)))
  console.log(
    `[doc size] two notes updated in turn ${UPDATES} times: YKeyValue grew ${growth} B; ` +
      `one Y.Map key per record grew ${oneMapGrowth} B`,
  )
  expect(growth).toBeLessThan(200)
  expect(oneMapGrowth).toBeGreaterThan(20 * Math.max(growth, 1))
})

it(`keeps only tombstone metadata when two peers take turns updating one shape ${UPDATES} times`, () => {
  // Items written by different clients do not merge, so each overwrite leaves a few bytes of metadata
  // (client id and clock) in the V1 encoding y-websocket uses. The record contents themselves are gone.
  const net = new TestNetwork()
  const [docA, docB] = [net.join(), net.join()]
  const [storeA, storeB] = [createTestStore(), createTestStore()]
  bindStoreToYDoc(storeA, docA)
  const note = createNote(storeA, 'shared')
  net.settle()
  bindStoreToYDoc(storeB, docB)
  net.settle()
  const before = size(docA)
  for (let i = 0; i < UPDATES; i++) {
    const store = i % 2 ? storeB : storeA
    store.update(note.id, (n) => ({ ...n, x: i }))
    net.settle()
  }
  const perUpdate = (size(docA) - before) / UPDATES
  console.log(
    `[doc size] two peers taking turns: ${perUpdate.toFixed(1)} B per update (record is ${JSON.stringify(note).length} B)`,
  )
  expect(size(docB)).toBe(size(docA))
  expect(perUpdate).toBeLessThan(16)
})
