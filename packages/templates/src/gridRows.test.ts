import { fileURLToPath } from 'node:url'
import {
  createShapeId,
  defaultShapeUtils,
  getIndexAbove,
  PageRecordType,
  toRichText,
  type TLFrameShape,
  type TLShape,
} from 'tldraw'
import { describe, expect, it } from 'vitest'
import { planRowGrowth, readGridTable, rowLabel } from './gridRows.ts'
import { planGridRow } from './planGridRow.ts'
import { storeWithTemplateShapes } from './test/storeWithTemplateShapes.ts'
import { layoutTemplate } from './layoutTemplate.ts'
import { loadTemplateCatalog } from './loadTemplateCatalog.ts'
import type { LanguageCode } from '@cg/contract'

const { catalog } = loadTemplateCatalog(fileURLToPath(new URL('../../../templates', import.meta.url)))
const logframe = catalog.templates.find((t) => t.definition.id === 'logframe')!

/** A store holding a laid-out logframe, with helpers to add rows and notes the way the board page does. */
function boardWithLogframe(language: LanguageCode) {
  const store = storeWithTemplateShapes()
  const pageId = PageRecordType.createId('p')
  store.put([PageRecordType.create({ id: pageId, name: 'Page', index: 'a1' as never })])
  const { frameId, records } = layoutTemplate(logframe, {
    language,
    at: { x: 0, y: 0 },
    parentId: pageId,
    index: 'a1' as never,
    sectors: catalog.sectors,
  })
  store.put(records)
  const children = () =>
    store.query
      .records('shape')
      .get()
      .filter((shape) => shape.parentId === frameId)
  const cellOf = (row: string, column: string) =>
    children().find((s) => s.meta.part === 'grid-cell' && s.meta.row === row && s.meta.column === column)!
  return {
    store,
    frameId,
    children,
    cellOf,
    addRow(kind: string, sector?: string) {
      const frame = store.get(frameId) as TLFrameShape
      const plan = planGridRow(logframe, frame, children(), {
        gridId: 'logframe',
        kind,
        language,
        sectors: catalog.sectors,
        ...(sector ? { sector } : {}),
      })
      // What addGridRow does through the editor, done on the store.
      const moved = plan.moves.map((move) => ({ ...store.get(move.id)!, y: move.y }) as TLShape)
      store.put([...moved, ...plan.records, { ...frame, props: { ...frame.props, h: plan.frameHeight } }])
      return plan
    },
    addNote(text: string, inCell: TLShape) {
      const note = defaultShapeUtils.find((u) => u.type === 'note')!
      const props = {
        ...new (note as never as new (e: null) => { getDefaultProps(): object })(null).getDefaultProps(),
        richText: toRichText(text),
      }
      const record = store.schema.types.shape.create({
        id: createShapeId(),
        type: 'note',
        parentId: frameId,
        index: getIndexAbove(
          children()
            .map((c) => c.index)
            .sort()
            .at(-1)!,
        ),
        x: inCell.x + 10,
        y: inCell.y + 5,
        props,
      } as never)
      store.put([record])
      return record
    },
  }
}

