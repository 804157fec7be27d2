import { describe, expect, it } from 'vitest'
import { nestsDeeperThan, parseBackup } from './boardBackup.ts'

const bytes = (text: string) => new TextEncoder().encode(text)

describe('nestsDeeperThan', () => {
  it('counts arrays and objects, not brackets inside strings or escaped quotes', () => {
    expect(nestsDeeperThan(bytes('{"a": [[1]]}'), 3)).toBe(false)
    expect(nestsDeeperThan(bytes('{"a": [[[1]]]}'), 3)).toBe(true)
    expect(nestsDeeperThan(bytes('{"a": "[[[[[[{{{{"}'), 1)).toBe(false)
    expect(nestsDeeperThan(bytes('{"a": "say \\"[[[[\\" "}'), 1)).toBe(false)
    expect(nestsDeeperThan(bytes('[{"a": "\\\\"}, [[]]]'), 2)).toBe(true)
  })

  it('lets a backup refuse 40 MB of nested arrays before parsing it', () => {
    const hostile = bytes('['.repeat(40_000_000))
    expect(parseBackup(hostile)).toMatchObject({ ok: false, reason: 'not-a-backup' })
  })
})
