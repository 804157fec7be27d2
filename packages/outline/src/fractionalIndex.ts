/*
 * tldraw's fractional indices (the order of siblings), only what the outline needs: a key above a given one. The
 * same keys tldraw's `getIndexAbove` makes (@tldraw/utils' base-62 "fractional-indexing"), without loading
 * @tldraw/utils, which would add 12 kB (gzip) to a page meant for slow links. A few random digits after the integer
 * part keep two people who add a note at the same moment from taking the same key, as tldraw's jitter does.
 */

const DIGITS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'
const SMALLEST_INTEGER = 'A' + '0'.repeat(26)

/** How many characters the integer part of a key starting with `head` has (a0..az, b00.., Zz..). */
function integerLength(head: string): number | undefined {
  if (head >= 'a' && head <= 'z') return head.charCodeAt(0) - 'a'.charCodeAt(0) + 2
  if (head >= 'A' && head <= 'Z') return 'Z'.charCodeAt(0) - head.charCodeAt(0) + 2
  return undefined
}

/** Whether `key` is a key tldraw accepts (its `validateIndexKey`). */
export function isIndexKey(key: string): boolean {
  const length = key.length > 0 ? integerLength(key[0]!) : undefined
  if (length === undefined || length > key.length || key === SMALLEST_INTEGER) return false
  if ([...key.slice(1)].some((char) => !DIGITS.includes(char))) return false
  return key.length === length || !key.endsWith('0')
}

/** The next integer part, or null after the largest (z followed by 26 z's). */
function increment(integer: string): string | null {
  const [head, ...digits] = integer.split('')
  for (let i = digits.length - 1; i >= 0; i--) {
    const next = DIGITS.indexOf(digits[i]!) + 1
    if (next < DIGITS.length) {
      digits[i] = DIGITS[next]!
      return head + digits.join('')
    }
    digits[i] = '0'
  }
  if (head === 'Z') return 'a0'
  if (head === 'z') return null
  const nextHead = String.fromCharCode(head!.charCodeAt(0) + 1)
  // a..z grow by one digit per step, A..Z shrink by one.
  if (nextHead > 'a') digits.push('0')
  else digits.pop()
  return nextHead + digits.join('')
}

/** A few random digits that do not end in 0 (a key's fraction never does). */
function jitter(random: () => number): string {
  const pick = (from: number) => DIGITS[from + Math.floor(random() * (DIGITS.length - from))]!
  return pick(0) + pick(0) + pick(1)
}

/**
 * A key above `below` (above nothing: the first key), below the next integer, so that it sorts above `below` and
 * every key below it. A malformed `below` counts as nothing.
 */
export function indexAbove(below: string | undefined, random: () => number = Math.random): string {
  if (below === undefined || !isIndexKey(below)) return 'a1' + jitter(random)
  const integer = below.slice(0, integerLength(below[0]!)!)
  const next = increment(integer)
  // Past the largest integer, go on in the fraction: after every fraction starting like below's.
  return next === null ? below + jitter(random) : next + jitter(random)
}
