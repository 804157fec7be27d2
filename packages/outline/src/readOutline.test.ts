import { describe, expect, it } from 'vitest'
import type { OutlinePlace } from './outlineTypes.ts'
import { readOutline } from './readOutline.ts'
import { toRichText } from './richText.ts'
import { catalog, englishWords, PAGE_ID, TestBoard } from './test/testBoard.ts'
import { createRandom } from '../../../test/support/prng.ts'

const everyNoteId = (places: readonly OutlinePlace[]): string[] =>
  places.flatMap((place) => [...place.notes.map((note) => note.id), ...everyNoteId(place.places)])

describe('the outline of a board', () => {
  it('holds frames inside frames (through groups) in their frame, each note in the innermost', () => {
    const board = new TestBoard()
    const outer = board.addFrame('Outer', { x: 0, y: 0, w: 2000, h: 1500 })
    board.put({ id: 'shape:group', type: 'group', parentId: outer, x: 100, y: 100, props: {} })
    const inner = board.addFrame('Inner', { x: 50, y: 50, w: 600, h: 600 }, 'shape:group')
    const inInner = board.addNote('deep', { x: 20, y: 20 }, inner)
    const inGroup = board.addNote('grouped', { x: 900, y: 50 }, 'shape:group')
    const outline = readOutline(board.input('en'))
    expect(outline.places.map((place) => place.key)).toEqual([outer])
    const place = outline.placesByKey.get(outer)!
    expect(place.places.map((child) => [child.kind, child.key, child.label])).toEqual([['frame', inner, 'Inner']])
    expect(place.notes.map((note) => note.id)).toEqual([inGroup])
    expect(outline.notes.get(inInner)!.placeKey).toBe(inner)
    expect(outline.placesByKey.get(inner)!.target).toEqual({ parentId: inner, box: { x: 160, y: 160, w: 580, h: 580 } })
  })

  it('reads every page, first page first, then the notes outside frames, by the frame they are next to', () => {
    const board = new TestBoard()
    board.records.set('page:second', { id: 'page:second', typeName: 'page', name: 'Two', index: 'a2', meta: {} })
    const later = board.addFrame('On page two', { x: 0, y: 0, w: 500, h: 500 }, 'page:second')
    const first = board.addFrame('Education', { x: 0, y: 0, w: 800, h: 600 })
    const left = board.addNote('left one', { x: -400, y: 100 })
    const leftToo = board.addNote('left two', { x: -400, y: 320 })
    const below = board.addNote('under', { x: 300, y: 800 })
    const far = board.addNote('far away', { x: 9000, y: 9000 })
    const elsewhere = board.addNote('beside page two', { x: 600, y: 0 }, 'page:second')
    const outline = readOutline(board.input('en'))
    expect(outline.places.map((place) => place.label)).toEqual([
      'Education',
      'On page two',
      'Notes left Education',
      'Notes below Education',
      'Notes, group 1 of 1',
      'Notes right On page two',
    ])
    const areas = outline.places.slice(2)
    expect(areas.map((area) => area.notes.map((note) => note.id))).toEqual([
      [left, leftToo],
      [below],
      [far],
      [elsewhere],
    ])
    expect(areas.every((area) => area.kind === 'area' && area.places.length === 0)).toBe(true)
    expect(areas[0]!.key).toBe(`area:${left}`)
    expect(areas[0]!.target).toEqual({ parentId: PAGE_ID, box: { x: -400, y: 100, w: 200, h: 420 } })
    expect(areas[3]!.target!.parentId).toBe('page:second')
    expect(outline.placesByKey.get(later)).toBeDefined()
    expect(outline.placesByKey.get(first)!.label).toBe('Education')
  })

  it('numbers groups that would otherwise sound alike', () => {
    const board = new TestBoard()
    board.addFrame('Health', { x: 0, y: 0, w: 800, h: 600 })
    board.addNote('a', { x: -300, y: 0 })
    board.addNote('b', { x: -300, y: 450 })
    const outline = readOutline(board.input('en', { words: englishWords }))
    // Both are left of Health, far enough apart to be two groups: said as numbers, in reading order.
    expect(outline.places.slice(1).map((place) => place.label)).toEqual(['Notes, group 1 of 2', 'Notes, group 2 of 2'])
  })

  it('says what each note is: its sector, author, time, a private draft, whether the outline edits it', () => {
    const board = new TestBoard()
    const frame = board.addFrame('', { x: 0, y: 0, w: 3000, h: 1000 })
    const tagged = board.addNote('Tagged', { x: 0, y: 0 }, frame, {
      meta: { sector: 'education', revealedAuthor: 'Amina', createdAt: 1_700_000_000_000 },
    })
    const draft = board.addNote('Mine only', { x: 250, y: 0 }, frame, { meta: { private: true, authorName: 'Me' } })
    const locked = board.addNote('Pinned', { x: 500, y: 0 }, frame, { isLocked: true })
    const blank = board.addNote('', { x: 750, y: 0 }, frame)
    board.put({
      id: 'shape:text',
      type: 'text',
      parentId: frame,
      x: 1000,
      y: 0,
      props: { richText: toRichText('A heading'), w: 200 },
    })
    board.put({
      id: 'shape:geo',
      type: 'geo',
      parentId: frame,
      x: 1300,
      y: 0,
      props: { w: 200, h: 100, richText: toRichText('In a box') },
    })
    board.put({ id: 'shape:emptygeo', type: 'geo', parentId: frame, x: 1600, y: 0, props: { w: 200, h: 100 } })
    board.put({
      id: 'shape:emptytext',
      type: 'text',
      parentId: frame,
      x: 1900,
      y: 0,
      props: { richText: toRichText(''), w: 200 },
    })
    board.put({
      id: 'shape:arrow',
      type: 'arrow',
      parentId: frame,
      x: 2200,
      y: 0,
      props: { richText: toRichText('points at it') },
    })
    const outline = readOutline(board.input('en'))
    const place = outline.placesByKey.get(frame)!
    expect(place.label).toBe('Untitled frame')
    expect(place.notes).toEqual([
      {
        kind: 'note',
        id: tagged,
        shapeType: 'note',
        text: 'Tagged',
        sector: 'education',
        author: 'Amina',
        createdAt: 1_700_000_000_000,
        private: false,
        codraft: false,
        editable: true,
      },
      { kind: 'note', id: draft, shapeType: 'note', text: 'Mine only', private: true, codraft: false, editable: true },
      { kind: 'note', id: locked, shapeType: 'note', text: 'Pinned', private: false, codraft: false, editable: false },
      { kind: 'note', id: blank, shapeType: 'note', text: '', private: false, codraft: false, editable: true },
      {
        kind: 'note',
        id: 'shape:text',
        shapeType: 'text',
        text: 'A heading',
        private: false,
        codraft: false,
        editable: true,
      },
      {
        kind: 'note',
        id: 'shape:geo',
        shapeType: 'geo',
        text: 'In a box',
        private: false,
        codraft: false,
        editable: false,
      },
    ])
  })

  it('names a template frame people renamed by its new name, the template title describing it', () => {
    const board = new TestBoard()
    const frame = board.addTemplate('logframe', 'en', { x: 0, y: 0 })
    const record = board.records.get(frame) as { props: Record<string, unknown> }
    const french = catalog.templates.find((template) => template.definition.id === 'logframe')!.strings.fr.title
    expect(readOutline(board.input('fr')).placesByKey.get(frame)!.label).toBe(french)
    board.records.set(frame, { ...record, props: { ...record.props, name: 'Logframe of group A' } })
    const place = readOutline(board.input('en')).placesByKey.get(frame)!
    expect(place.label).toBe('Logframe of group A')
    expect(place.description).toBe('Joint programme logframe: one shared outcome')
  })

  it('reads templates as laid out before the catalog has loaded: their own words, columns along the line', () => {
    const board = new TestBoard()
    const frame = board.addTemplate('logframe', 'ar', { x: 0, y: 0 })
    const cell = board.middleOf(frame, { part: 'grid-cell', row: 'output-2', column: 'indicators' })
    const note = board.addNoteAt('Enrolment', cell, frame)
    const strings = catalog.templates.find((template) => template.definition.id === 'logframe')!.strings.ar
    for (const [language, rtl] of [
      ['en', false],
      ['ar', true],
    ] as const) {
      const outline = readOutline({ ...board.input(language), catalog: null, rtl })
      const row = outline.placesByKey.get(`${frame}/output-2:*`)!
      expect(row.label).toBe(strings['row.output-education'])
      // Laid out mirrored for Arabic: read from the right, the narrative column comes first, as in the template.
      const first = rtl ? 'narrative' : 'assumptions'
      expect(row.places[0]!.key).toBe(`${frame}/output-2:${first}`)
      expect(outline.notes.get(note)!.placeKey).toBe(`${frame}/output-2:indicators`)
      expect(outline.placesByKey.get(`${frame}/output-2:indicators`)!.label).toBe(
        `${strings['row.output-education']}${rtl ? '، ' : ', '}${strings['col.indicators']}`,
      )
    }
  })

  it('skips what it cannot read and never throws on malformed records', () => {
    const board = new TestBoard()
    const frame = board.addTemplate('logframe', 'en', { x: 0, y: 0 })
    const kept = board.addNote('kept', { x: 300, y: 300 }, frame)
    const junk: [string, unknown][] = [
      ['null', null],
      ['number', 7],
      ['text', 'shape'],
      ['list', [1, 2]],
      ['shape:noid', { typeName: 'shape', type: 'note', parentId: PAGE_ID, index: 'a1', x: 0, y: 0 }],
      [
        'shape:wrongid',
        { id: 'shape:other', typeName: 'shape', type: 'note', parentId: PAGE_ID, index: 'a1', x: 0, y: 0 },
      ],
      ['shape:nox', { id: 'shape:nox', typeName: 'shape', type: 'note', parentId: PAGE_ID, index: 'a1', y: 0 }],
      [
        'shape:nan',
        { id: 'shape:nan', typeName: 'shape', type: 'note', parentId: PAGE_ID, index: 'a1', x: Number.NaN, y: 0 },
      ],
      [
        'shape:orphan',
        {
          id: 'shape:orphan',
          typeName: 'shape',
          type: 'note',
          parentId: 'shape:gone',
          index: 'a1',
          x: 0,
          y: 0,
          props: {},
        },
      ],
      [
        'shape:loop1',
        {
          id: 'shape:loop1',
          typeName: 'shape',
          type: 'frame',
          parentId: 'shape:loop2',
          index: 'a1',
          x: 0,
          y: 0,
          props: {},
        },
      ],
      [
        'shape:loop2',
        {
          id: 'shape:loop2',
          typeName: 'shape',
          type: 'frame',
          parentId: 'shape:loop1',
          index: 'a1',
          x: 0,
          y: 0,
          props: {},
        },
      ],
      [
        'shape:badprops',
        {
          id: 'shape:badprops',
          typeName: 'shape',
          type: 'note',
          parentId: frame,
          index: 'a1',
          x: 0,
          y: 0,
          props: 'x',
          meta: 3,
        },
      ],
      ['page:noindex', { id: 'page:noindex', typeName: 'page' }],
    ]
    for (const [key, value] of junk) board.records.set(key, value)
    const outline = readOutline(board.input('en'))
    expect(everyNoteId(outline.places).sort()).toEqual([kept, 'shape:badprops'].sort())
    expect(outline.notes.get('shape:badprops')!.note).toMatchObject({ text: '', private: false })
  })

  it('survives records damaged at random: fields dropped or of the wrong type', () => {
    const random = createRandom(29)
    const wrong = [null, undefined, 12, -Infinity, 'x', [], {}, { type: 'doc', content: 5 }, true]
    for (let round = 0; round < 60; round++) {
      const board = new TestBoard()
      const frame = board.addTemplate(
        random.pick(['logframe', 'social-ecological-model', 'vision', 'child-life-cycle']),
        'en',
        { x: 0, y: 0 },
      )
      for (let n = 0; n < 5; n++)
        board.addNote(`n${n}`, { x: random.int(0, 1500), y: random.int(0, 1000) }, random.bool() ? frame : PAGE_ID)
      for (const [key, value] of [...board.records]) {
        if (!random.bool(0.3) || typeof value !== 'object' || value === null) continue
        const record = structuredClone(value) as Record<string, Record<string, unknown>>
        const target = random.bool() ? record : (record[random.pick(['props', 'meta'])] ?? record)
        const field = random.pick(Object.keys(target))
        if (random.bool(0.3)) delete target[field]
        else target[field] = random.pick(wrong) as never
        board.records.set(key, record)
      }
      expect(() => readOutline(board.input(random.pick(['en', 'ar'])))).not.toThrow()
    }
  })

  it('keeps every key when an unrelated change is made, and reads a 1,000-note board whole', () => {
    const board = new TestBoard()
    const ids: string[] = []
    for (let f = 0; f < 10; f++) {
      const frame = board.addFrame(`Frame ${f + 1}`, {
        x: (f % 5) * 2400,
        y: Math.floor(f / 5) * 2400,
        w: 2200,
        h: 2200,
      })
      for (let n = 0; n < 100; n++)
        ids.push(board.addNote(`Idea ${f}.${n}`, { x: 20 + (n % 10) * 215, y: 20 + Math.floor(n / 10) * 215 }, frame))
    }
    const before = readOutline(board.input('en'))
    expect(before.notes.size).toBe(1_000)
    expect(everyNoteId(before.places).sort()).toEqual([...ids].sort())
    expect(before.places[0]!.notes.slice(0, 3).map((note) => note.text)).toEqual(['Idea 0.0', 'Idea 0.1', 'Idea 0.2'])
    board.addNote('one more', { x: -5000, y: -5000 })
    const after = readOutline(board.input('en'))
    expect([...after.placesByKey.keys()].filter((key) => !key.startsWith('area:'))).toEqual([
      ...before.placesByKey.keys(),
    ])
  })
})
