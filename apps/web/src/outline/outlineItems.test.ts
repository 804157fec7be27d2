import { describe, expect, it } from 'vitest'
import { note, outlineOf, place } from './outlineFixture.ts'
import { itemsByKey, outlineItems, placesToAddTo } from './outlineItems.ts'

const OUTLINE = outlineOf([
  place('shape:lf', 'Logframe', {
    places: [
      place('shape:lf/goal:ind', 'Goal, Indicators', { notes: [note('shape:a', 'Enrolment'), note('shape:b', ' ')] }),
      { ...place('shape:lf/goal:label', 'Goal'), target: null },
    ],
    notes: [note('shape:c', 'Loose in the frame')],
  }),
  place('area:1', 'Notes to the right of Logframe', { kind: 'area', notes: [note('shape:d', 'Alone')] }),
])

describe('the outline as tree items', () => {
  it('lists a place’s places, then its notes, with how many notes each place holds', () => {
    const items = outlineItems(OUTLINE, '(empty note)')
    expect(items.map((item) => [item.key, item.noteCount])).toEqual([
      ['shape:lf', 3],
      ['area:1', 1],
    ])
    expect(items[0]!.children.map((item) => item.key)).toEqual(['shape:lf/goal:ind', 'shape:lf/goal:label', 'shape:c'])
    expect(items[0]!.children[0]!.children.map((item) => item.label)).toEqual(['Enrolment', '(empty note)'])
  })

  it('finds any item by key', () => {
    const byKey = itemsByKey(outlineItems(OUTLINE, ''))
    expect(byKey.get('shape:b')?.entry).toMatchObject({ kind: 'note', text: ' ' })
    expect(byKey.get('area:1')?.entry).toMatchObject({ kind: 'area' })
  })

  it('offers only places a note can go to, with the top-level place each is in', () => {
    expect(placesToAddTo(OUTLINE).map(({ place, top }) => `${top.label} › ${place.label}`)).toEqual([
      'Logframe › Logframe',
      'Logframe › Goal, Indicators',
      'Notes to the right of Logframe › Notes to the right of Logframe',
    ])
  })
})
