import type { PageBox } from './outlineTypes.ts'
import { numberProp, type BoardRecords, type ShapeRecord } from './boardRecords.ts'
import { plainTextOf } from './richText.ts'
import { NOTE_SIZE, textShapeHeight } from './textSize.ts'

/*
 * Where shapes are on the page, from their records alone (the editor does this with its geometry): a shape's x, y
 * and rotation are in its parent's space, so its page box follows from the chain of parents up to its page; its
 * size comes from its props, by type.
 */

/** A shape's space on the page: where its origin is and how far it is turned (radians, clockwise). */
export interface Transform {
  x: number
  y: number
  rotation: number
}

export const PAGE_SPACE: Transform = { x: 0, y: 0, rotation: 0 }

/** A point of `space` in page coordinates. */
export function toPage(space: Transform, point: { x: number; y: number }): { x: number; y: number } {
  const cos = Math.cos(space.rotation)
  const sin = Math.sin(space.rotation)
  return { x: space.x + point.x * cos - point.y * sin, y: space.y + point.x * sin + point.y * cos }
}

/** A page point in the coordinates of `space`. */
export function toLocal(space: Transform, point: { x: number; y: number }): { x: number; y: number } {
  const cos = Math.cos(space.rotation)
  const sin = Math.sin(space.rotation)
  const dx = point.x - space.x
  const dy = point.y - space.y
  return { x: dx * cos + dy * sin, y: -dx * sin + dy * cos }
}

/** The box around a box of one space once it is in another (the same box when nothing is turned). */
function boundsOf(points: { x: number; y: number }[]): PageBox {
  const xs = points.map((point) => point.x)
  const ys = points.map((point) => point.y)
  const x = Math.min(...xs)
  const y = Math.min(...ys)
  return { x, y, w: Math.max(...xs) - x, h: Math.max(...ys) - y }
}

const corners = (box: PageBox) => [
  { x: box.x, y: box.y },
  { x: box.x + box.w, y: box.y },
  { x: box.x + box.w, y: box.y + box.h },
  { x: box.x, y: box.y + box.h },
]

/** A box of `space` on the page. */
export const boxToPage = (space: Transform, box: PageBox): PageBox =>
  space.rotation === 0
    ? { x: space.x + box.x, y: space.y + box.y, w: box.w, h: box.h }
    : boundsOf(corners(box).map((point) => toPage(space, point)))

/** A page box in the coordinates of `space`. */
export const boxToLocal = (space: Transform, box: PageBox): PageBox =>
  space.rotation === 0
    ? { x: box.x - space.x, y: box.y - space.y, w: box.w, h: box.h }
    : boundsOf(corners(box).map((point) => toLocal(space, point)))

/**
 * A shape's size in its own space: a note is 200 × (200 + growY), times its scale; geo shapes are w × (h + growY);
 * a text is its width by an estimate of its lines; frames, images, co-drafted blocks and the like are w × h.
 * Shapes drawn by points (arrows, lines, pen strokes) get a point's size: the outline does not place them.
 */
export function shapeSize(shape: ShapeRecord): { w: number; h: number } {
  const scale = Math.max(numberProp(shape, 'scale', 1), 0.01)
  const w = Math.max(numberProp(shape, 'w', 0), 0)
  const h = Math.max(numberProp(shape, 'h', 0), 0)
  switch (shape.type) {
    case 'note':
      return { w: NOTE_SIZE * scale, h: (NOTE_SIZE + Math.max(numberProp(shape, 'growY', 0), 0)) * scale }
    case 'geo':
      return { w, h: h + Math.max(numberProp(shape, 'growY', 0), 0) }
    case 'text': {
      const width = Math.max(w, 16)
      return {
        w: width * scale,
        h: textShapeHeight(plainTextOf(shape.props.richText), shape.props.size, width) * scale,
      }
    }
    default:
      return w > 0 && h > 0 ? { w, h } : { w: 1, h: 1 }
  }
}

/** Every shape's space and page box, worked out once each, on demand. */
export class ShapeBoxes {
  private readonly spaces = new Map<string, { transform: Transform; pageId: string } | null>()
  private readonly boxes = new Map<string, PageBox | undefined>()
  private readonly pageIds: ReadonlySet<string>
  private readonly board: BoardRecords

  constructor(board: BoardRecords) {
    this.board = board
    this.pageIds = new Set(board.pages.map((page) => page.id))
  }

  /** The shape's own space and the page it is on; undefined when its chain of parents does not reach a page. */
  space(id: string): { transform: Transform; pageId: string } | undefined {
    if (this.pageIds.has(id)) return { transform: PAGE_SPACE, pageId: id }
    if (this.spaces.has(id)) return this.spaces.get(id) ?? undefined
    // Walk up to the first known space, then down again: no recursion, and a loop of parents ends the walk.
    const chain: ShapeRecord[] = []
    const seen = new Set<string>()
    let current = id
    let base: { transform: Transform; pageId: string } | null = null
    for (;;) {
      if (this.pageIds.has(current)) {
        base = { transform: PAGE_SPACE, pageId: current }
        break
      }
      if (this.spaces.has(current)) {
        base = this.spaces.get(current) ?? null
        break
      }
      const shape = this.board.shapes.get(current)
      if (!shape || seen.has(current)) break
      seen.add(current)
      chain.push(shape)
      current = shape.parentId
    }
    for (let i = chain.length - 1; i >= 0; i--) {
      const shape = chain[i]!
      const space: { transform: Transform; pageId: string } | null = base && {
        transform: { ...toPage(base.transform, shape), rotation: base.transform.rotation + shape.rotation },
        pageId: base.pageId,
      }
      this.spaces.set(shape.id, space)
      base = space
    }
    return this.spaces.get(id) ?? undefined
  }

  /** The shape's box in page coordinates (around it, when it is turned). */
  pageBox(id: string): PageBox | undefined {
    if (this.boxes.has(id)) return this.boxes.get(id)
    const shape = this.board.shapes.get(id)
    const space = shape && this.space(id)
    const box = shape && space ? boxToPage(space.transform, { x: 0, y: 0, ...shapeSize(shape) }) : undefined
    this.boxes.set(id, box)
    return box
  }

  /** The space children of `parentId` (a page or a shape) are placed in. */
  childSpace(parentId: string): Transform | undefined {
    return this.space(parentId)?.transform
  }
}

/** The middle of a box. */
export const centreOf = (box: PageBox) => ({ x: box.x + box.w / 2, y: box.y + box.h / 2 })

/** Whether a point lies in a box (its right and bottom edges belong to the next box). */
export const boxHolds = (box: PageBox, point: { x: number; y: number }) =>
  point.x >= box.x && point.x < box.x + box.w && point.y >= box.y && point.y < box.y + box.h

/** Whether two boxes share some area. */
export const overlap = (a: PageBox, b: PageBox) =>
  a.x < b.x + b.w && a.x + a.w > b.x && a.y < b.y + b.h && a.y + a.h > b.y
