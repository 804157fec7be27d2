import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { boardRules, boardSchema, isValidRecord } from '@cg/board-rules'
import { isPrivateRecord } from '@cg/facilitation/private-drafts'
import { toRichText as tldrawRichText } from '@tldraw/tlschema'
import { getMetaMap, getRecordsKeyValue, SCHEMA_KEY, writeEntries } from '@cg/tldraw-yjs/layout'
import type { LanguageCode } from '@cg/contract'
import type { RecordChanges } from './outlineTypes.ts'
import { planAddNote, planDeleteNote, planEditText, planMoveNote, planSetSector, type NewNote } from './noteEdits.ts'
import { readOutline } from './readOutline.ts'
import { splitByRoom } from './splitByRoom.ts'
import { catalog, PAGE_ID, TestBoard, tldrawDefaults } from './test/testBoard.ts'
import { guardedRoom, updateOf } from '../../board-rules/src/test/guardedRoom.ts'

type Box = { x: number; y: number; w: number; h: number }
interface StoredShape {
  id: string
  type: string
  parentId: string
  x: number
  y: number
  index: string
  props: Record<string, number>
  meta: Record<string, unknown>
}

const schema = boardSchema.serialize()
let made = 0
const newNote = (text: string, extra: Partial<NewNote> = {}): NewNote => ({
  id: `shape:new${++made}`,
  text,
  createdAt: 1_765_000_000_000.4,
  private: false,
  ...extra,
})

/** Every record a plan writes passes tldraw's validation under the board's schema. */
function expectValid(changes: RecordChanges) {
  for (const [key, value] of changes) if (value !== undefined) expect(isValidRecord(key, value, schema), key).toBe(true)
}

function apply(board: TestBoard, changes: RecordChanges) {
  expectValid(changes)
  for (const [key, value] of changes) {
    if (value === undefined) board.records.delete(key)
    else board.records.set(key, value)
  }
}

const shapeOf = (board: TestBoard, id: string) => board.records.get(id) as StoredShape

/** A shape's box on the page, by adding up its parents' offsets (nothing here is turned). */
function pageBox(board: TestBoard, id: string): Box {
  const shape = shapeOf(board, id)
  let { x, y } = shape
  for (let parent = shape.parentId; parent.startsWith('shape:'); parent = shapeOf(board, parent).parentId) {
    x += shapeOf(board, parent).x
    y += shapeOf(board, parent).y
  }
  const { w, h, scale = 1, growY = 0 } = shape.props
  return shape.type === 'note' ? { x, y, w: 200 * scale, h: (200 + growY) * scale } : { x, y, w: w!, h: h! + growY }
}

const inside = (inner: Box, outer: Box) =>
  inner.x >= outer.x - 1e-6 &&
  inner.y >= outer.y - 1e-6 &&
  inner.x + inner.w <= outer.x + outer.w + 1e-6 &&
  inner.y + inner.h <= outer.y + outer.h + 1e-6
const overlap = (a: Box, b: Box) => a.x < b.x + b.w && a.x + a.w > b.x && a.y < b.y + b.h && a.y + a.h > b.y

/** Adds a note to the place `key` as the outline page does, and checks it is read back there. */
function addTo(board: TestBoard, key: string, language: LanguageCode, note = newNote('An idea')) {
  const outline = readOutline(board.input(language))
  const changes = planAddNote(board.records, outline, outline.placesByKey.get(key)!, note, catalog.sectors)
  apply(board, changes)
  const after = readOutline(board.input(language))
  expect(after.notes.get(note.id)?.placeKey).toBe(key)
  return { id: note.id, changes, outline: after }
}

