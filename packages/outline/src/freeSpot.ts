import type { PageBox } from './outlineTypes.ts'
import { overlap } from './shapeBoxes.ts'

/** Tolerance for boxes that touch a room's edge. */
const EPSILON = 0.01

/**
 * The first place in `room` (reading from its top-left) where a box of `size` fits without overlapping any of
 * `obstacles` (pad them beforehand for a gap), or undefined. Tried at the room's corner and just right of or below
 * each obstacle, top rows first: where a person adding notes one after another would put the next.
 */
export function freeSpot(
  room: PageBox,
  size: { w: number; h: number },
  obstacles: readonly PageBox[],
  fits: (box: PageBox) => boolean = () => true,
): { x: number; y: number } | undefined {
  if (size.w > room.w + EPSILON || size.h > room.h + EPSILON) return undefined
  const near = obstacles.filter((obstacle) => overlap(obstacle, room))
  const inRange = (value: number, from: number, length: number, extent: number) =>
    value >= from - EPSILON && value + extent <= from + length + EPSILON
  const xs = [room.x, ...near.map((obstacle) => obstacle.x + obstacle.w)]
    .filter((x) => inRange(x, room.x, room.w, size.w))
    .sort((a, b) => a - b)
  const ys = [room.y, ...near.map((obstacle) => obstacle.y + obstacle.h)]
    .filter((y) => inRange(y, room.y, room.h, size.h))
    .sort((a, b) => a - b)
  for (const y of new Set(ys)) {
    for (const x of new Set(xs)) {
      const box = { x, y, ...size }
      if (fits(box) && !near.some((obstacle) => overlap(obstacle, box))) return { x, y }
    }
  }
  return undefined
}

/** A box grown by `by` on every side. */
export const padded = (box: PageBox, by: number): PageBox => ({
  x: box.x - by,
  y: box.y - by,
  w: box.w + 2 * by,
  h: box.h + 2 * by,
})

/** Whether every corner of `box` lies inside the ellipse drawn in `bounds`. */
export function insideEllipse(bounds: PageBox, box: PageBox): boolean {
  const cx = bounds.x + bounds.w / 2
  const cy = bounds.y + bounds.h / 2
  return [
    [box.x, box.y],
    [box.x + box.w, box.y],
    [box.x, box.y + box.h],
    [box.x + box.w, box.y + box.h],
  ].every(([x, y]) => ((x! - cx) / (bounds.w / 2)) ** 2 + ((y! - cy) / (bounds.h / 2)) ** 2 <= 1)
}
