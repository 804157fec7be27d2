import { atom } from '@tldraw/state'
import { TLPOINTER_ID, type TLInstancePresence, type TLStore } from '@tldraw/tlschema'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { applyAwarenessUpdate, Awareness, encodeAwarenessUpdate, removeAwarenessStates } from 'y-protocols/awareness'
import * as Y from 'yjs'
import { bindPresenceToAwareness, DEFAULT_PRESENCE_FIELD, type PresenceUser } from './bindPresenceToAwareness.ts'
import { bindStoreToYDoc } from './bindStoreToYDoc.ts'
import { readDocRecords } from './docLayout.ts'
import { createTestStore } from './test/createTestStore.ts'

const REMOTE = 'test-network'
const awarenesses: Awareness[] = []
afterEach(() => {
  for (const a of awarenesses.splice(0)) a.destroy() // stops the 30 s check interval
})

/** Two awareness instances relaying every update to each other, as y-websocket would. */
function linkedAwareness() {
  const a = new Awareness(new Y.Doc())
  const b = new Awareness(new Y.Doc())
  awarenesses.push(a, b)
  for (const [from, to] of [
    [a, b],
    [b, a],
  ] as const) {
    from.on('update', ({ added, updated, removed }: Record<string, number[]>, origin: unknown) => {
      if (origin === REMOTE) return
      const clients = [...added!, ...updated!, ...removed!]
      applyAwarenessUpdate(to, encodeAwarenessUpdate(from, clients), REMOTE)
    })
  }
  return { a, b }
}

const presences = (store: TLStore) => store.query.records('instance_presence').get()

describe('bindPresenceToAwareness', () => {
  it('shows a peer as an instance_presence record and removes it as soon as its awareness state goes', () => {
    const { a, b } = linkedAwareness()
    const storeA = createTestStore()
    const storeB = createTestStore()
    const $alice = atom<PresenceUser | null>('alice', { id: 'alice', name: 'Alice', color: '#ff0000' })
    bindPresenceToAwareness(storeA, a, $alice)
    bindPresenceToAwareness(storeB, b, atom('bob', { id: 'user:bob', name: 'Bob', color: '#0000ff' }))

    const [alice] = presences(storeB)
    expect(presences(storeB)).toHaveLength(1)
    expect(alice).toMatchObject<Partial<TLInstancePresence>>({ userId: 'user:alice' as never, userName: 'Alice' })
    expect(presences(storeA).map((p) => p.userId)).toEqual(['user:bob'])

    storeA.update(TLPOINTER_ID, (p) => ({ ...p, x: 120, y: 80 }))
    expect(presences(storeB)[0]!.cursor).toMatchObject({ x: 120, y: 80 })
    $alice.set({ id: 'alice', name: 'Alice B.', color: '#00ff00' })
    expect(presences(storeB)[0]).toMatchObject({ userName: 'Alice B.', color: '#00ff00' })

    // What y-websocket does when a peer's connection closes: its awareness state is removed at once.
    removeAwarenessStates(b, [a.clientID], 'connection closed')
    expect(presences(storeB)).toEqual([])
  })

  it('publishes nothing while there is no user, and clears its state on dispose', () => {
    const { a, b } = linkedAwareness()
    const storeA = createTestStore()
    const storeB = createTestStore()
    const $user = atom<PresenceUser | null>('user', null)
    const binding = bindPresenceToAwareness(storeA, a, $user)
    bindPresenceToAwareness(storeB, b, atom('bob', { id: 'bob', name: 'Bob', color: '#00f' }))
    expect(presences(storeB)).toEqual([])

    $user.set({ id: 'ann', name: 'Ann', color: '#f0f' })
    expect(presences(storeB)).toHaveLength(1)

    binding.dispose()
    expect(a.getLocalState()).toBeNull()
    expect(presences(storeB)).toEqual([])
    expect(presences(storeA)).toEqual([]) // Bob's record is gone from A too
  })

  it('skips and logs a peer presence that fails validation', () => {
    const { a, b } = linkedAwareness()
    const log = vi.fn()
    const store = createTestStore()
    bindPresenceToAwareness(store, b, atom('bob', { id: 'bob', name: 'Bob', color: '#00f' }), { log })
    a.setLocalStateField(DEFAULT_PRESENCE_FIELD, { userId: 'not-a-user-id', cursor: 'everywhere' })
    expect(presences(store)).toEqual([])
    expect(log).toHaveBeenCalledWith('warn', expect.stringContaining('failed validation'), expect.anything())
  })

  it('keeps presence out of the shared doc when both bindings run', () => {
    const { a, b } = linkedAwareness()
    const store = createTestStore()
    const doc = new Y.Doc()
    bindStoreToYDoc(store, doc)
    bindPresenceToAwareness(store, b, atom('bob', { id: 'bob', name: 'Bob', color: '#00f' }))
    bindPresenceToAwareness(createTestStore(), a, atom('ann', { id: 'ann', name: 'Ann', color: '#f0f' }))
    expect(presences(store)).toHaveLength(1)
    const typeNames = [...readDocRecords(doc).values()].map((r) => (r as { typeName: string }).typeName)
    expect(typeNames).not.toContain('instance_presence')
  })

  it('throttles publishing when asked to', async () => {
    vi.useFakeTimers()
    try {
      const { a, b } = linkedAwareness()
      const storeA = createTestStore()
      const storeB = createTestStore()
      bindPresenceToAwareness(storeA, a, atom('ann', { id: 'ann', name: 'Ann', color: '#f0f' }), { throttleMs: 50 })
      bindPresenceToAwareness(storeB, b, atom('bob', { id: 'bob', name: 'Bob', color: '#00f' }))
      const updates = vi.fn()
      b.on('change', updates)
      for (let x = 1; x <= 20; x++) storeA.update(TLPOINTER_ID, (p) => ({ ...p, x }))
      await vi.advanceTimersByTimeAsync(60)
      expect(presences(storeB)[0]?.cursor?.x).toBe(20)
      expect(updates.mock.calls.length).toBeLessThanOrEqual(2)
    } finally {
      vi.useRealTimers()
    }
  })
})
