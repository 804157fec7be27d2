import type { TLRecord, TLStore } from '@tldraw/tlschema'
import { describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'
import { bindStoreToYDoc } from './bindStoreToYDoc.ts'
import { readDocRecords } from './docLayout.ts'
import { loadStepsNearestFirst } from './loadOrder.ts'
import { createNote, createTestStore, documentRecords, getNote, noteText } from './test/createTestStore.ts'
import { TestNetwork } from './test/network.ts'

/** A board of `count` notes in a row, written by a first tab. */
function boardOf(count: number) {
  const net = new TestNetwork()
  const writerDoc = net.join()
  const writer = createTestStore()
  bindStoreToYDoc(writer, writerDoc)
  for (let i = 0; i < count; i++) createNote(writer, `n${i}`, { x: i * 250, text: `note ${i}` })
  writer._flushHistory()
  net.settle()
  return { net, writer, writerDoc }
}

/** A second tab that opens the board in steps of `size` shapes, run by hand with `step()`. */
function openInSteps(net: TestNetwork, size: number) {
  const doc = net.join()
  const store = createTestStore()
  const queued: (() => void)[] = []
  const binding = bindStoreToYDoc(store, doc, {
    log: vi.fn(),
    loadInSteps: {
      steps: (records) => loadStepsNearestFirst(records, { x: 0, y: 0, w: 1000, h: 500 }, size),
      schedule: (step) => {
        queued.push(step)
        return () => queued.splice(queued.indexOf(step), 1)
      },
    },
  })
  const step = () => queued.shift()?.()
  return { doc, store, binding, step, queued }
}

const noteIds = (store: TLStore) =>
  documentRecords(store)
    .filter((record: TLRecord) => record.typeName === 'shape')
    .map((record) => record.id)

function expectInSync(store: TLStore, doc: Y.Doc) {
  const docRecords = [...readDocRecords(doc).values()] as TLRecord[]
  expect(docRecords.sort((a, b) => a.id.localeCompare(b.id))).toEqual(documentRecords(store))
}

describe('bindStoreToYDoc, loading in steps', () => {
  it('puts what the view shows first, then the rest step by step, saying how far it is', async () => {
    const { net } = boardOf(10)
    const { store, doc, binding, step } = openInSteps(net, 3)
    // The view (1000 wide) shows notes 0 to 3; the page and document come with them.
    expect(noteIds(store)).toEqual(['shape:n0', 'shape:n1', 'shape:n2'])
    expect(binding.$loading.get()).toEqual({ done: 5, total: 12 })
    step()
    expect(noteIds(store)).toHaveLength(6)
    expect(binding.$loading.get()).toEqual({ done: 8, total: 12 })
    step()
    expect(binding.$loading.get()).toEqual({ done: 11, total: 12 })
    step()
    expect(binding.$loading.get()).toBeNull()
    await binding.loaded
    expectInSync(store, doc)
  })

  it('applies a peer’s changes made meanwhile, and never brings back a record deleted before its step', () => {
    const { net, writer, writerDoc } = boardOf(10)
    const { store, doc, binding, step } = openInSteps(net, 3)
    writer.update(getNote(writer, 'n8')!.id, (note) => ({ ...note, x: -5000 }))
    writer.remove([getNote(writer, 'n9')!.id])
    writer.update(getNote(writer, 'n0')!.id, (note) => ({ ...note, y: 77 }))
    createNote(writer, 'late', { x: 9000, text: 'added while loading' })
    writer._flushHistory()
    net.settle()
    // Changed records go in at once, as the doc has them now.
    expect(getNote(store, 'n8')?.x).toBe(-5000)
    expect(getNote(store, 'n0')?.y).toBe(77)
    expect(noteText(getNote(store, 'late'))).toBe('added while loading')
    while (binding.$loading.get()) step()
    expect(getNote(store, 'n9')).toBeUndefined()
    expect(getNote(store, 'n8')?.x).toBe(-5000)
    expectInSync(store, doc)
    expectInSync(writer, writerDoc)
  })

  it('stops when disposed part way, leaving nothing scheduled', () => {
    const { net } = boardOf(10)
    const { store, binding, step, queued } = openInSteps(net, 3)
    binding.dispose()
    expect(queued).toHaveLength(0)
    step()
    expect(noteIds(store)).toHaveLength(3)
  })

  it('loads a board that fits in one step at once', async () => {
    const { net } = boardOf(2)
    const { store, binding, queued } = openInSteps(net, 3)
    expect(noteIds(store)).toHaveLength(2)
    expect(binding.$loading.get()).toBeNull()
    expect(queued).toHaveLength(0)
    await binding.loaded
  })
})
