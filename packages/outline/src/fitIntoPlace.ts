import { CELL_PADDING, MIN_NOTE_SCALE, placeInCell, planRowGrowth } from '@cg/templates/cells'
import type { Outline, OutlinePlace, PageBox, RecordChanges } from './outlineTypes.ts'
import { isScaffold, numberProp, type BoardRecords, type ShapeRecord } from './boardRecords.ts'
import { contentUnder } from './frameOutline.ts'
import { freeSpot, insideEllipse, padded } from './freeSpot.ts'
import { boxToLocal, type ShapeBoxes } from './shapeBoxes.ts'
import { labelHeight } from './textSize.ts'
import { storedText } from './shownText.ts'

/*
 * Where a note goes when it is added to (or moved into) a place, as the canvas would leave it: inside the place,
 * clear of what is there, in the space of the place's frame (or page).
 * - A grid cell: scaled to the cell (never enlarged), at the first free spot, else under the cell's lowest note with
 *   the row grown to hold it (`placeInCell`, `planRowGrowth`: what CellFitEffects does on the canvas).
 * - A box: at the first free spot below its label, around boxes drawn inside it, smaller if need be.
 * - A frame: in its free room (below its template), else below everything in it, the frame grown to hold it.
 * - A group of notes outside frames: among them, else just below them.
 */

export interface FitBoard {
  records: ReadonlyMap<string, unknown>
  board: BoardRecords
  boxes: ShapeBoxes
  outline: Outline
}

/** The note being placed: its id (left out of what it must avoid), its size at scale 1 and its scale. */
export interface NoteToFit {
  id: string
  w: number
  h: number
  scale: number
  /** Sticky notes are scaled to their cell; texts keep their size. */
  scalable: boolean
}

export interface Fit {
  parentId: string
  x: number
  y: number
  scale: number
  /** Scaffold and frames moved or grown to make room (a grid row, a frame). */
  changes: RecordChanges
}

const withY = (shape: ShapeRecord, y: number) => ({ ...shape.record, y })
const withProps = (shape: ShapeRecord, props: Record<string, unknown>) => ({
  ...shape.record,
  props: { ...shape.props, ...props },
})

/** The shapes a new note must keep clear of under `parentId` (a frame or a page), in its space. */
function obstaclesUnder(
  fit: FitBoard,
  parentId: string,
  noteId: string,
  toLocal: (box: PageBox) => PageBox,
): PageBox[] {
  const { frames, shapes } = contentUnder(fit.board, parentId)
  return [
    ...frames,
    ...shapes.filter((shape) => shape.id !== noteId && shape.parentId !== noteId && !isScaffold(shape)),
  ]
    .flatMap((shape) => fit.boxes.pageBox(shape.id) ?? [])
    .map((box) => padded(toLocal(box), CELL_PADDING))
}

/** Boxes drawn inside `cell` (the social-ecological model's inner levels), and a label written across its middle. */
function insideBox(fit: FitBoard, cell: ShapeRecord, cellBox: PageBox, toLocal: (box: PageBox) => PageBox): PageBox[] {
  const inner = contentUnder(fit.board, cell.parentId)
    .shapes.filter((shape) => shape.id !== cell.id && shape.meta.part === 'box')
    .flatMap((shape) => fit.boxes.pageBox(shape.id) ?? [])
    .filter(
      (box) =>
        box.x >= cellBox.x &&
        box.y >= cellBox.y &&
        box.x + box.w <= cellBox.x + cellBox.w &&
        box.y + box.h <= cellBox.y + cellBox.h,
    )
    .filter((box) => box.w * box.h < cellBox.w * cellBox.h)
  const label = cell.props.verticalAlign === 'middle' ? labelHeight(storedText(cell), cell.props.size, cellBox.w) : 0
  const band = label > 0 ? [{ x: cellBox.x, y: cellBox.y + (cellBox.h - label) / 2, w: cellBox.w, h: label }] : []
  return [...inner, ...band].map((box) => padded(toLocal(box), CELL_PADDING))
}

/** The largest scale at most `scale` at which the note fits `room`, never below the smallest readable one. */
const scaleFor = (note: NoteToFit, room: PageBox) =>
  note.scalable ? Math.max(MIN_NOTE_SCALE, Math.min(note.scale, room.w / note.w, room.h / note.h)) : note.scale

