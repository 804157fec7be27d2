import { describe, expect, it } from 'vitest'
import { clusterBoxes } from './clusterBoxes.ts'

const note = (x: number, y: number) => ({ x, y, w: 200, h: 200 })

describe('clusterBoxes', () => {
  it('groups what lies within the gap, through chains of neighbours, and keeps far ones apart', () => {
    const boxes = [note(0, 0), note(300, 0), note(600, 0), note(5_000, 5_000), note(5_250, 5_000), note(-4_000, 0)]
    const groups = clusterBoxes(boxes, 240).map((group) => group.sort((a, b) => a - b))
    expect(groups.sort((a, b) => a[0]! - b[0]!)).toEqual([[0, 1, 2], [3, 4], [5]])
  })

  it('joins boxes across grid cells and a large box with what touches it', () => {
    const boxes = [note(900, 900), note(1_150, 1_150), { x: -3_000, y: 2_000, w: 6_000, h: 100 }, note(2_500, 2_200)]
    expect(clusterBoxes(boxes, 240).map((group) => group.sort((a, b) => a - b))).toEqual([
      [0, 1],
      [2, 3],
    ])
  })

  it('handles thousands of loose notes in a grid as one cluster', () => {
    const boxes = Array.from({ length: 5_000 }, (_, n) => note((n % 100) * 220, Math.floor(n / 100) * 220))
    const groups = clusterBoxes(boxes, 240)
    expect(groups).toHaveLength(1)
    expect(groups[0]).toHaveLength(5_000)
  })
})
