import { describe, expect, it } from 'vitest'
import { loadStepsNearestFirst } from './loadOrder.ts'

const frame = (id: string, x: number, y: number) => [
  `shape:${id}`,
  { id: `shape:${id}`, typeName: 'shape', parentId: 'page:page', x, y, props: { w: 1000, h: 1000 } },
]
const note = (id: string, parent: string, x: number, y: number) => [
  `shape:${id}`,
  { id: `shape:${id}`, typeName: 'shape', parentId: parent, x, y, props: {} },
]
const view = { x: 0, y: 0, w: 1280, h: 800 }

describe('loadStepsNearestFirst', () => {
  const records = new Map<string, unknown>([
    ['document:document', { id: 'document:document' }],
    ['binding:b1', { id: 'binding:b1' }],
    // Listed far first, and children before parents: the order must not depend on the doc's.
    note('far1', 'shape:far', 50, 50),
    frame('far', 5000, 5000),
    note('near2', 'shape:near', 900, 900),
    note('near1', 'shape:near', 20, 20),
    frame('near', 0, 0),
    ['page:page', { id: 'page:page' }],
    note('loose', 'page:page', 2000, 0),
    ['asset:a', { id: 'asset:a' }],
  ] as [string, unknown][])

  it('puts what the view shows first, with what it sits in, then the nearest, and bindings last', () => {
    expect(loadStepsNearestFirst(records, view, 2)).toEqual([
      ['document:document', 'page:page', 'asset:a', 'shape:near', 'shape:near1'],
      ['shape:near2', 'shape:loose'],
      ['shape:far', 'shape:far1', 'binding:b1'],
    ])
  })

  it('has every key once, whatever the step size, with each parent before its children', () => {
    for (const size of [1, 3, 100]) {
      const steps = loadStepsNearestFirst(records, { x: 4000, y: 4000, w: 2000, h: 2000 }, size)
      const flat = steps.flat()
      expect(flat.sort()).toEqual([...records.keys()].sort())
      const order = steps.flat()
      expect(order.indexOf('shape:far')).toBeLessThan(order.indexOf('shape:far1'))
      expect(order.indexOf('shape:near')).toBeLessThan(order.indexOf('shape:near1'))
      expect(order.at(-1)).toBe('binding:b1')
      // Far away is near now: the far frame comes first among shapes.
      expect(order.find((key) => key.startsWith('shape:'))).toBe('shape:far')
    }
  })

  it('survives a parent loop and records that are not objects (the binding refuses those when it puts them)', () => {
    const broken = new Map<string, unknown>([
      ['shape:a', { parentId: 'shape:b', x: 1, y: 1 }],
      ['shape:b', { parentId: 'shape:a', x: 'x', y: null }],
      ['shape:c', 'not a record'],
    ])
    expect(loadStepsNearestFirst(broken, view, 10).flat().sort()).toEqual(['shape:a', 'shape:b', 'shape:c'])
  })
})
