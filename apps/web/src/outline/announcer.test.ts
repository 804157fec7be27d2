import { describe, expect, it } from 'vitest'
import { plural } from '../i18n/plurals.ts'
import { Announcer, type AnnouncementWords } from './announcer.ts'
import type { OutlineChange } from './outlineChanges.ts'

const WORDS: AnnouncementWords = {
  added: (n, place) => `${n} added in ${place}.`,
  removed: (n, place) => `${n} deleted in ${place}.`,
  moved: (n, place) => `${n} moved to ${place}.`,
  edited: (n, place) => `${n} changed in ${place}.`,
  placeAdded: (place) => `New: ${place}.`,
  placeRemoved: (place) => `Gone: ${place}.`,
  more: (n) => `${n} more.`,
}

let notes = 0
/** A change to a new note (or to `noteId`) in a place named as its key. */
const at = (kind: OutlineChange['kind'], placeKey: string, noteId = `shape:n${++notes}`): OutlineChange =>
  kind === 'placeAdded' || kind === 'placeRemoved'
    ? { kind, placeKey, placeLabel: placeKey }
    : { kind, placeKey, placeLabel: placeKey, noteId }
const TIMING = { settleMs: 1_000, intervalMs: 5_000, maxPhrases: 3 }

describe('announcing others’ changes', () => {
  it('waits for a burst to settle, then tells it as one summary counted per place', () => {
    const announcer = new Announcer(TIMING)
    expect(announcer.dueAt()).toBeNull()
    announcer.add([at('added', 'Goal')], 0)
    announcer.add([at('added', 'Goal'), at('moved', 'Outcome')], 400)
    announcer.add([at('added', 'Goal')], 800)
    expect(announcer.dueAt()).toBe(1_000)
    expect(announcer.take(999, WORDS)).toBeNull()
    expect(announcer.take(1_000, WORDS)).toBe('3 added in Goal. 1 moved to Outcome.')
    expect(announcer.dueAt()).toBeNull()
    expect(announcer.take(2_000, WORDS)).toBeNull()
  })

  it('speaks at most once per interval, keeping what comes meanwhile', () => {
    const announcer = new Announcer(TIMING)
    announcer.add([at('added', 'Goal')], 0)
    expect(announcer.take(1_000, WORDS)).toBe('1 added in Goal.')
    announcer.add([at('removed', 'Goal')], 1_500)
    announcer.add([at('removed', 'Goal')], 3_000)
    expect(announcer.dueAt()).toBe(6_000)
    expect(announcer.take(5_999, WORDS)).toBeNull()
    expect(announcer.take(6_000, WORDS)).toBe('2 deleted in Goal.')
  })

  it('keeps a long summary short: the first places, then how many more changes', () => {
    const announcer = new Announcer(TIMING)
    announcer.add(
      [at('added', 'A'), at('added', 'B'), at('added', 'C'), at('added', 'C'), at('placeAdded', 'Vision')],
      0,
    )
    expect(announcer.take(1_000, WORDS)).toBe('1 added in A. 1 added in B. 3 more.')
  })

  it('counts a note once however often it changes, and a new note being written as new only', () => {
    const announcer = new Announcer(TIMING)
    announcer.add([at('added', 'Goal', 'shape:typed')], 0)
    for (let i = 1; i <= 5; i++)
      announcer.add([at('edited', 'Goal', 'shape:typed'), at('edited', 'Goal', 'shape:old')], i * 100)
    expect(announcer.take(1_000, WORDS)).toBe('1 added in Goal. 1 changed in Goal.')
  })

  it('says nothing for no changes', () => {
    const announcer = new Announcer(TIMING)
    announcer.add([], 0)
    expect(announcer.dueAt()).toBeNull()
  })

  it('reads as a person would say it, with each language’s plural forms', () => {
    expect(plural('en', 'outlineNotesAdded', 1, { place: 'Goal' })).toBe('A new note in Goal')
    expect(plural('en', 'outlineNotesAdded', 3, { place: 'Goal' })).toBe('3 new notes in Goal')
    expect(plural('ar', 'outlineNotesAdded', 2, { place: 'الهدف' })).toBe('ملاحظتان جديدتان في الهدف')
    expect(plural('ar', 'outlineNotesAdded', 11, { place: 'الهدف' })).toBe('11 ملاحظة جديدة في الهدف')
  })
})
