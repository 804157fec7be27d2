import type { SerializedSchemaV2 } from '@tldraw/store'
import type { TLNoteShape } from '@tldraw/tlschema'
import { describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'
import { bindStoreToYDoc } from './bindStoreToYDoc.ts'
import { getMetaMap, getRecordsKeyValue, readDocRecords, SCHEMA_KEY } from './docLayout.ts'
import { createNote, createTestStore, getNote } from './test/createTestStore.ts'
import { TestNetwork } from './test/network.ts'

const current = createTestStore().schema.serialize()
const NOTE = 'com.tldraw.shape.note'

function withSequence(sequenceId: string, version: number): SerializedSchemaV2 {
  return { schemaVersion: 2, sequences: { ...current.sequences, [sequenceId]: version } }
}

/** A doc as some other client left it: these records, this schema. */
function docWith(schema: unknown, records: { id: string }[]) {
  const doc = new Y.Doc()
  const kv = getRecordsKeyValue(doc)
  doc.transact(() => {
    for (const record of records) kv.set(record.id, record)
    getMetaMap(doc).set(SCHEMA_KEY, schema)
  })
  return doc
}

function countUpdates(doc: Y.Doc) {
  const updates: unknown[] = []
  doc.on('update', (_update: Uint8Array, origin: unknown) => updates.push(origin))
  return updates
}

describe('bindStoreToYDoc and schema versions', () => {
  it.each([
    ['a newer version of a known sequence', withSequence(NOTE, current.sequences[NOTE]! + 1)],
    ['an unknown sequence', withSequence('com.example.shape.sticker', 1)],
    ['an unreadable schema', { schemaVersion: 3, whatever: true }],
  ])('writes nothing to a doc saved with %s, and says so', (_what, schema) => {
    const note = createNote(createTestStore(), 'n', { text: 'hi' })
    const doc = docWith(schema, [note])
    const before = Y.encodeStateAsUpdate(doc)
    const updates = countUpdates(doc)
    const onSchemaMismatch = vi.fn()
    const log = vi.fn()

    const store = createTestStore({ empty: true })
    const binding = bindStoreToYDoc(store, doc, { onSchemaMismatch, log })
    expect(binding.readOnlyReason).toBe('newer-schema')
    expect(binding.$readOnlyReason.get()).toBe('newer-schema')
    expect(onSchemaMismatch).toHaveBeenCalledTimes(1)
    expect(onSchemaMismatch.mock.calls[0]![0]).toMatchObject({ docSchema: schema, clientSchema: current })

    // The store still shows what it can validate, and local edits stay local.
    expect(getNote(store, 'n')).toBeDefined()
    createNote(store, 'local')
    store.update(note.id, (n) => ({ ...n, x: 50 }))
    ;(store as unknown as { ensureStoreIsUsable(): void }).ensureStoreIsUsable()

    expect(updates).toEqual([])
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before)
    expect(getMetaMap(doc).get(SCHEMA_KEY)).toEqual(schema)
  })

  it('writes nothing to an empty doc whose schema is newer', () => {
    const doc = docWith(withSequence(NOTE, 999), [])
    const updates = countUpdates(doc)
    const onSchemaMismatch = vi.fn()
    bindStoreToYDoc(createTestStore(), doc, { onSchemaMismatch, log: vi.fn() })
    expect(onSchemaMismatch).toHaveBeenCalledTimes(1)
    expect(updates).toEqual([])
    expect(readDocRecords(doc).size).toBe(0)
  })

  it('goes read-only when a peer later upgrades the doc to a newer schema', () => {
    const net = new TestNetwork()
    const store = createTestStore()
    const doc = net.join()
    const onSchemaMismatch = vi.fn()
    const binding = bindStoreToYDoc(store, doc, { onSchemaMismatch, log: vi.fn() })
    expect(binding.readOnlyReason).toBeNull()

    const newer = net.join()
    newer.transact(() => getMetaMap(newer).set(SCHEMA_KEY, withSequence(NOTE, 999)))
    net.settle()
    expect(onSchemaMismatch).toHaveBeenCalledTimes(1)
    expect(binding.readOnlyReason).toBe('newer-schema')

    const updates = countUpdates(doc)
    createNote(store, 'not-shared')
    expect(updates).toEqual([])
    expect(readDocRecords(newer).has('shape:not-shared')).toBe(false)
  })

  it('migrates records from an older doc on load and writes them back with the new schema', () => {
    // Version 12 of the note props still called `textLastEditedBy` `textFirstEditedBy`.
    const current = createNote(createTestStore(), 'old', { text: 'legacy' })
    const { textLastEditedBy: _, ...oldProps } = current.props
    const old = { ...current, props: { ...oldProps, textFirstEditedBy: 'user:ann' } }
    const doc = docWith(withSequence(NOTE, 12), [old])
    const onSchemaMismatch = vi.fn()

    const store = createTestStore()
    const binding = bindStoreToYDoc(store, doc, { onSchemaMismatch, log: vi.fn() })
    expect(binding.readOnlyReason).toBeNull()
    expect(onSchemaMismatch).not.toHaveBeenCalled()

    const loaded = getNote(store, 'old')!
    expect(loaded.props.textLastEditedBy).toBe('user:ann')
    const stored = readDocRecords(doc).get('shape:old') as TLNoteShape
    expect(stored).toEqual(loaded)
    expect(stored.props).not.toHaveProperty('textFirstEditedBy')
    expect(getMetaMap(doc).get(SCHEMA_KEY)).toEqual(store.schema.serialize())
  })

  it('adopts a doc that has records but no schema, and writes the schema', () => {
    const note = createNote(createTestStore(), 'n')
    const doc = docWith(undefined, [note])
    getMetaMap(doc).delete(SCHEMA_KEY)
    const log = vi.fn()
    const store = createTestStore()
    bindStoreToYDoc(store, doc, { log })
    expect(getNote(store, 'n')).toEqual(note)
    expect(getMetaMap(doc).get(SCHEMA_KEY)).toEqual(store.schema.serialize())
    expect(log).toHaveBeenCalledWith('warn', expect.stringContaining('no schema'))
  })
})
