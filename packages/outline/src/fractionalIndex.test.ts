import { getIndexAbove, getIndices, type IndexKey } from '@tldraw/utils'
import { T } from '@tldraw/validate'
import { describe, expect, it } from 'vitest'
import { indexAbove, isIndexKey } from './fractionalIndex.ts'
import { createRandom } from '../../../test/support/prng.ts'

const valid = (key: string) => {
  try {
    // What the board's schema checks a shape's index with.
    T.indexKey.validate(key)
    return true
  } catch {
    return false
  }
}

describe('fractional indices without @tldraw/utils', () => {
  it('makes keys tldraw accepts, each above the one below', () => {
    const random = createRandom(7).next
    let below: string | undefined
    for (let step = 0; step < 2_000; step++) {
      const key = indexAbove(below, random)
      expect(valid(key), key).toBe(true)
      if (below !== undefined) expect(key > below).toBe(true)
      below = key
    }
  })

  it('goes above keys tldraw made, whatever their length, and above the largest integers', () => {
    const random = createRandom(11).next
    const made = [
      ...getIndices(200),
      getIndexAbove('zzzzzzzzzzzzzzzzzzzzzzzzzzz' as IndexKey),
      'Zz',
      'a0',
      'b0001',
      'azV',
    ]
    for (const below of made) {
      const key = indexAbove(below, random)
      expect(valid(key), `${below} -> ${key}`).toBe(true)
      expect(key > below, `${below} -> ${key}`).toBe(true)
    }
  })

  it('starts a pile where there is none, and treats a malformed key as none', () => {
    for (const below of [undefined, '', 'not a key', 'a10', '!']) {
      const key = indexAbove(below, () => 0.5)
      expect(valid(key)).toBe(true)
      expect(key.startsWith('a1')).toBe(true)
    }
  })

  it('reads keys as tldraw does', () => {
    const random = createRandom(3).next
    const samples = ['a1', 'a10', 'a1V', 'b00', 'b0', 'A' + '0'.repeat(26), 'Zz', 'Zzz', 'z', '', 'a!', 'a1 ']
    for (let i = 0; i < 200; i++) samples.push(indexAbove(samples[Math.floor(random() * samples.length)], random))
    for (const key of samples) expect(isIndexKey(key), key).toBe(valid(key) && !/[^0-9A-Za-z]/.test(key))
  })
})