describe.each(['en', 'ar'] as const)('note edits on a board laid out in %s', (language) => {
  it('adds a note to a grid cell as the canvas makes one, inside the cell, clear of its other notes', () => {
    const board = new TestBoard()
    const frame = board.addTemplate('logframe', language, { x: 300, y: 200 })
    const cell = board.scaffold(frame, { part: 'grid-cell', row: 'output-2', column: 'narrative' })
    const below = board.scaffold(frame, { part: 'grid-row-header', row: 'output-3' })
    const belowY = below.y
    const { id, changes } = addTo(
      board,
      `${frame}/output-2:narrative`,
      language,
      newNote('Schools reopen', { sector: 'education' }),
    )
    const record = shapeOf(board, id) as StoredShape & Record<string, unknown>
    // tldraw's note tool's record: its defaults, the words, the cell's scale, the sector's colour and tag.
    const defaults = tldrawDefaults('note')
    expect(Object.keys(record.props).sort()).toEqual(Object.keys(defaults).sort())
    expect(record.props).toEqual({
      ...defaults,
      richText: tldrawRichText('Schools reopen'),
      color: catalog.sectors.find((sector) => sector.id === 'education')!.color,
      scale: record.props.scale,
    })
    expect(record.props.scale).toBeLessThan(1)
    expect(record).toMatchObject({ parentId: frame, rotation: 0, isLocked: false, opacity: 1, typeName: 'shape' })
    expect(record.meta).toEqual({ createdAt: 1_765_000_000_000, sector: 'education' })
    expect(changes.size).toBe(1)
    expect(inside(pageBox(board, id), pageBox(board, cell.id))).toBe(true)

    // More notes than the cell holds: each lands in the cell, clear of the others; the row grows, the grid stays aligned.
    const ids = [id]
    for (let n = 0; n < 4; n++) ids.push(addTo(board, `${frame}/output-2:narrative`, language).id)
    const boxes = ids.map((noteId) => pageBox(board, noteId))
    const grown = pageBox(board, cell.id)
    for (const [i, box] of boxes.entries()) {
      expect(inside(box, grown), `note ${i} inside its cell`).toBe(true)
      for (const other of boxes.slice(i + 1)) expect(overlap(box, other)).toBe(false)
    }
    const row = [...board.records.values()].filter(
      (record) => (record as StoredShape).meta?.row === 'output-2' && (record as StoredShape).parentId === frame,
    ) as StoredShape[]
    expect(new Set(row.map((shape) => shape.props.h))).toEqual(new Set([grown.h]))
    expect(grown.h).toBeGreaterThan(cell.props.h!)
    expect(shapeOf(board, below.id).y - belowY).toBeCloseTo(grown.h - cell.props.h!)
    expect(shapeOf(board, frame).props.h).toBeCloseTo(1180 + grown.h - cell.props.h!)
  })

  it('grows a row past the scaffold lock, as a participant may (the server accepts it)', () => {
    const board = new TestBoard()
    const frame = board.addTemplate('logframe', language, { x: 0, y: 0 })
    const context = { roleOf: (grant: unknown) => grant as never, scaffoldLocked: () => true }
    const room = guardedRoom((doc) => boardRules(doc, context))
    const client = new Y.Doc()
    const write = (changes: RecordChanges) => updateOf(client, () => writeEntries(getRecordsKeyValue(client), changes))
    const setup = updateOf(client, () => {
      getMetaMap(client).set(SCHEMA_KEY, schema)
      writeEntries(getRecordsKeyValue(client), board.records)
    })
    expect(room.receive(setup, 'facilitator').reason).toBeNull()
    for (let n = 0; n < 3; n++) {
      const { changes } = addTo(board, `${frame}/goal:indicators`, language)
      expect(room.receive(write(changes), 'editor').reason).toBeNull()
    }
    const grown = [...getRecordsKeyValue(room.doc).map.values()].filter(
      (entry) => (entry.val as StoredShape).meta?.row === 'goal',
    )
    expect(grown).toHaveLength(7)
    expect(grown.every((entry) => ((entry.val as StoredShape).props.h ?? 0) > 150)).toBe(true)
  })

  it('adds to a level of the social-ecological model: in that level, clear of the levels inside it', () => {
    const board = new TestBoard()
    const frame = board.addTemplate('social-ecological-model', language, { x: 0, y: 0 })
    const family = pageBox(board, board.scaffold(frame, { part: 'box', element: 'family' }).id)
    const community = pageBox(board, board.scaffold(frame, { part: 'box', element: 'community' }).id)
    const ids = [0, 1, 2, 3].map(() => addTo(board, `${frame}/community`, language).id)
    const boxes = ids.map((id) => pageBox(board, id))
    for (const [i, box] of boxes.entries()) {
      expect(inside(box, community)).toBe(true)
      expect(overlap(box, family)).toBe(false)
      for (const other of boxes.slice(i + 1)) expect(overlap(box, other)).toBe(false)
    }
    const child = addTo(board, `${frame}/child`, language).id
    expect(
      inside(pageBox(board, child), pageBox(board, board.scaffold(frame, { part: 'box', element: 'child' }).id)),
    ).toBe(true)
    expect(shapeOf(board, child).props.scale).toBe(1)
  })

  it('adds to a frame below its template, the frame grown to hold it; to a plain frame; to a group outside frames', () => {
    const board = new TestBoard()
    const template = board.addTemplate('vision', language, { x: 0, y: 0 })
    const { id, changes } = addTo(board, template, language)
    expect([...changes.keys()].sort()).toEqual([id, template].sort())
    expect(inside(pageBox(board, id), pageBox(board, template))).toBe(true)
    const plain = board.addFrame('Parking lot', { x: 3000, y: 0, w: 500, h: 300 })
    const first = addTo(board, plain, language).id
    const second = addTo(board, plain, language).id
    expect(inside(pageBox(board, first), pageBox(board, plain))).toBe(true)
    expect(inside(pageBox(board, second), pageBox(board, plain))).toBe(true)
    expect(overlap(pageBox(board, first), pageBox(board, second))).toBe(false)

    board.addNote('Loose', { x: -1000, y: 0 })
    const area = readOutline(board.input(language)).places.find((place) => place.kind === 'area')!
    const added = addTo(board, area.key, language)
    expect(shapeOf(board, added.id).parentId).toBe(PAGE_ID)
    expect(added.outline.placesByKey.get(area.key)!.notes).toHaveLength(2)
  })
})

