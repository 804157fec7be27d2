/** Room kept between a note and its cell's edges, in page units. */
export const CELL_PADDING = 10
/** Smaller than this a note is no longer readable: it is left overhanging instead. */
export const MIN_NOTE_SCALE = 0.25

export interface PageBox {
  x: number
  y: number
  w: number
  h: number
}

/**
 * Where a note goes to sit inside a template cell: the scale at which it fits (never larger than it was: a note
 * someone made small stays small) and its top-left corner moved just enough to be inside. Null when it fits already.
 */
export function fitInCell(
  note: PageBox & { scale: number },
  cell: PageBox,
): { scale: number; x: number; y: number } | null {
  const roomW = cell.w - 2 * CELL_PADDING
  const roomH = cell.h - 2 * CELL_PADDING
  if (roomW <= 0 || roomH <= 0) return null
  const unscaledW = note.w / note.scale
  const unscaledH = note.h / note.scale
  const scale = Math.max(MIN_NOTE_SCALE, Math.min(note.scale, roomW / unscaledW, roomH / unscaledH))
  const w = unscaledW * scale
  const h = unscaledH * scale
  const clamp = (value: number, min: number, max: number) => Math.min(Math.max(value, min), Math.max(min, max))
  const x = clamp(note.x, cell.x + CELL_PADDING, cell.x + cell.w - CELL_PADDING - w)
  const y = clamp(note.y, cell.y + CELL_PADDING, cell.y + cell.h - CELL_PADDING - h)
  const moved = Math.abs(x - note.x) > 0.5 || Math.abs(y - note.y) > 0.5
  if (!moved && Math.abs(scale - note.scale) < 0.001) return null
  return { scale, x, y }
}
