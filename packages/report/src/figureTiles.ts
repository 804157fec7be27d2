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

interface Span {
  start: number
  end: number
}

/** How much shorter than an even share a part may be, to cut between shapes rather than through one. */
const SHORTEST_SHARE = 0.6

/**
 * Where to cut `[start, end]` into parts of at most `max`: as few parts as fit, of about even length (no lone last
 * row), each cut moved to the nearest place between `obstacles` (but no shorter than 60 % of a share), so no note
 * is split or printed twice. Where every place in reach crosses a shape, the cut goes through at the even share.
 */
function cuts(span: Span, max: number, obstacles: readonly Span[]): number[] {
  const blocked = (at: number) => obstacles.some((obstacle) => obstacle.start < at && at < obstacle.end)
  const edges = [span.start]
  for (let from = span.start; span.end - from > max;) {
    const share = (span.end - from) / Math.ceil((span.end - from) / max)
    const wanted = from + share
    const candidates = [wanted, ...obstacles.flatMap((obstacle) => [obstacle.start, obstacle.end])]
      .filter((at) => at >= from + share * SHORTEST_SHARE && at <= from + max && !blocked(at))
      .sort((a, b) => Math.abs(a - wanted) - Math.abs(b - wanted))
    from = candidates[0] ?? wanted
    edges.push(from)
  }
  edges.push(span.end)
  return edges
}

/**
 * Cuts a region of the board into parts that each print at a readable size: at most `maxW` × `maxH` board units
 * per page (the page's picture area divided by the smallest scale at which a note's text still reads), in rows,
 * cutting between the `shapes` (notes, boxes) where it can. A region that fits is one part.
 */
export function figureTiles(
  region: { x: number; y: number; w: number; h: number },
  maxW: number,
  maxH: number,
  shapes: readonly { x: number; y: number; w: number; h: number }[] = [],
): FigureTile[] {
  const xs = cuts(
    { start: region.x, end: region.x + region.w },
    maxW,
    shapes.map((shape) => ({ start: shape.x, end: shape.x + shape.w })),
  )
  const ys = cuts(
    { start: region.y, end: region.y + region.h },
    maxH,
    shapes.map((shape) => ({ start: shape.y, end: shape.y + shape.h })),
  )
  const parts = (xs.length - 1) * (ys.length - 1)
  const tiles: FigureTile[] = []
  for (let row = 0; row + 1 < ys.length; row++) {
    for (let column = 0; column + 1 < xs.length; column++) {
      const x = xs[column]!
      const y = ys[row]!
      tiles.push({ x, y, w: xs[column + 1]! - x, h: ys[row + 1]! - y, part: tiles.length + 1, parts })
    }
  }
  return tiles
}
