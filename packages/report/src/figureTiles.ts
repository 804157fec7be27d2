/** A part of a board, in page coordinates, printed as one picture. */
export interface FigureTile {
  x: number
  y: number
  w: number
  h: number
  /** 1-based, and how many parts the whole has (1 when it fits on one page). */
  part: number
  parts: number
}

/**
 * Cuts a region of the board into parts that each print at a readable size: at most `maxW` × `maxH` board units
 * per page (the page's picture area divided by the smallest scale at which a note's text still reads), in rows,
 * overlapping a little so a note on a cut is whole on one side. A region that fits is one part.
 */
export function figureTiles(
  region: { x: number; y: number; w: number; h: number },
  maxW: number,
  maxH: number,
  overlap = 0.06,
): FigureTile[] {
  const columns = Math.max(1, Math.ceil(region.w / maxW))
  const rows = Math.max(1, Math.ceil(region.h / maxH))
  const w = region.w / columns
  const h = region.h / rows
  const padX = columns > 1 ? w * overlap : 0
  const padY = rows > 1 ? h * overlap : 0
  const tiles: FigureTile[] = []
  for (let row = 0; row < rows; row++) {
    for (let column = 0; column < columns; column++) {
      const x0 = Math.max(region.x, region.x + column * w - padX)
      const y0 = Math.max(region.y, region.y + row * h - padY)
      const x1 = Math.min(region.x + region.w, region.x + (column + 1) * w + padX)
      const y1 = Math.min(region.y + region.h, region.y + (row + 1) * h + padY)
      tiles.push({ x: x0, y: y0, w: x1 - x0, h: y1 - y0, part: tiles.length + 1, parts: columns * rows })
    }
  }
  return tiles
}
