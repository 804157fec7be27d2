import { describe, expect, it } from 'vitest'
import { note, outlineOf, place } from './outlineFixture.ts'
import { placeAt, readPeers, whereIs } from './peers.ts'

const FIELD = 'tldrawPresence'
const presence = (userId: string, userName: string, extra: Record<string, unknown> = {}) => ({
  [FIELD]: {
    userId,
    userName,
    color: '#d62728',
    selectedShapeIds: [],
    cursor: null,
    lastActivityTimestamp: 1,
    ...extra,
  },
})

describe('people on the board', () => {
  it('lists everyone else once, by name, with their latest tab', () => {
    const states = new Map<number, unknown>([
      [1, presence('user:this-tab', 'This tab')],
      [2, presence('user:z', 'Zainab', { lastActivityTimestamp: 5, selectedShapeIds: ['shape:old'] })],
      [3, presence('user:z', 'Zainab', { lastActivityTimestamp: 9, selectedShapeIds: ['shape:new'] })],
      [4, presence('user:a', 'Amina', { cursor: { x: 10, y: 20, type: 'default', rotation: 0 } })],
      [5, { role: 'viewer' }],
      // The same person on the canvas in another tab is not someone else.
      [6, presence('user:mine-elsewhere', 'Mine', {})],
      [7, { [FIELD]: { userId: 42, userName: 'Broken' } }],
      [8, null],
    ])
    const peers = readPeers(states, 1, 'user:mine-elsewhere', FIELD)
    expect(peers.map((peer) => peer.name)).toEqual(['Amina', 'Zainab'])
    expect(peers[0]!.cursor).toEqual({ x: 10, y: 20 })
    expect(peers[1]!.selectedShapeIds).toEqual(['shape:new'])
  })

  it('leaves out this tab itself', () => {
    expect(readPeers(new Map([[1, presence('user:a', 'Amina')]]), 1, 'user:me', FIELD)).toEqual([])
  })
})

describe('where a person is working', () => {
  const cell = (key: string, x: number) => ({
    ...place(key, key, { notes: key.endsWith('ind') ? [note('shape:n1', 'Enrolment')] : [] }),
    target: { parentId: 'shape:lf', box: { x, y: 100, w: 100, h: 100 } },
  })
  const frame = {
    ...place('shape:lf', 'Logframe', { places: [cell('shape:lf/ind', 0), cell('shape:lf/nar', 200)] }),
    target: { parentId: 'shape:lf', box: { x: 0, y: 300, w: 400, h: 100 } },
  }
  const outline = outlineOf([frame])
  const peer = { userId: 'user:a', name: 'Amina', color: '#000', selectedShapeIds: [] as string[], cursor: null }

  it('is the note or place they have selected', () => {
    expect(whereIs({ ...peer, selectedShapeIds: ['shape:scaffold', 'shape:n1'] }, outline)).toBe('shape:n1')
    expect(whereIs({ ...peer, selectedShapeIds: ['shape:lf'] }, outline)).toBe('shape:lf')
  })

  it('else the innermost place under their cursor', () => {
    expect(whereIs({ ...peer, cursor: { x: 250, y: 150 } }, outline)).toBe('shape:lf/nar')
    expect(whereIs({ ...peer, cursor: { x: 50, y: 350 } }, outline)).toBe('shape:lf')
    expect(whereIs({ ...peer, cursor: { x: 5000, y: 5000 } }, outline)).toBeNull()
    expect(whereIs(peer, outline)).toBeNull()
    expect(placeAt([], { x: 0, y: 0 })).toBeNull()
  })
})
