import type { PageBox } from './outlineTypes.ts'

/**
 * Things on a board in reading order: lines top to bottom, each line from the left (from the right when `rtl`).
 * Boxes are on one line when their tops are within half the smaller height of the line's first box, as the canvas
 * orders frames (apps/web/src/board/frameOrder.ts), grouped first so that the order is the same whatever the input's.
 */
export function inReadingOrder<T>(items: readonly T[], boxOf: (item: T) => PageBox, rtl: boolean): T[] {
  const boxed = items.map((item) => ({ item, box: boxOf(item) }))
  boxed.sort((a, b) => a.box.y - b.box.y || a.box.x - b.box.x)
  const lines: { first: PageBox; members: typeof boxed }[] = []
  for (const entry of boxed) {
    const line = lines.at(-1)
    if (line && entry.box.y - line.first.y < Math.min(entry.box.h, line.first.h) / 2) line.members.push(entry)
    else lines.push({ first: entry.box, members: [entry] })
  }
  return lines.flatMap((line) =>
    line.members
      .sort((a, b) => (rtl ? b.box.x + b.box.w - (a.box.x + a.box.w) : a.box.x - b.box.x) || a.box.y - b.box.y)
      .map((entry) => entry.item),
  )
}
