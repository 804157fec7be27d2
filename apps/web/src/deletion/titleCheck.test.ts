import { describe, expect, it } from 'vitest'
import { comparableTitle, titleConfirmed } from './titleCheck.ts'

describe('confirming a deletion by typing the title', () => {
  it('accepts the title as it is, spacing aside', () => {
    expect(titleConfirmed('Risks and actions', 'Risks and actions')).toBe(true)
    expect(titleConfirmed('  Risks   and actions ', 'Risks and actions')).toBe(true)
    expect(titleConfirmed('Risks and\tactions', 'Risks  and actions')).toBe(true)
  })

  it('refuses anything else: another word, a missing letter, another case, nothing typed', () => {
    expect(titleConfirmed('Risks and action', 'Risks and actions')).toBe(false)
    expect(titleConfirmed('risks and actions', 'Risks and actions')).toBe(false)
    expect(titleConfirmed('Risks and actions!', 'Risks and actions')).toBe(false)
    expect(titleConfirmed('', 'Risks and actions')).toBe(false)
    expect(titleConfirmed('   ', 'Risks and actions')).toBe(false)
  })

  it('never confirms a title that is empty once cleaned up', () => {
    expect(titleConfirmed('', '')).toBe(false)
    expect(titleConfirmed('\u200f', ' \u200f ')).toBe(false)
  })

  it('reads accented letters the same however they were composed', () => {
    const composed = 'Atelier de planification conjointe — été'
    const decomposed = composed.normalize('NFD')
    expect(decomposed).not.toBe(composed)
    expect(titleConfirmed(decomposed, composed)).toBe(true)
  })

  it('ignores direction marks and tatweel in Arabic titles, not the letters themselves', () => {
    const title = 'ورشة الحماية والتعليم'
    expect(titleConfirmed(`\u200f${title}\u200f`, title)).toBe(true)
    expect(titleConfirmed('ورشـــة الحماية والتعليم', title)).toBe(true)
    expect(titleConfirmed('ورشة الحماية و التعليم', title)).toBe(false)
    expect(comparableTitle('\u2067ورشة\u2069')).toBe('ورشة')
  })
})
