import { ShapeMeta } from '@cg/contract'
import type { Outline, OutlinePlace, RecordChanges } from './outlineTypes.ts'
import { isScaffold, readBoardRecords, readShape, type ShapeRecord } from './boardRecords.ts'
import { fitIntoPlace, type FitBoard } from './fitIntoPlace.ts'
import { indexAbove, isIndexKey } from './fractionalIndex.ts'
import { toRichText } from './richText.ts'
import { ShapeBoxes, shapeSize } from './shapeBoxes.ts'
import { NOTE_SIZE, noteGrowY } from './textSize.ts'

export { canWriteTo } from './schemaVersions.ts'

/*
 * The edits the outline makes, as record changes the page writes into the board's doc (or into the person's
 * private room for a private draft: see `splitByRoom`). Each produces records exactly as the canvas would: valid for
 * the board's schema (checked against tldraw's in the tests), a new note fitted into its cell as the canvas fits
 * notes. A plan throws when asked for what the outline never offers (a note that is not there or not editable, a
 * place that takes no notes).
 */

export interface NewNote {
  /** A fresh shape id (`shape:` + random). */
  id: string
  text: string
  sector?: string
  /** Server time, for the report's agenda placement. */
  createdAt: number
  /** A private draft (private mode is on for this person). */
  private: boolean
  /** The writer's name, kept on a private draft so that a reveal can name them (as the canvas keeps it). */
  authorName?: string
}

/** Sectors by id with their colours (the catalog's), so a tagged note takes its sector's colour as on the canvas. */
export type SectorColours = readonly { id: string; color: string }[]

function fitBoardOf(records: ReadonlyMap<string, unknown>, outline: Outline): FitBoard {
  const board = readBoardRecords(records)
  return { records, board, boxes: new ShapeBoxes(board), outline }
}

/** A key above every sibling's under `parentId` (leaving out `except`): the new top of the pile. */
function topIndex(fit: FitBoard, parentId: string, except?: string): string {
  const indices = (fit.board.children.get(parentId) ?? [])
    .filter((shape) => shape.id !== except && isIndexKey(shape.index))
    .map((shape) => shape.index)
    .sort()
  return indexAbove(indices.at(-1))
}

/** The shape to edit: there, and a sticky note or text people made. */
function editable(records: ReadonlyMap<string, unknown>, noteId: string): ShapeRecord {
  const shape = readShape(noteId, records.get(noteId))
  if (!shape || (shape.type !== 'note' && shape.type !== 'text') || shape.isLocked || isScaffold(shape))
    throw new Error(`${noteId} is not a note the outline edits`)
  return shape
}

const sectorColour = (sectors: SectorColours, id: string | null | undefined) =>
  id ? sectors.find((sector) => sector.id === id)?.color : undefined

export function planAddNote(
  records: ReadonlyMap<string, unknown>,
  outline: Outline,
  place: OutlinePlace,
  note: NewNote,
  sectors: SectorColours = [],
): RecordChanges {
  const fit = fitBoardOf(records, outline)
  const growY = noteGrowY(note.text, 'm')
  const placed = fitIntoPlace(fit, place, { id: note.id, w: NOTE_SIZE, h: NOTE_SIZE + growY, scale: 1, scalable: true })
  const record = {
    id: note.id,
    typeName: 'shape',
    type: 'note',
    x: placed.x,
    y: placed.y,
    rotation: 0,
    index: topIndex(fit, placed.parentId),
    parentId: placed.parentId,
    isLocked: false,
    opacity: 1,
    // tldraw's note tool's defaults (NoteShapeUtil.getDefaultProps), with the words and the place's scale.
    props: {
      color: sectorColour(sectors, note.sector) ?? 'black',
      richText: toRichText(note.text),
      size: 'm',
      font: 'draw',
      align: 'middle',
      verticalAlign: 'middle',
      labelColor: 'black',
      growY,
      fontSizeAdjustment: 1,
      url: '',
      scale: placed.scale,
      textLastEditedBy: null,
    },
    meta: {
      [ShapeMeta.createdAt]: Math.round(note.createdAt),
      ...(note.sector ? { [ShapeMeta.sector]: note.sector } : {}),
      ...(note.private ? { private: true, ...(note.authorName ? { authorName: note.authorName } : {}) } : {}),
    },
  }
  return new Map([...placed.changes, [note.id, record]])
}

/** New words for a sticky note or a text (a text left empty is deleted, as on the canvas). */
export function planEditText(records: ReadonlyMap<string, unknown>, noteId: string, text: string): RecordChanges {
  const shape = editable(records, noteId)
  if (shape.type === 'text' && !text.trim()) return new Map([[noteId, undefined]])
  const note = shape.type === 'note' ? { growY: noteGrowY(text, shape.props.size), fontSizeAdjustment: 1 } : {}
  const props: Record<string, unknown> = { ...shape.props, richText: toRichText(text), ...note }
  // Nobody on the canvas wrote these words: no one's name goes with them.
  if ('textLastEditedBy' in shape.props) props.textLastEditedBy = null
  return new Map([[noteId, { ...shape.record, props }]])
}

/** `sector` null: untagged. A tagged note takes the sector's colour, when `sectors` knows it. */
export function planSetSector(
  records: ReadonlyMap<string, unknown>,
  noteId: string,
  sector: string | null,
  sectors: SectorColours = [],
): RecordChanges {
  const shape = editable(records, noteId)
  const { [ShapeMeta.sector]: _previous, ...meta } = shape.meta
  const colour = sectorColour(sectors, sector)
  return new Map([
    [
      noteId,
      {
        ...shape.record,
        meta: sector ? { ...meta, [ShapeMeta.sector]: sector } : meta,
        ...(colour && 'color' in shape.props ? { props: { ...shape.props, color: colour } } : {}),
      },
    ],
  ])
}

export function planMoveNote(
  records: ReadonlyMap<string, unknown>,
  outline: Outline,
  noteId: string,
  place: OutlinePlace,
): RecordChanges {
  const shape = editable(records, noteId)
  const fit = fitBoardOf(records, outline)
  const scale = Math.max(typeof shape.props.scale === 'number' ? shape.props.scale : 1, 0.01)
  const size = shapeSize(shape)
  const placed = fitIntoPlace(fit, place, {
    id: noteId,
    w: size.w / scale,
    h: size.h / scale,
    scale,
    scalable: shape.type === 'note',
  })
  const index = placed.parentId === shape.parentId ? shape.index : topIndex(fit, placed.parentId, noteId)
  const props = shape.type === 'note' ? { ...shape.props, scale: placed.scale } : shape.props
  const record = { ...shape.record, parentId: placed.parentId, x: placed.x, y: placed.y, index, props }
  return new Map([...placed.changes, [noteId, record]])
}

/** The note and whatever would dangle without it (shapes inside it, arrow bindings to any of them). */
export function planDeleteNote(records: ReadonlyMap<string, unknown>, noteId: string): RecordChanges {
  editable(records, noteId)
  const board = readBoardRecords(records)
  const gone = new Set<string>()
  const stack = [noteId]
  while (stack.length > 0) {
    const id = stack.pop()!
    if (gone.has(id)) continue
    gone.add(id)
    stack.push(...(board.children.get(id) ?? []).map((child) => child.id))
  }
  for (const [key, value] of records) {
    const binding = value as { typeName?: unknown; fromId?: unknown; toId?: unknown } | null
    if (binding?.typeName !== 'binding') continue
    if (gone.has(String(binding.fromId)) || gone.has(String(binding.toId))) gone.add(key)
  }
  return new Map([...gone].map((id) => [id, undefined]))
}
