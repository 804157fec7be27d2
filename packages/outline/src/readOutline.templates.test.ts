import { describe, expect, it } from 'vitest'
import type { LanguageCode } from '@cg/contract'
import type { Outline, OutlinePlace } from './outlineTypes.ts'
import { readOutline } from './readOutline.ts'
import { planGridRow } from '@cg/templates'
import { toRichText } from './richText.ts'
import { catalog, TestBoard } from './test/testBoard.ts'

/** A template's wording in a language, as the catalog has it. */
const say = (templateId: string, language: LanguageCode, key: string) =>
  catalog.templates.find((template) => template.definition.id === templateId)!.strings[language][key]!
const comma = (language: LanguageCode) => (language === 'ar' ? '، ' : ', ')
const firstLine = (text: string) => text.split('\n')[0]!

/** The label of the place a note is in, and that place. */
const placeOf = (outline: Outline, noteId: string) => {
  const entry = outline.notes.get(noteId)
  expect(entry, `${noteId} is in the outline`).toBeDefined()
  return outline.placesByKey.get(entry!.placeKey)!
}
const labels = (places: readonly OutlinePlace[]) => places.map((place) => place.label)

describe.each(['en', 'ar'] as const)('the outline of templates read in %s', (language) => {
  // Laid out in the other language too: a reader sees the template's words in their own.
  describe.each(['en', 'ar'] as const)('laid out in %s', (laidOutIn) => {
    it('reads the logframe row by row, each cell named "<row>, <column>", a note in the cell holding it', () => {
      const board = new TestBoard()
      const frame = board.addTemplate('logframe', laidOutIn, { x: 0, y: 0 })
      const cellMiddle = (row: string, column: string) => board.middleOf(frame, { part: 'grid-cell', row, column })
      const indicator = board.addNoteAt('Enrolment rate', cellMiddle('output-2', 'indicators'), frame)
      const goal = board.addNoteAt('Children are safe', cellMiddle('goal', 'narrative'), frame)
      const onHeader = board.addNoteAt(
        'About the columns',
        board.middleOf(frame, { part: 'grid-header', column: 'target' }),
        frame,
      )
      const outline = readOutline(board.input(language))

      const place = outline.placesByKey.get(frame)!
      expect(place.kind).toBe('frame')
      expect(place.label).toBe(say('logframe', language, 'title'))
      expect(labels(place.places)).toEqual(
        [
          'row.goal',
          'row.outcome',
          'row.output-child-protection',
          'row.output-education',
          'row.output-joint',
          'row.activities',
        ].map((key) => say('logframe', language, key)),
      )
      const columns = ['narrative', 'indicators', 'baseline', 'target', 'verification', 'assumptions']
      const education = place.places[3]!
      expect(education.target).toBeNull()
      expect(education.key).toBe(`${frame}/output-2:*`)
      // Columns in the template's order, whichever way the grid was laid out (mirrored in Arabic).
      expect(labels(education.places)).toEqual(
        columns.map(
          (column) =>
            say('logframe', language, 'row.output-education') +
            comma(language) +
            say('logframe', language, `col.${column}`),
        ),
      )
      expect(education.places.map((cell) => cell.key)).toEqual(columns.map((column) => `${frame}/output-2:${column}`))

      expect(placeOf(outline, indicator).key).toBe(`${frame}/output-2:indicators`)
      expect(placeOf(outline, indicator).label).toBe(
        language === 'en' ? 'Output: education, Indicators' : 'مخرج: التعليم، المؤشرات',
      )
      expect(placeOf(outline, goal).key).toBe(`${frame}/goal:narrative`)
      // A note on a column's heading is in the frame, not in a cell.
      expect(placeOf(outline, onHeader).key).toBe(frame)
      const cell = placeOf(outline, indicator)
      const cellShape = board.scaffold(frame, { part: 'grid-cell', row: 'output-2', column: 'indicators' })
      expect(cell.shapeId).toBe(cellShape.id)
      expect(cell.target).toEqual({
        parentId: frame,
        box: { x: cellShape.x + 10, y: cellShape.y + 10, w: cellShape.props.w! - 20, h: cellShape.props.h! - 20 },
      })
    })

    it('reads the social-ecological model as its levels, a note in the innermost level holding its centre', () => {
      const board = new TestBoard()
      const frame = board.addTemplate('social-ecological-model', laidOutIn, { x: 500, y: 300 })
      const box = (element: string) => board.scaffold(frame, { part: 'box', element })
      const child = board.addNoteAt('Attends school', board.middleOf(frame, { part: 'box', element: 'child' }), frame)
      // Between the family's box and the community's: the community level.
      const community = box('community')
      const betweenRings = board.addNoteAt('Youth club', { x: community.x + 45, y: community.y + 440 }, frame)
      const society = board.addNoteAt(
        'Birth registration law',
        { x: box('society').x + 700, y: box('society').y + 1050 },
        frame,
      )
      const outline = readOutline(board.input(language))
      const place = outline.placesByKey.get(frame)!
      expect(labels(place.places)).toEqual(
        ['society', 'community', 'family', 'child'].map((key) =>
          firstLine(say('social-ecological-model', language, key)),
        ),
      )
      expect(place.places[1]!.description).toBe(
        say('social-ecological-model', language, 'community').split('\n').slice(1).join('\n'),
      )
      expect(placeOf(outline, child).key).toBe(`${frame}/child`)
      expect(placeOf(outline, betweenRings).key).toBe(`${frame}/community`)
      expect(placeOf(outline, society).key).toBe(`${frame}/society`)
      expect(place.places.every((cell) => cell.target?.parentId === frame)).toBe(true)
    })

    it('reads the life cycle as sector rows of stages, each stage with its age range', () => {
      const board = new TestBoard()
      const frame = board.addTemplate('child-life-cycle', laidOutIn, { x: 0, y: 0 })
      const note = board.addNoteAt(
        'Early learning',
        board.middleOf(frame, { part: 'grid-cell', row: 'education', column: 'early' }),
        frame,
      )
      const outline = readOutline(board.input(language))
      const cell = placeOf(outline, note)
      expect(cell.label).toBe(
        say('child-life-cycle', language, 'row.education') +
          comma(language) +
          say('child-life-cycle', language, 'stage.early'),
      )
      expect(cell.description).toBe(say('child-life-cycle', language, 'age.early'))
      // The age ranges are left unlocked for the group to adjust: once retyped, shown as typed.
      const age = board.scaffold(frame, { part: 'text', element: 'age-early' })
      board.records.set(age.id, { ...age, props: { ...age.props, richText: toRichText('0–6 years') } })
      expect(placeOf(readOutline(board.input(language)), note).description).toBe('0–6 years')
      expect(outline.placesByKey.get(frame)!.places).toHaveLength(7)
    })

    it('reads the vision: the question describes it, the block written together is a cell holding its text', () => {
      const board = new TestBoard()
      const frame = board.addTemplate('vision', laidOutIn, { x: 0, y: 0 })
      const block = board.scaffold(frame, { part: 'codraft' })
      const theme = board.addNoteAt(
        'Education for all',
        board.middleOf(frame, { part: 'box', element: 'themes' }),
        frame,
      )
      const outline = readOutline(
        board.input(language, { codraftText: (id) => (id === block.id ? ' Every child thrives. ' : '') }),
      )
      const place = outline.placesByKey.get(frame)!
      expect(place.description).toBe(say('vision', language, 'question'))
      expect(labels(place.places)).toEqual(['themes', 'statement', 'values'].map((key) => say('vision', language, key)))
      const statement = place.places[1]!
      expect(statement.target).toBeNull()
      expect(statement.notes).toEqual([
        expect.objectContaining({
          id: block.id,
          codraft: true,
          text: 'Every child thrives.',
          label: say('vision', language, 'statement'),
          editable: false,
        }),
      ])
      expect(placeOf(outline, theme).key).toBe(`${frame}/themes`)
    })
  })

  it('orders frames and the notes of a cell in reading order: right to left in Arabic', () => {
    const board = new TestBoard()
    const left = board.addTemplate('vision', language, { x: 0, y: 0 })
    const right = board.addTemplate('social-ecological-model', language, { x: 2000, y: 40 })
    const below = board.addTemplate('logframe', language, { x: 0, y: 1500 })
    const themes = board.scaffold(left, { part: 'box', element: 'themes' })
    const first = board.addNote('left', { x: themes.x + 20, y: themes.y + 100 }, left, { props: { scale: 0.5 } })
    const second = board.addNote('right', { x: themes.x + 300, y: themes.y + 110 }, left, { props: { scale: 0.5 } })
    const third = board.addNote('under', { x: themes.x + 20, y: themes.y + 300 }, left, { props: { scale: 0.5 } })
    const outline = readOutline(board.input(language))
    const rtl = language === 'ar'
    expect(outline.places.map((place) => place.key)).toEqual(rtl ? [right, left, below] : [left, right, below])
    expect(placeOf(outline, first).notes.map((note) => note.id)).toEqual(
      rtl ? [second, first, third] : [first, second, third],
    )
  })

  it('counts the votes of the last ended vote on notes and on boxes people vote on', () => {
    const board = new TestBoard()
    const frame = board.addTemplate('sector-prioritisation', language, { x: 0, y: 0 })
    const health = board.scaffold(frame, { part: 'box', element: 'health' })
    const note = board.addNoteAt('Mobile clinics', board.middleOf(frame, { part: 'box', element: 'health' }), frame)
    const outline = readOutline(
      board.input(language, {
        votes: new Map([
          [health.id, 4],
          [note, 2],
        ]),
      }),
    )
    const place = outline.placesByKey.get(`${frame}/health`)!
    expect(place.votes).toBe(4)
    expect(place.notes[0]).toMatchObject({ id: note, votes: 2 })
    expect(outline.placesByKey.get(`${frame}/education`)!.votes).toBeUndefined()
    expect(readOutline(board.input(language)).placesByKey.get(`${frame}/health`)!.votes).toBeUndefined()
  })
})

