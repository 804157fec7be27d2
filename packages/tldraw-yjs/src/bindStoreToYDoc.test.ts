import { transact } from '@tldraw/state'
import type { RecordsDiff } from '@tldraw/store'
import { CameraRecordType, TLINSTANCE_ID, TLPOINTER_ID, type TLRecord, type TLStore } from '@tldraw/tlschema'
import { describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'
import { bindStoreToYDoc } from './bindStoreToYDoc.ts'
import { getRecordsKeyValue, readDocRecords } from './docLayout.ts'
import { createNote, createTestStore, documentRecords, getNote, noteText, PAGE_ID } from './test/createTestStore.ts'
import { TestNetwork } from './test/network.ts'

/** Two tabs on one board: A created it, B joined after A's state reached it. */
function twoPeers() {
  const net = new TestNetwork()
  const log = vi.fn()
  const docA = net.join()
  const storeA = createTestStore()
  const bindingA = bindStoreToYDoc(storeA, docA, { log })
  const docB = net.join()
  const storeB = createTestStore()
  const bindingB = bindStoreToYDoc(storeB, docB, { log })
  net.settle()
  return { net, log, docA, docB, storeA, storeB, bindingA, bindingB }
}

function expectInSync(store: TLStore, doc: Y.Doc) {
  const docRecords = [...readDocRecords(doc).values()] as TLRecord[]
  expect(docRecords.sort((a, b) => a.id.localeCompare(b.id))).toEqual(documentRecords(store))
}

describe('bindStoreToYDoc', () => {
  it('writes the store’s document records and the schema into an empty doc', () => {
    const doc = new Y.Doc()
    const store = createTestStore()
    bindStoreToYDoc(store, doc)
    expectInSync(store, doc)
    expect(doc.getMap('tl_meta').get('schema')).toEqual(store.schema.serialize())
    expect([...readDocRecords(doc).keys()].sort()).toEqual(['document:document', 'page:page'])
  })

  it('round-trips create, update and delete of notes in both directions', () => {
    const { net, storeA, storeB, docA, docB, log } = twoPeers()

    createNote(storeA, 'a', { text: 'from A' })
    net.settle()
    expect(noteText(getNote(storeB, 'a'))).toBe('from A')

    createNote(storeB, 'b', { x: 10, text: 'from B' })
    net.settle()
    expect(getNote(storeA, 'b')?.x).toBe(10)

    storeB.update(getNote(storeB, 'a')!.id, (n) => ({ ...n, x: 42 }))
    storeA.update(getNote(storeA, 'b')!.id, (n) => ({ ...n, y: 7 }))
    net.settle()
    expect(getNote(storeA, 'a')?.x).toBe(42)
    expect(getNote(storeB, 'b')?.y).toBe(7)

    storeA.remove([getNote(storeA, 'b')!.id])
    net.settle()
    expect(getNote(storeB, 'b')).toBeUndefined()
    storeB.remove([getNote(storeB, 'a')!.id])
    net.settle()
    expect(getNote(storeA, 'a')).toBeUndefined()

    expectInSync(storeA, docA)
    expectInSync(storeB, docB)
    expect(documentRecords(storeA)).toEqual(documentRecords(storeB))
    expect(log).not.toHaveBeenCalled()
  })

  it('never puts session or presence records into the doc', () => {
    const { net, storeA, docA, docB } = twoPeers()
    const cameraId = CameraRecordType.createId(PAGE_ID)
    storeA.update(cameraId, (c) => ({ ...c, x: 100, z: 2 }))
    storeA.update(TLPOINTER_ID, (p) => ({ ...p, x: 5, y: 6 }))
    storeA.update(TLINSTANCE_ID, (i) => ({ ...i, isGridMode: true }))
    storeA.put([
      storeA.schema.types.instance_presence.create({
        id: storeA.schema.types.instance_presence.createId('someone'),
        userId: 'user:someone' as never,
        userName: 'Someone',
        currentPageId: PAGE_ID,
      }),
    ])
    createNote(storeA, 'a')
    net.settle()

    const allowed = storeA.scopedTypes.document
    for (const doc of [docA, docB]) {
      for (const [key, value] of readDocRecords(doc)) {
        expect(allowed.has((value as TLRecord).typeName), key).toBe(true)
      }
    }
    expect(readDocRecords(docB).has('shape:a')).toBe(true)
  })

  it('skips and logs an invalid record from a peer while the valid ones from the same transaction apply', () => {
    const { net, storeA, storeB, log } = twoPeers()
    const valid = createNote(createTestStore(), 'valid', { text: 'ok' })
    const invalid = { ...createNote(createTestStore(), 'invalid'), props: { ...valid.props, color: 'not-a-color' } }
    const camera = CameraRecordType.create({ id: CameraRecordType.createId(PAGE_ID), x: 999 })

    // A misbehaving peer writes straight into its doc, bypassing any store.
    const rogue = net.join()
    const kv = getRecordsKeyValue(rogue)
    rogue.transact(() => {
      kv.set('shape:invalid', invalid)
      kv.set(camera.id, camera)
      kv.set('shape:garbage', 42)
      kv.set('shape:mismatch', { ...valid, id: 'shape:other' })
      kv.set('shape:valid', valid)
    })
    net.settle()

    for (const store of [storeA, storeB]) {
      expect(noteText(getNote(store, 'valid'))).toBe('ok')
      expect(getNote(store, 'invalid')).toBeUndefined()
      expect(store.get(camera.id)?.x).not.toBe(999)
      expect(store.has('shape:garbage' as never)).toBe(false)
      expect(store.has('shape:mismatch' as never)).toBe(false)
    }
    const skipped = log.mock.calls.map(([level, message]) => `${level} ${message}`)
    for (const key of ['shape:invalid', 'camera:page:page', 'shape:garbage', 'shape:mismatch']) {
      expect(skipped.filter((line) => line.startsWith(`warn Skipped record ${key}`))).toHaveLength(2) // A and B
    }

    // Sync keeps working afterwards.
    createNote(storeB, 'later')
    net.settle()
    expect(getNote(storeA, 'later')).toBeDefined()
  })

  it('applies remote changes as "remote", so an undo stack (which records only "user" changes) never sees them', () => {
    const { net, storeA, storeB } = twoPeers()
    // tldraw's HistoryManager (in @tldraw/editor, not a dependency here) records undo entries through this
    // @internal interceptor and drops every entry whose source is not 'user'. Watching it is watching the stack.
    const sources: string[] = []
    const diffs: RecordsDiff<TLRecord>[] = []
    const intercept = storeA as unknown as {
      addHistoryInterceptor(fn: (entry: { changes: RecordsDiff<TLRecord> }, source: string) => void): () => void
    }
    const stop = intercept.addHistoryInterceptor((entry, source) => {
      sources.push(source)
      diffs.push(entry.changes)
    })
    const userListener = vi.fn()
    storeA.listen(userListener, { source: 'user' })

    createNote(storeB, 'n', { text: 'remote' })
    net.settle()
    storeB.update(getNote(storeB, 'n')!.id, (n) => ({ ...n, x: 3 }))
    net.settle()
    storeB.remove([getNote(storeB, 'n')!.id])
    net.settle()
    stop()

    expect(sources.length).toBeGreaterThanOrEqual(3)
    expect(new Set(sources)).toEqual(new Set(['remote']))
    expect(userListener).not.toHaveBeenCalled()
    expect(diffs.some((d) => 'shape:n' in d.added)).toBe(true)
  })

  it('keeps store and doc equal when a peer’s change lands before a local edit is flushed', () => {
    const { net, storeA, storeB, docA, docB } = twoPeers()
    createNote(storeA, 'n')
    net.settle()

    storeB.update(getNote(storeB, 'n')!.id, (n) => ({ ...n, x: 2 }))
    // In a browser the store listener runs a frame after the edit; a transaction holds it back the same way.
    transact(() => {
      storeA.update(getNote(storeA, 'n')!.id, (n) => ({ ...n, x: 1, y: 1 }))
      net.deliver(docA)
    })
    net.settle()

    expectInSync(storeA, docA)
    expectInSync(storeB, docB)
    expect(documentRecords(storeA)).toEqual(documentRecords(storeB))
    expect(getNote(storeA, 'n')?.x).toBe(2)
  })

  it('replaces the store’s document records with the doc’s when the doc already has records', () => {
    const { net, storeA } = twoPeers()
    createNote(storeA, 'shared')
    const doc = net.join()
    const store = createTestStore()
    createNote(store, 'local-only')
    bindStoreToYDoc(store, doc)
    expect(getNote(store, 'shared')).toBeDefined()
    expect(getNote(store, 'local-only')).toBeUndefined()
    expectInSync(store, doc)
  })

  it('stops syncing on dispose, after writing edits that were still waiting', () => {
    const { net, storeA, storeB, bindingA } = twoPeers()
    transact(() => {
      createNote(storeA, 'last')
      bindingA.dispose()
    })
    net.settle()
    expect(getNote(storeB, 'last')).toBeDefined()

    createNote(storeA, 'after')
    createNote(storeB, 'remote-after')
    net.settle()
    expect(getNote(storeB, 'after')).toBeUndefined()
    expect(getNote(storeA, 'remote-after')).toBeUndefined()
  })

  it('works with docs linked in-process, where updates apply synchronously', () => {
    const [docA, docB] = [new Y.Doc(), new Y.Doc()]
    for (const [from, to] of [
      [docA, docB],
      [docB, docA],
    ] as const) {
      from.on('update', (update: Uint8Array, origin: unknown) => {
        if (origin !== 'link') Y.applyUpdate(to, update, 'link')
      })
    }
    const [storeA, storeB] = [createTestStore(), createTestStore()]
    bindStoreToYDoc(storeA, docA)
    bindStoreToYDoc(storeB, docB)
    for (let i = 0; i < 20; i++) {
      createNote(storeA, `a${i}`)
      createNote(storeB, `b${i}`)
      storeA.update(getNote(storeA, `b${i}`)!.id, (n) => ({ ...n, x: i }))
    }
    storeB.remove([getNote(storeB, 'a3')!.id])
    expect(documentRecords(storeA)).toEqual(documentRecords(storeB))
    expect(getNote(storeB, 'b5')?.x).toBe(5)
    expectInSync(storeA, docA)
  })

  it('applies the other records when a side-effect handler throws on one of them', () => {
    const { net, storeA, storeB, log } = twoPeers()
    storeA.sideEffects.registerBeforeCreateHandler('shape', (shape) => {
      if (shape.id === 'shape:boom') throw new Error('handler bug')
      return shape
    })
    transact(() => {
      createNote(storeB, 'boom')
      createNote(storeB, 'fine')
    })
    net.settle()
    expect(getNote(storeA, 'fine')).toBeDefined()
    expect(getNote(storeA, 'boom')).toBeUndefined()
    expect(
      storeA.query
        .records('shape')
        .get()
        .map((s) => s.id),
    ).toEqual(['shape:fine'])
    expect(log).toHaveBeenCalledWith('warn', expect.stringContaining('Skipped record shape:boom'), expect.any(Error))
  })
})
