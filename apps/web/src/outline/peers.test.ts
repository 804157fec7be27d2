import { describe, expect, it } from 'vitest'
import { note, outlineOf, place } from './outlineFixture.ts'
import { readPeers, whereIs } from './peers.ts'

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
  // A frame on a page with two cells side by side, as records and as the outline reads them.
  const shape = (id: string, parentId: string, type: string, box: { x: number; y: number; w: number; h: number }) =>
    [
      id,
      {
        id,
        typeName: 'shape',
        type,
        parentId,
        index: 'a1',
        x: box.x,
        y: box.y,
        rotation: 0,
        props: { w: box.w, h: box.h },
        meta: {},
      },
    ] as const
  const records = new Map<string, unknown>([
    ['page:p', { id: 'page:p', typeName: 'page', name: 'Page 1', index: 'a1', meta: {} }],
    shape('shape:lf', 'page:p', 'frame', { x: 0, y: 0, w: 400, h: 400 }),
    shape('shape:ind', 'shape:lf', 'geo', { x: 0, y: 100, w: 100, h: 100 }),
    shape('shape:nar', 'shape:lf', 'geo', { x: 200, y: 100, w: 100, h: 100 }),
  ])
  const cell = (key: string, shapeId: string) => ({
    ...place(key, key, { notes: key.endsWith('ind') ? [note('shape:n1', 'Enrolment')] : [] }),
    shapeId,
  })
  const frame = {
    ...place('shape:lf', 'Logframe', {
      places: [cell('shape:lf/ind', 'shape:ind'), cell('shape:lf/nar', 'shape:nar')],
    }),
    shapeId: 'shape:lf',
  }
  const outline = outlineOf([frame])
  const peer = {
    userId: 'user:a',
    name: 'Amina',
    color: '#000',
    selectedShapeIds: [] as string[],
    cursor: null,
    pageId: 'page:p',
  }

  it('is the note or place they have selected', () => {
    expect(whereIs({ ...peer, selectedShapeIds: ['shape:scaffold', 'shape:n1'] }, outline, records)).toBe('shape:n1')
    expect(whereIs({ ...peer, selectedShapeIds: ['shape:lf'] }, outline, records)).toBe('shape:lf')
    // A template cell's own shape: the place it is.
    expect(whereIs({ ...peer, selectedShapeIds: ['shape:nar'] }, outline, records)).toBe('shape:lf/nar')
  })

  it('else the innermost place under their cursor, on their page', () => {
    expect(whereIs({ ...peer, cursor: { x: 250, y: 150 } }, outline, records)).toBe('shape:lf/nar')
    expect(whereIs({ ...peer, cursor: { x: 50, y: 350 } }, outline, records)).toBe('shape:lf')
    expect(whereIs({ ...peer, cursor: { x: 5000, y: 5000 } }, outline, records)).toBeNull()
    expect(whereIs({ ...peer, cursor: { x: 250, y: 150 }, pageId: 'page:other' }, outline, records)).toBeNull()
    expect(whereIs(peer, outline, records)).toBeNull()
  })
})
