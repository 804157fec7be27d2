import { describe, expect, it } from 'vitest'
import { CELL_PADDING, fitInCell, MIN_NOTE_SCALE } from './fitInCell.ts'

const cell = { x: 1000, y: 500, w: 180, h: 160 }

describe('fitting a note into a template cell', () => {
  it('scales a default note down to the cell and moves it inside', () => {
    const fitted = fitInCell({ x: 1100, y: 600, w: 200, h: 200, scale: 1 }, cell)!
    expect(fitted.scale).toBeCloseTo((160 - 2 * CELL_PADDING) / 200)
    const size = 200 * fitted.scale
    expect(fitted.x).toBeGreaterThanOrEqual(cell.x + CELL_PADDING)
    expect(fitted.x + size).toBeLessThanOrEqual(cell.x + cell.w - CELL_PADDING + 1e-9)
    expect(fitted.y + size).toBeLessThanOrEqual(cell.y + cell.h - CELL_PADDING + 1e-9)
  })

  it('leaves a note that fits as it is, and never enlarges one', () => {
    expect(fitInCell({ x: 1020, y: 520, w: 100, h: 100, scale: 0.5 }, cell)).toBeNull()
    const big = { x: 0, y: 0, w: 2000, h: 2000 }
    expect(fitInCell({ x: 20, y: 20, w: 100, h: 100, scale: 0.5 }, big)).toBeNull()
  })

  it('keeps a tall note (long text) readable rather than shrinking it to nothing', () => {
    const fitted = fitInCell({ x: 1010, y: 510, w: 200, h: 1600, scale: 1 }, cell)!
    expect(fitted.scale).toBe(MIN_NOTE_SCALE)
  })
})
