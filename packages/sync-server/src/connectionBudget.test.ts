import * as awarenessProtocol from 'y-protocols/awareness'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { RequestBudget } from './connectionBudget.ts'
import { filterAwarenessUpdate, stampPresence } from './protocol.ts'

describe('RequestBudget', () => {
  it('allows a burst, then refills with time', () => {
    const budget = new RequestBudget(3, 1)
    const t = Date.now()
    expect([budget.take(1, t), budget.take(1, t), budget.take(1, t), budget.take(1, t)]).toEqual([
      true,
      true,
      true,
      false,
    ])
    expect(budget.take(1, t + 500)).toBe(false)
    expect(budget.take(1, t + 1_600)).toBe(true)
  })

  it('counts a cost, and lets one larger than the burst through only when full, leaving a debt', () => {
    const budget = new RequestBudget(100, 10)
    const full = new RequestBudget(100, 10)
    const t = Date.now() + 1
    expect([budget.take(60, t), budget.take(60, t)]).toEqual([true, false])
    expect(full.take(500, t)).toBe(true)
    // 400 in debt: forty seconds before the next byte.
    expect(full.take(1, t + 39_000)).toBe(false)
    expect(full.take(1, t + 41_000)).toBe(true)
  })
})

describe('filterAwarenessUpdate', () => {
  function update(states: Record<number, unknown>): Uint8Array {
    const doc = new Y.Doc()
    const awareness = new awarenessProtocol.Awareness(doc)
    awareness.setLocalState(null)
    for (const [id, state] of Object.entries(states)) {
      awareness.states.set(Number(id), state as Record<string, unknown>)
      awareness.meta.set(Number(id), { clock: 1, lastUpdated: Date.now() })
    }
    const encoded = awarenessProtocol.encodeAwarenessUpdate(awareness, Object.keys(states).map(Number))
    awareness.destroy()
    return encoded
  }

  it('keeps only the entries it is told to, in the format y-protocols reads', () => {
    const filtered = filterAwarenessUpdate(
      update({ 1: { name: 'a' }, 2: { name: 'b' }, 3: { name: 'c' } }),
      (id, state) => (id !== 2 ? state : null),
    )
    const target = new awarenessProtocol.Awareness(new Y.Doc())
    awarenessProtocol.applyAwarenessUpdate(target, filtered!, null)
    expect([...target.getStates().keys()].sort()).toEqual([1, 3, target.clientID].sort())
    expect(filterAwarenessUpdate(update({ 1: { name: 'a' } }), () => null)).toBeNull()
    const all = update({ 1: { name: 'a' } })
    expect(filterAwarenessUpdate(all, (_, state) => state)).toBe(all)
    expect(() => filterAwarenessUpdate(new Uint8Array([5, 1]), (_, state) => state)).toThrow()
    target.destroy()
  })

  it('writes what the server vouches for over what a peer claims', () => {
    const stamped = filterAwarenessUpdate(update({ 1: { name: 'a', role: 'facilitator' }, 2: null }), (_, state) =>
      stampPresence(state, { role: 'viewer' }),
    )
    const target = new awarenessProtocol.Awareness(new Y.Doc())
    awarenessProtocol.applyAwarenessUpdate(target, stamped!, null)
    expect(target.getStates().get(1)).toEqual({ name: 'a', role: 'viewer' })
    expect(target.getStates().has(2)).toBe(false)
    target.destroy()
  })
})
