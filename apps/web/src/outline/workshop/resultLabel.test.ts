import { describe, expect, it } from 'vitest'
import { resultLabel } from './resultLabel.ts'

const words = { removed: '(removed item)', withoutText: '(a note without words)' }

describe('resultLabel', () => {
  it('names an item by its words on one line, cut short when long', () => {
    expect(resultLabel('  Safe\nschools ', words)).toEqual({ label: 'Safe schools', onBoard: true })
    const long = resultLabel('word '.repeat(40), words).label
    expect([long.length, long.endsWith('…')]).toEqual([80, true])
  })

  it('says when an item has no words, or is no longer on the board (nothing to go to)', () => {
    expect(resultLabel(' ', words)).toEqual({ label: '(a note without words)', onBoard: true })
    expect(resultLabel(undefined, words)).toEqual({ label: '(removed item)', onBoard: false })
  })
})