describe.each(['en', 'ar'] as const)('rows and frames people add, read in %s', (language) => {
  it('names an output row added for a sector, and a group-work frame by its sector, in the reader’s language', () => {
    const board = new TestBoard()
    const frame = board.addTemplate('logframe', 'en', { x: 0, y: 0 })
    const logframe = catalog.templates.find((template) => template.definition.id === 'logframe')!
    const children = [...board.records.values()].filter(
      (record) => (record as { parentId?: string }).parentId === frame,
    )
    const plan = planGridRow(logframe, board.records.get(frame) as never, children as never, {
      gridId: 'logframe',
      kind: 'output',
      sector: 'health',
      language: 'en',
      sectors: catalog.sectors,
    })
    for (const move of plan.moves) board.records.set(move.id, { ...(board.records.get(move.id) as object), y: move.y })
    for (const record of plan.records) board.records.set(record.id, record)
    const health = catalog.sectors.find((sector) => sector.id === 'health')!.names[language]
    const row = readOutline(board.input(language)).placesByKey.get(`${frame}/output-4:*`)!
    expect(row.label).toBe(say('logframe', language, 'row.output').replace('{sector}', health))
    expect(row.places[1]!.label).toBe(row.label + comma(language) + say('logframe', language, 'col.indicators'))

    const group = board.addTemplate('key-actions', 'en', { x: 0, y: 3000 }, 'education')
    const education = catalog.sectors.find((sector) => sector.id === 'education')!.names[language]
    const place = readOutline(board.input(language)).placesByKey.get(group)!
    expect(place.label).toBe(`${say('key-actions', language, 'name')} — ${education}`)
    expect(place.description).toBe(say('key-actions', language, 'title'))
  })
})
