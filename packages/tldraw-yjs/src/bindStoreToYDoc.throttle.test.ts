import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'
import { bindStoreToYDoc } from './bindStoreToYDoc.ts'
import { readDocRecords } from './docLayout.ts'
import { createNote, createTestStore, getNote } from './test/createTestStore.ts'

describe('bindStoreToYDoc with writeEveryMs', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  function setUp() {
    const doc = new Y.Doc()
    const store = createTestStore()
    const binding = bindStoreToYDoc(store, doc, { writeEveryMs: 50 })
    const writes: Uint8Array[] = []
    doc.on('update', (update: Uint8Array) => writes.push(update))
    const xInDoc = (id: string) => (readDocRecords(doc).get(`shape:${id}`) as { x: number } | undefined)?.x
    const move = (id: string, x: number) => {
      store.update(getNote(store, id)!.id, (note) => ({ ...note, x }))
      store._flushHistory()
    }
    return { doc, store, binding, writes, xInDoc, move }
  }

  it('writes the first change at once and what follows within 50 ms together, as it is then', () => {
    const { store, writes, xInDoc, move } = setUp()
    createNote(store, 'a')
    store._flushHistory()
    expect(xInDoc('a')).toBe(0)
    expect(writes).toHaveLength(1)
    vi.advanceTimersByTime(60)
    for (let x = 1; x <= 5; x++) {
      move('a', x * 10)
      vi.advanceTimersByTime(5)
    }
    // The first move after a pause went out at once; the four after it wait for the end of the 50 ms.
    expect(writes).toHaveLength(2)
    expect(xInDoc('a')).toBe(10)
    vi.advanceTimersByTime(50)
    expect(writes).toHaveLength(3)
    expect(xInDoc('a')).toBe(50)
  })

  it('writes what is waiting when asked (a page going away) and when disposed', () => {
    const { store, binding, xInDoc, move } = setUp()
    createNote(store, 'a')
    store._flushHistory()
    move('a', 1)
    move('a', 2)
    expect(xInDoc('a')).toBe(0)
    binding.flush()
    expect(xInDoc('a')).toBe(2)
    move('a', 3)
    binding.dispose()
    expect(xInDoc('a')).toBe(3)
    vi.runAllTimers()
    move('a', 4)
    expect(xInDoc('a')).toBe(3)
  })
})
