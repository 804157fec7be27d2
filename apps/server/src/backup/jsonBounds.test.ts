import { describe, expect, it } from 'vitest'
import { JsonBoundsCheck, type JsonLimits } from './jsonBounds.ts'

const LIMITS: JsonLimits = { maxDepth: 3, maxTokens: 20, maxStringBytes: 8 }
const bytes = (text: string) => new TextEncoder().encode(text)

/** The verdict on `text` fed in chunks of `size` bytes. */
function check(text: string, size = text.length, limits = LIMITS) {
  const scan = new JsonBoundsCheck(limits)
  const all = bytes(text)
  let breach = null
  for (let at = 0; at < all.length && !breach; at += size) breach = scan.push(all.subarray(at, at + size))
  return breach
}

describe('JsonBoundsCheck', () => {
  it('lets a text within every limit through, whatever the chunk size', () => {
    const text = '{"a": [1, 2, {"b": "12345678"}], "c": null}'
    for (const size of [1, 2, 3, 7, text.length]) expect(check(text, size)).toBeNull()
  })

  it('counts nesting outside strings only', () => {
    expect(check('{"a": [[1]]}')).toBeNull()
    expect(check('{"a": [[[1]]]}')).toBe('too-deep')
    expect(check('{"a": "[[[[{{"}')).toBeNull()
    expect(check('["a\\"[[[["]', 1)).toBeNull()
  })

  it('reads an escaped backslash before a quote as the end of the string, across chunks', () => {
    expect(check('["\\\\", [[[]]]]', 1)).toBe('too-deep')
  })

  it('refuses millions of empty arrays once the count passes, not at the end', () => {
    const scan = new JsonBoundsCheck({ maxDepth: 16, maxTokens: 1_000, maxStringBytes: 100 })
    const chunk = bytes('[],'.repeat(100))
    let pushed = 0
    while (!scan.push(chunk)) pushed++
    expect(pushed).toBeLessThan(6)
  })

  it('refuses a string longer than the limit, escapes counted as written', () => {
    expect(check('["12345678"]')).toBeNull()
    expect(check('["123456789"]', 4)).toBe('string-too-long')
    expect(check('["\\n\\n\\n\\n\\n"]')).toBe('string-too-long')
  })

  it('reads strings of escapes and many short strings in time linear in their length', () => {
    const limits = { maxDepth: 4, maxTokens: 10_000_000, maxStringBytes: 100_000_000 }
    const escapes = new JsonBoundsCheck(limits)
    expect(escapes.push(bytes(`["${'\\n'.repeat(2_000_000)}`))).toBeNull()
    expect(escapes.push(bytes('"]'))).toBeNull()
    const short = new JsonBoundsCheck(limits)
    expect(short.push(bytes(`[${'"a",'.repeat(1_000_000)}"a"]`))).toBeNull()
  })

  it('keeps its first verdict', () => {
    const scan = new JsonBoundsCheck(LIMITS)
    expect(scan.push(bytes('[[[['))).toBe('too-deep')
    expect(scan.push(bytes(']]]]'))).toBe('too-deep')
  })
})
