import { describe, expect, it } from 'vitest'
import { figureTiles } from './figureTiles.ts'

describe('figureTiles', () => {
  it('keeps a region that fits whole', () => {
    expect(figureTiles({ x: 10, y: 20, w: 800, h: 600 }, 2000, 1400)).toEqual([
      { x: 10, y: 20, w: 800, h: 600, part: 1, parts: 1 },
    ])
  })

  it('cuts a large region into parts that cover it edge to edge, none larger than a page holds', () => {
    const tiles = figureTiles({ x: 0, y: 0, w: 5000, h: 2000 }, 2000, 1400)
    expect(tiles.map((tile) => tile.part)).toEqual([1, 2, 3, 4, 5, 6])
    expect(tiles.every((tile) => tile.parts === 6 && tile.w <= 2000 && tile.h <= 1400)).toBe(true)
    expect(tiles.reduce((area, tile) => area + tile.w * tile.h, 0)).toBe(5000 * 2000)
  })

  it('cuts between notes, not through one, so each is printed once and whole', () => {
    // Rows of notes 300 high with gaps; the longest part would end at 1400, inside the note at 1300–1600.
    const notes = [0, 1, 2, 3, 4].map((row) => ({ x: 100, y: 100 + row * 300 + (row > 3 ? 100 : 0), w: 200, h: 250 }))
    notes.push({ x: 100, y: 1300, w: 200, h: 300 })
    const tiles = figureTiles({ x: 0, y: 0, w: 1000, h: 2000 }, 2000, 1400, notes)
    const cut = tiles[0]!.y + tiles[0]!.h
    expect(cut).toBeLessThanOrEqual(1400)
    expect(notes.every((note) => note.y + note.h <= cut || note.y >= cut)).toBe(true)
  })

  it('shares the length evenly, so no part is a lone last row', () => {
    const tiles = figureTiles({ x: 0, y: 0, w: 100, h: 1500 }, 1000, 1400)
    expect(tiles.map((tile) => tile.h)).toEqual([750, 750])
  })

  it('cuts through at the even share when no gap is in reach', () => {
    const wall = [{ x: 0, y: 0, w: 100, h: 3000 }]
    const tiles = figureTiles({ x: 0, y: 0, w: 100, h: 3000 }, 1000, 1400, wall)
    expect(tiles.map((tile) => tile.h)).toEqual([1000, 1000, 1000])
  })
})
