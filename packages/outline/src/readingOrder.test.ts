import { describe, expect, it } from 'vitest'
import { inReadingOrder } from './readingOrder.ts'

const box = (name: string, x: number, y: number, w = 100, h = 100) => ({ name, box: { x, y, w, h } })
const names = (items: { name: string }[]) => items.map((item) => item.name)

describe('reading order', () => {
  const items = [
    box('c', 0, 300),
    box('b', 250, 30),
    box('a', 0, 0),
    box('d', 250, 310),
    box('tall', 500, 40, 100, 400),
  ]

  it('reads lines top to bottom, each from the left, or from the right when the language reads so', () => {
    expect(names(inReadingOrder(items, (item) => item.box, false))).toEqual(['a', 'b', 'tall', 'c', 'd'])
    expect(names(inReadingOrder(items, (item) => item.box, true))).toEqual(['tall', 'b', 'a', 'd', 'c'])
  })

  it('gives the same order whatever order the things come in', () => {
    const reversed = [...items].reverse()
    expect(names(inReadingOrder(reversed, (item) => item.box, false))).toEqual(['a', 'b', 'tall', 'c', 'd'])
  })
})
