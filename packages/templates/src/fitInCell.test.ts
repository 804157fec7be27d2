import { describe, expect, it } from 'vitest'
import { CELL_PADDING, MIN_NOTE_SCALE, placeInCell } from './fitInCell.ts'

const cell = { x: 1000, y: 500, w: 180, h: 160 }

describe('placing a note in a template cell', () => {
  it('scales a default note down to the cell and moves it inside', () => {
    const placed = placeInCell({ x: 1100, y: 600, w: 200, h: 200, scale: 1 }, cell, [])!
    expect(placed.scale).toBeCloseTo((160 - 2 * CELL_PADDING) / 200)
    const size = 200 * placed.scale
    expect(placed.x).toBeGreaterThanOrEqual(cell.x + CELL_PADDING)
    expect(placed.x + size).toBeLessThanOrEqual(cell.x + cell.w - CELL_PADDING + 1e-9)
    expect(placed.y + size).toBeLessThanOrEqual(cell.y + cell.h - CELL_PADDING + 1e-9)
    expect(placed.growBy).toBe(0)
  })

  it('leaves a note that sits well as it is, and never enlarges one', () => {
    expect(placeInCell({ x: 1020, y: 520, w: 100, h: 100, scale: 0.5 }, cell, [])).toBeNull()
    const big = { x: 0, y: 0, w: 2000, h: 2000 }
    expect(placeInCell({ x: 20, y: 20, w: 100, h: 100, scale: 0.5 }, big, [])).toBeNull()
  })

  it('puts a second note under the first and grows the row to hold it', () => {
    const first = { x: 1010, y: 510, w: 140, h: 140 }
    const placed = placeInCell({ x: 1010, y: 520, w: 200, h: 200, scale: 1 }, cell, [first])!
    expect(placed.y).toBe(first.y + first.h + CELL_PADDING)
    expect(placed.growBy).toBeCloseTo(placed.y + 200 * placed.scale + CELL_PADDING - (cell.y + cell.h))
    expect(placed.growBy).toBeGreaterThan(0)
  })

  it('keeps a tall note (long text) readable, growing the row rather than shrinking it to nothing', () => {
    const placed = placeInCell({ x: 1010, y: 510, w: 200, h: 1600, scale: 1 }, cell, [])!
    expect(placed.scale).toBe(MIN_NOTE_SCALE)
    expect(placed.growBy).toBeGreaterThan(0)
  })
})