describe('logframe rows', () => {
  it('adds an output row after the outputs, shifts what is below, and reads back cell by cell', () => {
    const board = boardWithLogframe('en')
    const activitiesBefore = board.cellOf('activities-1', 'narrative').y
    const plan = board.addRow('output', 'health')
    expect(plan.records).toHaveLength(1 + 6)
    expect(board.cellOf('activities-1', 'narrative').y).toBe(activitiesBefore + plan.shiftBy)
    board.addRow('activity')
    board.addNote('Health workers trained in referral', board.cellOf('output-4', 'narrative'))
    board.addNote('# of trained health workers', board.cellOf('output-4', 'indicators'))
    board.addNote('Children referred within 24 h', board.cellOf('outcome-1', 'target'))

    const table = readGridTable(board.children(), logframe, 'logframe')
    expect(table.columns.map((c) => c.id)).toEqual([
      'narrative',
      'indicators',
      'baseline',
      'target',
      'verification',
      'assumptions',
    ])
    expect(table.rows.map((r) => r.id)).toEqual([
      'goal',
      'outcome-1',
      'output-1',
      'output-2',
      'output-3',
      'output-4',
      'activities-1',
      'activity-1',
    ])
    const output4 = table.rows.find((r) => r.id === 'output-4')!
    expect(output4).toMatchObject({ label: 'Output: Health', sector: 'health' })
    expect(output4.cells.narrative).toEqual(['Health workers trained in referral'])
    expect(output4.cells.indicators).toEqual(['# of trained health workers'])
    expect(table.rows.find((r) => r.id === 'outcome-1')!.cells.target).toEqual(['Children referred within 24 h'])
    // Every cell is still aligned under its column header.
    const headers = board.children().filter((s) => s.meta.part === 'grid-header')
    for (const cell of board.children().filter((s) => s.meta.part === 'grid-cell')) {
      expect(cell.x).toBe(headers.find((h) => h.meta.column === cell.meta.column)!.x)
    }
  })

  it('follows a moved note to its new cell', () => {
    const board = boardWithLogframe('en')
    const note = board.addNote('Enrolment rate', board.cellOf('goal', 'indicators'))
    const target = board.cellOf('goal', 'baseline')
    board.store.put([{ ...(board.store.get(note.id) as TLShape), x: target.x + 20, y: target.y + 10 }])
    const goal = readGridTable(board.children(), logframe, 'logframe').rows[0]!
    expect(goal.cells.indicators).toEqual([])
    expect(goal.cells.baseline).toEqual(['Enrolment rate'])
  })

  it('puts a first row of a kind above the rows of later kinds, and new cells under existing notes', () => {
    const board = boardWithLogframe('en')
    const note = board.addNote('Teachers trained', board.cellOf('activities-1', 'narrative'))
    // No outcome rows left: remove the template's one, then add one back.
    board.store.remove(
      board
        .children()
        .filter((s) => s.meta.row === 'outcome-1')
        .map((s) => s.id),
    )
    board.addRow('outcome')
    const y = (row: string) => board.children().find((s) => s.meta.part === 'grid-row-header' && s.meta.row === row)!.y
    expect(y('goal')).toBeLessThan(y('outcome-1'))
    expect(y('outcome-1')).toBeLessThan(y('output-1'))
    const noteIndex = (board.store.get(note.id) as TLShape).index
    const newCells = board.children().filter((s) => s.meta.row === 'outcome-1')
    expect(newCells.every((cell) => cell.index < noteIndex)).toBe(true)
  })

  it('keeps a mirrored Arabic grid aligned when a row is added', () => {
    const board = boardWithLogframe('ar')
    board.addRow('output', 'education')
    const table = readGridTable(board.children(), logframe, 'logframe')
    expect(table.rows.find((r) => r.id === 'output-4')!.label).toBe('مخرج: التعليم')
    // Columns come in the template's order, though they are laid out from the right.
    expect(table.columns.map((c) => c.id)[0]).toBe('narrative')
    const x = (column: string) =>
      board.children().find((s) => s.meta.part === 'grid-header' && s.meta.column === column)!.x
    expect(x('narrative')).toBeGreaterThan(x('indicators'))
  })

  it('names a row added for a sector the template already names as the template does', () => {
    const sectors = [{ id: 'education', names: { en: 'Education', fr: 'Éducation', es: 'Educación', ar: 'التعليم' } }]
    const strings = { 'row.output': 'Output: {sector}', 'row.output-education': 'Output: education' }
    expect(rowLabel(strings, 'row.output', sectors[0] as never, 'en')).toBe('Output: education')
    const health = { id: 'health', names: { en: 'Health', fr: 'Santé', es: 'Salud', ar: 'الصحة' } }
    expect(rowLabel(strings, 'row.output', health as never, 'en')).toBe('Output: Health')
  })

  it('grows one row to hold its notes, moving the rows below and keeping every cell aligned', () => {
    const board = boardWithLogframe('en')
    const below = board.addNote('Below', board.cellOf('activities-1', 'narrative')) as TLShape
    const frame = board.store.get(board.frameId) as TLFrameShape
    const before = new Map(board.children().map((shape) => [shape.id, shape]))
    const growth = planRowGrowth(frame, board.children(), 'output-2', 120)!
    const rowShapes = board.children().filter((shape) => shape.meta.row === 'output-2')
    expect(growth.resizes.map((resize) => resize.id).sort()).toEqual(rowShapes.map((shape) => shape.id).sort())
    expect(growth.frameHeight).toBe(frame.props.h + 120)
    const moved = new Map(growth.moves.map((move) => [move.id, move.y]))
    expect(moved.get(below.id)).toBe(below.y + 120)
    for (const shape of board.children()) {
      if (shape.meta.row === 'output-3') expect(moved.get(shape.id)).toBe(shape.y + 120)
      if (shape.meta.row === 'output-1' || shape.meta.part === 'grid-header') expect(moved.has(shape.id)).toBe(false)
    }
    expect(before.size).toBe(board.children().length)
    expect(planRowGrowth(frame, board.children(), 'output-2', 0)).toBeNull()
    expect(planRowGrowth(frame, board.children(), 'no-such-row', 50)).toBeNull()
  })
})
