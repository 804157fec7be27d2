import { describe, expect, it } from 'vitest'
import { InstancePresenceRecordType } from '@tldraw/tlschema'
import { outlinePresenceRecord, pageOf } from './presenceRecord.ts'

const INPUT = {
  userId: 'user:2f0c1a',
  name: 'Amina',
  color: '#1f77b4',
  pageId: 'page:page',
  selectedShapeIds: ['shape:note1'],
  cursor: { x: 420, y: 310 },
  now: 1_700_000_000_000,
}

describe('the outline person’s presence', () => {
  it('is a valid tldraw instance_presence record, with their name, colour, focused note and cursor on it', () => {
    const record = outlinePresenceRecord(INPUT)
    // tldraw's own validator: what a canvas tab runs on every presence it receives.
    expect(() => InstancePresenceRecordType.validate(record)).not.toThrow()
    expect(record).toMatchObject({
      userId: 'user:2f0c1a',
      userName: 'Amina',
      color: '#1f77b4',
      selectedShapeIds: ['shape:note1'],
      currentPageId: 'page:page',
      cursor: { x: 420, y: 310 },
    })
  })

  it('is valid with nothing focused', () => {
    const record = outlinePresenceRecord({ ...INPUT, selectedShapeIds: [], cursor: null })
    expect(() => InstancePresenceRecordType.validate(record)).not.toThrow()
    expect(record).toMatchObject({ cursor: null, camera: null, selectedShapeIds: [] })
  })

  it('centres a follower’s view on the cursor', () => {
    const { camera, screenBounds } = outlinePresenceRecord(INPUT) as {
      camera: { x: number; y: number; z: number }
      screenBounds: { w: number; h: number }
    }
    // tldraw: a screen point s shows the page point s / z - camera.
    expect(screenBounds.w / 2 - camera.x).toBe(420)
    expect(screenBounds.h / 2 - camera.y).toBe(310)
  })
})

describe('the page of a shape', () => {
  const records = new Map<string, unknown>([
    ['page:b', { typeName: 'page', id: 'page:b', index: 'a2' }],
    ['page:a', { typeName: 'page', id: 'page:a', index: 'a1' }],
    ['shape:frame', { typeName: 'shape', parentId: 'page:b' }],
    ['shape:note', { typeName: 'shape', parentId: 'shape:frame' }],
  ])

  it('follows the shape’s parents', () => {
    expect(pageOf(records, 'shape:note')).toBe('page:b')
  })

  it('is the first page when nothing is focused or the shape is unknown', () => {
    expect(pageOf(records, null)).toBe('page:a')
    expect(pageOf(records, 'shape:gone')).toBe('page:a')
    expect(pageOf(new Map(), null)).toBe('page:page')
  })
})
