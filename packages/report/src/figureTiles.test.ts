import { describe, expect, it } from 'vitest'
import { figureTiles } from './figureTiles.ts'

describe('figureTiles', () => {
  it('keeps a region that fits whole', () => {
    expect(figureTiles({ x: 10, y: 20, w: 800, h: 600 }, 2000, 1400)).toEqual([
      { x: 10, y: 20, w: 800, h: 600, part: 1, parts: 1 },
    ])
  })

  it('cuts a large region into overlapping parts that cover it', () => {
    const tiles = figureTiles({ x: 0, y: 0, w: 5000, h: 2000 }, 2000, 1400, 0.05)
    expect(tiles.map((tile) => tile.part)).toEqual([1, 2, 3, 4, 5, 6])
    expect(tiles.every((tile) => tile.parts === 6)).toBe(true)
    expect(Math.min(...tiles.map((tile) => tile.x))).toBe(0)
    expect(Math.max(...tiles.map((tile) => tile.x + tile.w))).toBe(5000)
    expect(Math.max(...tiles.map((tile) => tile.y + tile.h))).toBe(2000)
    // Neighbours overlap, so a note on the cut is whole in one of them.
    expect(tiles[0]!.x + tiles[0]!.w).toBeGreaterThan(tiles[1]!.x)
    // Each part still prints at the readable scale, give or take the overlap.
    expect(Math.max(...tiles.map((tile) => tile.w))).toBeLessThanOrEqual(2000 * 1.1)
  })
})