describe('note edits', () => {
  it('keeps a private draft for the private room, and the row it grows for the board', () => {
    const board = new TestBoard()
    const frame = board.addTemplate('logframe', 'en', { x: 0, y: 0 })
    addTo(board, `${frame}/goal:target`, 'en')
    const outline = readOutline(board.input('en'))
    const note = newNote('My draft', { private: true, authorName: 'Samir' })
    const changes = planAddNote(board.records, outline, outline.placesByKey.get(`${frame}/goal:target`)!, note)
    expect(changes.get(note.id)).toMatchObject({ meta: { private: true, authorName: 'Samir' } })
    const split = splitByRoom(board.records, changes)
    expect([...split.private.keys()]).toEqual([note.id])
    expect(split.board.size).toBe(changes.size - 1)
    for (const [key, value] of changes) expect(split.private.has(key)).toBe(isPrivateRecord(value))
    apply(board, changes)
    const removal = splitByRoom(board.records, planDeleteNote(board.records, note.id))
    expect([...removal.private.keys()]).toEqual([note.id])
    expect(readOutline(board.input('en')).notes.get(note.id)!.note.private).toBe(true)
  })

  it('moves a note into another cell, fitted there, and a text keeping its size', () => {
    const board = new TestBoard()
    const frame = board.addTemplate('logframe', 'en', { x: 0, y: 0 })
    const loose = board.addNote('Wandering', { x: -800, y: 0 })
    const { id: sitting } = addTo(board, `${frame}/output-1:baseline`, 'en')
    let outline = readOutline(board.input('en'))
    const changes = planMoveNote(board.records, outline, loose, outline.placesByKey.get(`${frame}/output-1:baseline`)!)
    apply(board, changes)
    outline = readOutline(board.input('en'))
    expect(outline.notes.get(loose)!.placeKey).toBe(`${frame}/output-1:baseline`)
    const moved = shapeOf(board, loose)
    expect(moved.parentId).toBe(frame)
    expect(moved.index > shapeOf(board, sitting).index).toBe(true)
    const cell = board.scaffold(frame, { part: 'grid-cell', row: 'output-1', column: 'baseline' })
    expect(inside(pageBox(board, loose), pageBox(board, cell.id))).toBe(true)
    expect(overlap(pageBox(board, loose), pageBox(board, sitting))).toBe(false)

    board.put({
      id: 'shape:words',
      type: 'text',
      parentId: PAGE_ID,
      x: -900,
      y: 900,
      props: { richText: tldrawRichText('A heading'), w: 150, autoSize: false },
    })
    outline = readOutline(board.input('en'))
    apply(board, planMoveNote(board.records, outline, 'shape:words', outline.placesByKey.get(frame)!))
    expect(readOutline(board.input('en')).notes.get('shape:words')!.placeKey).toBe(frame)
    expect(shapeOf(board, 'shape:words').props).toMatchObject({ w: 150, scale: 1 })
  })

  it('edits words as tldraw stores them, a long text growing its note; an emptied text goes', () => {
    const board = new TestBoard()
    const note = board.addNote('Short', { x: 0, y: 0 })
    const long =
      'A note that says a great deal more than a sticky note of two hundred units can hold at its size, '.repeat(3)
    const edit = planEditText(board.records, note, long)
    apply(board, edit)
    expect(shapeOf(board, note).props).toMatchObject({ richText: tldrawRichText(long), textLastEditedBy: null })
    expect(shapeOf(board, note).props.growY).toBeGreaterThan(0)
    apply(board, planEditText(board.records, note, 'Two\nlines'))
    expect(shapeOf(board, note).props).toMatchObject({ richText: tldrawRichText('Two\nlines'), growY: 0 })
    board.put({
      id: 'shape:label',
      type: 'text',
      parentId: PAGE_ID,
      x: 500,
      y: 0,
      props: { richText: tldrawRichText('Label') },
    })
    expect(planEditText(board.records, 'shape:label', '  ')).toEqual(new Map([['shape:label', undefined]]))
  })

  it('tags with a sector and its colour, and untags, leaving the rest of the meta', () => {
    const board = new TestBoard()
    const note = board.addNote('Tag me', { x: 0, y: 0 }, PAGE_ID, { meta: { createdAt: 5 } })
    apply(board, planSetSector(board.records, note, 'health', catalog.sectors))
    const health = catalog.sectors.find((sector) => sector.id === 'health')!
    expect(shapeOf(board, note)).toMatchObject({
      meta: { createdAt: 5, sector: 'health' },
      props: { color: health.color },
    })
    apply(board, planSetSector(board.records, note, null, catalog.sectors))
    expect(shapeOf(board, note).meta).toEqual({ createdAt: 5 })
    expect(readOutline(board.input('en')).notes.get(note)!.note.sector).toBeUndefined()
  })

  it('deletes a note with the arrows bound to it, not the arrows themselves', () => {
    const board = new TestBoard()
    const note = board.addNote('Goes', { x: 0, y: 0 })
    const other = board.addNote('Stays', { x: 500, y: 0 })
    board.put({ id: 'shape:arrow', type: 'arrow', parentId: PAGE_ID, x: 0, y: 0, props: {} })
    const binding = (id: string, toId: string, terminal: string) =>
      boardSchema.types.binding.create({
        id,
        type: 'arrow',
        fromId: 'shape:arrow',
        toId,
        props: { terminal, normalizedAnchor: { x: 0.5, y: 0.5 }, isExact: false, isPrecise: false, snap: 'none' },
      } as never)
    board.records.set('binding:start', binding('binding:start', note, 'start'))
    board.records.set('binding:end', binding('binding:end', other, 'end'))
    const changes = planDeleteNote(board.records, note)
    expect(changes).toEqual(
      new Map([
        [note, undefined],
        ['binding:start', undefined],
      ]),
    )
    apply(board, changes)
    const outline = readOutline(board.input('en'))
    expect(outline.notes.has(note)).toBe(false)
    expect(outline.notes.has(other)).toBe(true)
  })

  it('refuses what the outline never offers: scaffold, locked or missing notes, places that take none', () => {
    const board = new TestBoard()
    const frame = board.addTemplate('logframe', 'en', { x: 0, y: 0 })
    const cell = board.scaffold(frame, { part: 'grid-cell', row: 'goal', column: 'target' })
    const locked = board.addNote('Pinned', { x: -500, y: 0 }, PAGE_ID, { isLocked: true })
    expect(() => planEditText(board.records, cell.id, 'x')).toThrow()
    expect(() => planDeleteNote(board.records, locked)).toThrow()
    expect(() => planSetSector(board.records, 'shape:missing', 'health')).toThrow()
    const outline = readOutline(board.input('en'))
    expect(() =>
      planAddNote(board.records, outline, outline.placesByKey.get(`${frame}/goal:*`)!, newNote('x')),
    ).toThrow()
  })
})
