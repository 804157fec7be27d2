import { CELL_PADDING, scaffoldText } from '@cg/templates/cells'
import { LANGUAGE_CODES } from '@cg/contract'
import type { OutlineInput, OutlineNote, OutlinePlace, PageBox } from './outlineTypes.ts'
import type { BoardRecords, ShapeRecord } from './boardRecords.ts'
import { outlineNoteOf } from './outlineNote.ts'
import { inReadingOrder } from './readingOrder.ts'
import { centreOf, type ShapeBoxes } from './shapeBoxes.ts'
import { oneLine, shownText, storedText, type Reading } from './shownText.ts'
import { innermostCell, readScaffold, templateOf, type CellSpec } from './templateCells.ts'
import { labelHeight } from './textSize.ts'

/** What building the outline reads from. */
export interface OutlineContext {
  input: OutlineInput
  reading: Reading
  board: BoardRecords
  boxes: ShapeBoxes
}

/**
 * What lies under a page or a frame, down through groups and any other parents but not into frames: the frames met
 * on the way (each a place of its own) and every other shape.
 */
export function contentUnder(board: BoardRecords, parentId: string): { frames: ShapeRecord[]; shapes: ShapeRecord[] } {
  const frames: ShapeRecord[] = []
  const shapes: ShapeRecord[] = []
  const stack = [...(board.children.get(parentId) ?? [])].reverse()
  while (stack.length > 0) {
    const shape = stack.pop()!
    if (shape.type === 'frame') {
      frames.push(shape)
      continue
    }
    shapes.push(shape)
    stack.push(...[...(board.children.get(shape.id) ?? [])].reverse())
  }
  return { frames, shapes }
}

/** A box shrunk by `by` on every side (never below nothing). */
export const inset = (box: PageBox, by: number): PageBox => ({
  x: box.x + by,
  y: box.y + by,
  w: Math.max(0, box.w - 2 * by),
  h: Math.max(0, box.h - 2 * by),
})

/** Whether people gave a template frame a name of their own (it says none of its template's names). */
function renamed(reading: Reading, frame: ShapeRecord): boolean {
  const template = templateOf(reading, frame)
  if (!template || !reading.catalog) return true
  const stored = storedText(frame)
  const meta = frame.meta as Record<string, unknown>
  return !LANGUAGE_CODES.some((code) => scaffoldText(template, meta, code, reading.catalog!.sectors) === stored)
}

/** Where a note added to a box goes: inside it, below a label written at its top. */
function boxTarget(cell: CellSpec): PageBox {
  const room = inset(cell.box, CELL_PADDING)
  if (cell.shape.props.verticalAlign !== 'start') return room
  const label = labelHeight(storedText(cell.shape), cell.shape.props.size, cell.box.w)
  const top = Math.min(room.y + room.h, cell.box.y + label)
  return { ...room, y: Math.max(room.y, top), h: Math.max(0, room.y + room.h - Math.max(room.y, top)) }
}

function cellPlace(context: OutlineContext, frame: ShapeRecord, cell: CellSpec): OutlinePlace {
  const addable = cell.kind === 'grid-cell' || cell.kind === 'box'
  const box = cell.kind === 'box' ? boxTarget(cell) : inset(cell.box, CELL_PADDING)
  const votes = cell.shape.meta.voteTarget === true ? context.input.votes?.get(cell.shape.id) : undefined
  const block = cell.kind === 'codraft' ? outlineNoteOf(context.input, cell.shape, cell.label) : undefined
  return {
    kind: 'cell',
    key: `${frame.id}/${cell.key}`,
    label: cell.label,
    ...(cell.description.length ? { description: cell.description.join('\n') } : {}),
    target: addable ? { parentId: frame.id, box } : null,
    places: cell.cells.map((inner) => cellPlace(context, frame, inner)),
    notes: block ? [block] : [],
    shapeId: cell.shape.id,
    ...(votes !== undefined ? { votes } : {}),
  }
}

/** A frame as a place: its cells in the template's order, frames inside it in reading order, its notes in place. */
export function framePlace(context: OutlineContext, frame: ShapeRecord): OutlinePlace {
  const { reading, boxes } = context
  const { frames, shapes } = contentUnder(context.board, frame.id)
  const scaffold = readScaffold(reading, shapes, boxes)
  const name = oneLine(shownText(reading, frame))
  // A template's title says more than its name, unless people named the frame or it is one sector's copy.
  const ownName = name && (!scaffold.title || frame.meta.sector !== undefined || renamed(reading, frame))
  const label = (ownName ? name : scaffold.title) || name || context.input.words.untitledFrame
  const description = [...(ownName && scaffold.title ? [scaffold.title] : []), ...scaffold.description]
  const frameBox = boxes.pageBox(frame.id)!
  // Free room below the template's scaffold (a grown frame has some), or the whole of a frame without one.
  const top = scaffold.bottom === undefined ? frameBox.y : scaffold.bottom
  const free = inset(
    { x: frameBox.x, y: top, w: frameBox.w, h: Math.max(0, frameBox.y + frameBox.h - top) },
    CELL_PADDING,
  )

  const cells = scaffold.cells.map((cell) => ({ cell, place: cellPlace(context, frame, cell) }))
  const placeOf = new Map<CellSpec, OutlinePlace>()
  for (const { cell, place } of cells) {
    placeOf.set(cell, place)
    cell.cells.forEach((inner, index) => placeOf.set(inner, place.places[index]!))
  }
  const notes: OutlineNote[] = []
  const boxOf = (note: OutlineNote) => boxes.pageBox(note.id)!
  for (const shape of shapes) {
    const box = boxes.pageBox(shape.id)
    if (!box || (shape.type === 'codraft' && shape.meta.template !== undefined)) continue
    const note = outlineNoteOf(context.input, shape)
    if (!note) continue
    const cell = innermostCell(scaffold.holders, centreOf(box))
    ;(cell ? placeOf.get(cell)!.notes : notes).push(note)
  }
  for (const place of placeOf.values()) place.notes = inReadingOrder(place.notes, boxOf, reading.rtl)
  const nested = inReadingOrder(frames, (shape) => boxes.pageBox(shape.id)!, reading.rtl)
  return {
    kind: 'frame',
    key: frame.id,
    label,
    ...(description.length ? { description: description.join('\n') } : {}),
    target: { parentId: frame.id, box: free },
    places: [...cells.map(({ place }) => place), ...nested.map((inner) => framePlace(context, inner))],
    notes: inReadingOrder(notes, boxOf, reading.rtl),
    shapeId: frame.id,
  }
}