export function fitIntoPlace(fit: FitBoard, place: OutlinePlace, note: NoteToFit): Fit {
  const target = place.target
  if (!target) throw new Error(`nothing may be added to ${place.key}`)
  const space = fit.boxes.childSpace(target.parentId)
  if (!space) throw new Error(`${target.parentId} is not on the board`)
  const toLocal = (box: PageBox) => boxToLocal(space, box)
  const room = toLocal(target.box)
  const cell = place.shapeId !== undefined && place.kind === 'cell' ? fit.board.shapes.get(place.shapeId) : undefined
  const cellBox = cell && fit.boxes.pageBox(cell.id)
  const obstacles = obstaclesUnder(fit, target.parentId, note.id, toLocal)
  const sized = (scale: number) => ({ w: note.w * scale, h: note.h * scale })
  let scale = scaleFor(note, room)

  if (cell && cellBox && cell.meta.part === 'grid-cell') {
    const local = toLocal(cellBox)
    const spot = freeSpot(room, sized(scale), obstacles) ?? { x: room.x, y: room.y }
    const others = place.notes
      .filter((other) => other.id !== note.id)
      .flatMap((other) => fit.boxes.pageBox(other.id) ?? [])
      .map(toLocal)
    // As the canvas does: a note at its own scale, centred where it is put, fitted by placeInCell.
    const { w, h } = sized(note.scale)
    const at = { x: spot.x - (w - sized(scale).w) / 2, y: spot.y - (h - sized(scale).h) / 2 }
    const placed = placeInCell({ ...at, w, h, scale: note.scale }, local, others) ?? {
      ...at,
      scale: note.scale,
      growBy: 0,
    }
    return {
      parentId: target.parentId,
      x: placed.x,
      y: placed.y,
      scale: placed.scale,
      changes: growRow(fit, cell, note.id, placed.growBy),
    }
  }

  if (cell && cellBox && cell.meta.part === 'box') {
    const structure = insideBox(fit, cell, cellBox, toLocal)
    const fits = cell.props.geo === 'ellipse' ? (box: PageBox) => insideEllipse(toLocal(cellBox), box) : undefined
    for (;;) {
      const spot = freeSpot(room, sized(scale), [...obstacles, ...structure], fits)
      if (spot) return { parentId: target.parentId, ...spot, scale, changes: new Map() }
      if (!note.scalable || scale <= MIN_NOTE_SCALE) break
      scale = Math.max(MIN_NOTE_SCALE, scale * 0.8)
    }
    // A full box: on top of its notes, but still in the box and clear of the boxes inside it.
    const spot = freeSpot(room, sized(scale), structure, fits) ?? { x: room.x, y: room.y }
    return { parentId: target.parentId, ...spot, scale, changes: new Map() }
  }

  // A frame or a group of notes outside frames: a note at its size (a new one as the note tool makes it), in the
  // free room, else below what is there (a frame grows to hold it).
  scale = note.scalable ? Math.min(note.scale, 1) : note.scale
  const size = sized(scale)
  if (place.kind === 'frame') {
    const column = obstacles.filter(
      (box) => box.x < room.x + room.w && box.x + box.w > room.x && box.y + box.h > room.y,
    )
    const lowest = Math.max(room.y, ...column.map((box) => box.y + box.h))
    const spot = freeSpot({ ...room, h: Math.max(room.h, lowest - room.y + size.h) }, size, obstacles) ?? {
      x: room.x,
      y: lowest,
    }
    const changes: RecordChanges = new Map()
    const frame = fit.board.shapes.get(target.parentId)
    const needed = spot.y + size.h + CELL_PADDING
    if (frame?.type === 'frame' && needed > numberProp(frame, 'h', 0))
      changes.set(frame.id, withProps(frame, { h: needed }))
    return { parentId: target.parentId, ...spot, scale, changes }
  }
  const spot = freeSpot({ ...room, h: room.h + CELL_PADDING + size.h }, size, obstacles) ?? {
    x: room.x,
    y: room.y + room.h + CELL_PADDING,
  }
  return { parentId: target.parentId, ...spot, scale, changes: new Map() }
}

/** The records a grid row growing by `growBy` changes (its cells taller, what is below moved down, the frame). */
function growRow(fit: FitBoard, cell: ShapeRecord, noteId: string, growBy: number): RecordChanges {
  const changes: RecordChanges = new Map()
  const frame = fit.board.shapes.get(cell.parentId)
  if (growBy <= 0 || frame?.type !== 'frame' || typeof cell.meta.row !== 'string') return changes
  const children = (fit.board.children.get(frame.id) ?? []).filter((shape) => shape.id !== noteId)
  const growth = planRowGrowth(
    frame.record as never,
    children.map((shape) => shape.record) as never,
    cell.meta.row,
    growBy,
  )
  if (!growth) return changes
  for (const { id, h } of growth.resizes) changes.set(id, withProps(fit.board.shapes.get(id)!, { h }))
  for (const { id, y } of growth.moves) changes.set(id, withY(fit.board.shapes.get(id)!, y))
  changes.set(frame.id, withProps(frame, { h: growth.frameHeight }))
  return changes
}
