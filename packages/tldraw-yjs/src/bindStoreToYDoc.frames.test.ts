import type { TLRecord } from '@tldraw/tlschema'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { bindStoreToYDoc } from './bindStoreToYDoc.ts'
import { readDocRecords } from './docLayout.ts'
import { createNote, createTestStore, documentRecords, getNote } from './test/createTestStore.ts'
import { TestNetwork } from './test/network.ts'

// Under NODE_ENV=test tldraw runs store listeners synchronously. Browsers run them on the next animation
// frame; this file switches that back on (with a timer standing in for requestAnimationFrame) to test the
// binding the way it runs in a tab.
const g = globalThis as Record<string, unknown>
beforeAll(() => {
  g.__FORCE_RAF_IN_TESTS__ = true
  g.requestAnimationFrame = (cb: (t: number) => void) => setTimeout(() => cb(performance.now()), 16)
  g.cancelAnimationFrame = (id: ReturnType<typeof setTimeout>) => clearTimeout(id)
})
afterAll(() => {
  delete g.__FORCE_RAF_IN_TESTS__
  delete g.requestAnimationFrame
  delete g.cancelAnimationFrame
})
const nextFrames = () => new Promise((resolve) => setTimeout(resolve, 60))

it('writes local edits on the next frame, and stays equal to the doc when a peer’s edit lands first', async () => {
  const net = new TestNetwork()
  const [docA, docB] = [net.join(), net.join()]
  const [storeA, storeB] = [createTestStore(), createTestStore()]
  bindStoreToYDoc(storeA, docA)
  await nextFrames()
  net.settle()
  bindStoreToYDoc(storeB, docB)

  createNote(storeA, 'n')
  expect(readDocRecords(docA).has('shape:n')).toBe(false) // not yet: waiting for the frame
  await nextFrames()
  net.settle()
  expect(getNote(storeB, 'n')).toBeDefined()

  storeB.update(getNote(storeB, 'n')!.id, (n) => ({ ...n, x: 2 }))
  await nextFrames()
  storeA.update(getNote(storeA, 'n')!.id, (n) => ({ ...n, x: 1 })) // waits for A's next frame…
  net.deliver(docA) // …while B's edit arrives
  await nextFrames()
  net.settle()
  await nextFrames()
  net.settle()

  const inDoc = ([...readDocRecords(docA).values()] as TLRecord[]).sort((a, b) => a.id.localeCompare(b.id))
  expect(documentRecords(storeA)).toEqual(inDoc)
  expect(documentRecords(storeA)).toEqual(documentRecords(storeB))
})

it('flushes edits still waiting for their frame on dispose', () => {
  const doc = new TestNetwork().join()
  const store = createTestStore()
  const binding = bindStoreToYDoc(store, doc)
  createNote(store, 'last')
  binding.dispose()
  expect(readDocRecords(doc).has('shape:last')).toBe(true)
})
