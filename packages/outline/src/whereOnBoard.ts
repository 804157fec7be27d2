import type { Outline, OutlinePlace, PageBox } from './outlineTypes.ts'
import { readBoardRecords } from './boardRecords.ts'
import { boxHolds, ShapeBoxes } from './shapeBoxes.ts'

/*
 * Where things are on the canvas, for the outline page's presence: its person's cursor on the note they are on (so
 * canvas users see where they are), and the place under a canvas user's cursor (to go to where they are working).
 */

/** A shape's box on its page, and the page, or undefined when the shape is not on the board. */
export function shapeOnPage(
  records: ReadonlyMap<string, unknown>,
  shapeId: string,
): { pageId: string; box: PageBox } | undefined {
  const boxes = new ShapeBoxes(readBoardRecords(records))
  const box = boxes.pageBox(shapeId)
  const space = boxes.space(shapeId)
  return box && space ? { pageId: space.pageId, box } : undefined
}

/** The innermost place of the outline under a point of a page (a cell before its frame), if any. */
export function placeAt(
  records: ReadonlyMap<string, unknown>,
  outline: Outline,
  pageId: string,
  point: { x: number; y: number },
): OutlinePlace | undefined {
  const boxes = new ShapeBoxes(readBoardRecords(records))
  const boxOf = (place: OutlinePlace) =>
    place.kind === 'area' ? place.target?.box : place.shapeId ? boxes.pageBox(place.shapeId) : undefined
  const under = (place: OutlinePlace): boolean => {
    if (place.kind === 'area') return place.target?.parentId === pageId && boxHolds(place.target.box, point)
    const box = boxOf(place)
    if (!box || boxes.space(place.shapeId!)?.pageId !== pageId) return false
    // A grid row holds its cells beside its header: it is under the point when one of them is.
    return boxHolds(box, point) || place.places.some(under)
  }
  const area = (place: OutlinePlace) => {
    const box = boxOf(place)
    return box ? box.w * box.h : Infinity
  }
  let found: OutlinePlace | undefined
  for (let level = outline.places; ;) {
    // Of boxes drawn one inside another (the levels of the social-ecological model), the innermost.
    const next = level.filter(under).sort((a, b) => area(a) - area(b))[0]
    if (!next) return found
    found = next
    level = next.places
  }
}
