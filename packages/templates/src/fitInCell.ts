/** Room kept between a note and its cell's edges, and between two notes of one cell, in page units. */
export const CELL_PADDING = 10
/** Smaller than this a note is no longer readable: it is left at this size, overhanging, instead. */
export const MIN_NOTE_SCALE = 0.25

export interface PageBox {
  x: number
  y: number
  w: number
  h: number
}

export interface CellPlacement {
  scale: number
  x: number
  y: number
  /** How much taller the cell's row must become to hold the note (0: it fits as it is). */
  growBy: number
}

const overlaps = (a: PageBox, b: PageBox) => a.x < b.x + b.w && a.x + a.w > b.x && a.y < b.y + b.h && a.y + a.h > b.y

/**
 * Where a note goes in a template cell: scaled to the cell as laid out (never enlarged: a note someone made small
 * stays small), inside it, and clear of the cell's other notes: one that would land on another goes under the
 * lowest of them, and the row grows to hold it. Null when the note already sits well in the cell.
 */
export function placeInCell(
  note: PageBox & { scale: number },
  cell: PageBox,
  others: readonly PageBox[],
): CellPlacement | null {
  const roomW = cell.w - 2 * CELL_PADDING
  const roomH = cell.h - 2 * CELL_PADDING
  if (roomW <= 0 || roomH <= 0) return null
  const unscaledW = note.w / note.scale
  const unscaledH = note.h / note.scale
  const scale = Math.max(MIN_NOTE_SCALE, Math.min(note.scale, roomW / unscaledW, roomH / unscaledH))
  const w = unscaledW * scale
  const h = unscaledH * scale
  const clamp = (value: number, min: number, max: number) => Math.min(Math.max(value, min), Math.max(min, max))
  // Scaled about its centre, then kept inside the cell.
  const x = clamp(note.x + (note.w - w) / 2, cell.x + CELL_PADDING, cell.x + cell.w - CELL_PADDING - w)
  let y = clamp(note.y + (note.h - h) / 2, cell.y + CELL_PADDING, cell.y + cell.h - CELL_PADDING - h)
  if (others.some((other) => overlaps({ x, y, w, h }, other))) {
    y = Math.max(...others.map((other) => other.y + other.h)) + CELL_PADDING
  }
  const growBy = Math.max(0, y + h + CELL_PADDING - (cell.y + cell.h))
  const moved = Math.abs(x - note.x) > 0.5 || Math.abs(y - note.y) > 0.5
  if (!moved && growBy === 0 && Math.abs(scale - note.scale) < 0.001) return null
  return { scale, x, y, growBy }
}
