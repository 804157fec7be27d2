import { describe, expect, it } from 'vitest'
import { outlineChanges } from './outlineChanges.ts'
import { note, outlineOf, place } from './outlineFixture.ts'

const logframe = (indicators: ReturnType<typeof note>[], narrative: ReturnType<typeof note>[] = []) =>
  place('shape:lf', 'Logframe', {
    places: [
      place('shape:lf/out:ind', 'Output: education, Indicators', { notes: indicators }),
      place('shape:lf/out:nar', 'Output: education, Narrative summary', { notes: narrative }),
    ],
  })

describe('changes between two readings of the board', () => {
  const before = outlineOf([logframe([note('shape:a', 'Enrolment'), note('shape:b', 'Attendance')])])

  it('names the place of each added, deleted, moved and rewritten note', () => {
    const after = outlineOf([
      logframe(
        [note('shape:a', 'Enrolment rate'), note('shape:c', 'Teachers trained')],
        [note('shape:b', 'Attendance')],
      ),
    ])
    expect(outlineChanges(before, after, new Set())).toEqual([
      { kind: 'edited', placeKey: 'shape:lf/out:ind', placeLabel: 'Output: education, Indicators', noteId: 'shape:a' },
      { kind: 'added', placeKey: 'shape:lf/out:ind', placeLabel: 'Output: education, Indicators', noteId: 'shape:c' },
      {
        kind: 'moved',
        placeKey: 'shape:lf/out:nar',
        placeLabel: 'Output: education, Narrative summary',
        noteId: 'shape:b',
      },
    ])
    const emptied = outlineOf([logframe([note('shape:a', 'Enrolment')])])
    expect(outlineChanges(before, emptied, new Set())).toEqual([
      { kind: 'removed', placeKey: 'shape:lf/out:ind', placeLabel: 'Output: education, Indicators', noteId: 'shape:b' },
    ])
  })

  it('counts a new sector tag as a change to the note', () => {
    const tagged = outlineOf([
      logframe([note('shape:a', 'Enrolment', { sector: 'education' }), note('shape:b', 'Attendance')]),
    ])
    expect(outlineChanges(before, tagged, new Set()).map((change) => change.kind)).toEqual(['edited'])
  })

  it('leaves out what this page changed itself', () => {
    const after = outlineOf([logframe([note('shape:a', 'Mine now'), note('shape:c', 'Mine too')])])
    expect(outlineChanges(before, after, new Set(['shape:a', 'shape:b', 'shape:c']))).toEqual([])
  })

  it('does not call a revealed private draft deleted', () => {
    const drafted = outlineOf([logframe([note('shape:a', 'Enrolment'), note('shape:p', 'Draft', { private: true })])])
    const revealed = outlineOf([logframe([note('shape:a', 'Enrolment'), note('shape:r', 'Draft')])])
    expect(outlineChanges(drafted, revealed, new Set())).toEqual([
      { kind: 'added', placeKey: 'shape:lf/out:ind', placeLabel: 'Output: education, Indicators', noteId: 'shape:r' },
    ])
  })

  it('tells frames that come and go', () => {
    const vision = place('shape:v', 'Vision statement')
    expect(outlineChanges(before, outlineOf([...before.places, vision]), new Set())).toEqual([
      { kind: 'placeAdded', placeKey: 'shape:v', placeLabel: 'Vision statement' },
    ])
    expect(outlineChanges(outlineOf([vision]), outlineOf([]), new Set())).toEqual([
      { kind: 'placeRemoved', placeKey: 'shape:v', placeLabel: 'Vision statement' },
    ])
  })
})
