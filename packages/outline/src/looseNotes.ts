import { clusterBoxes } from '@cg/report/clusterBoxes'
import type { LooseNotesWhere, OutlineNote, OutlinePlace, OutlineWords, PageBox } from './outlineTypes.ts'
import { byIndex } from './boardRecords.ts'
import { inReadingOrder } from './readingOrder.ts'

/*
 * Notes outside every frame, grouped by where they sit: notes within CLUSTER_GAP of one another (directly or through
 * neighbours) are one group, as the report's annex pictures them. A group is named by the frame it is next to and
 * on which side ("left of Education"), else by its number ("group 2 of 3").
 */

/** Notes closer than this (board units) are one group (the annex's gap). */
export const CLUSTER_GAP = 240
/** A group farther than this from every frame is not "next to" one. */
const NEAR = 1_500

export interface LooseNote {
  note: OutlineNote
  box: PageBox
  /** Its fractional index: new notes go on top, so the lowest stays while a group grows. */
  index: string
}

export interface PageLooseNotes {
  pageId: string
  notes: LooseNote[]
  /** The page's top-level frames, with their labels. */
  frames: { label: string; box: PageBox }[]
}

const around = (boxes: readonly PageBox[]): PageBox => {
  const x = Math.min(...boxes.map((box) => box.x))
  const y = Math.min(...boxes.map((box) => box.y))
  return {
    x,
    y,
    w: Math.max(...boxes.map((box) => box.x + box.w)) - x,
    h: Math.max(...boxes.map((box) => box.y + box.h)) - y,
  }
}

/** The side of `frame` a group lies on, and how far it is from it. */
function sideOf(group: PageBox, frame: PageBox): { side: 'above' | 'below' | 'left' | 'right'; distance: number } {
  const gaps = {
    above: frame.y - (group.y + group.h),
    below: group.y - (frame.y + frame.h),
    left: frame.x - (group.x + group.w),
    right: group.x - (frame.x + frame.w),
  }
  const dx = Math.max(gaps.left, gaps.right, 0)
  const dy = Math.max(gaps.above, gaps.below, 0)
  const distance = Math.hypot(dx, dy)
  if (dx === 0 && dy === 0) {
    // Over the frame's box without being in it: the side its middle leans to.
    const ox = (group.x + group.w / 2 - (frame.x + frame.w / 2)) / Math.max(frame.w, 1)
    const oy = (group.y + group.h / 2 - (frame.y + frame.h / 2)) / Math.max(frame.h, 1)
    return { side: Math.abs(oy) >= Math.abs(ox) ? (oy < 0 ? 'above' : 'below') : ox < 0 ? 'left' : 'right', distance }
  }
  if (dy >= dx) return { side: gaps.above > 0 ? 'above' : 'below', distance }
  return { side: gaps.left > 0 ? 'left' : 'right', distance }
}

/** Every page's loose notes as areas, pages in order, each page's groups in reading order. */
export function looseAreas(pages: readonly PageLooseNotes[], words: OutlineWords, rtl: boolean): OutlinePlace[] {
  const groups = pages.flatMap((page) => {
    const clusters = clusterBoxes(
      page.notes.map((entry) => entry.box),
      CLUSTER_GAP,
    ).map((indices) => {
      const members = indices.map((index) => page.notes[index]!)
      const box = around(members.map((member) => member.box))
      const near = page.frames
        .map((frame) => ({ frame, ...sideOf(box, frame.box) }))
        .filter((candidate) => candidate.distance <= NEAR)
        .sort((a, b) => a.distance - b.distance)[0]
      const where: LooseNotesWhere | undefined = near && { kind: 'near', frameTitle: near.frame.label, side: near.side }
      return { pageId: page.pageId, members, box, where }
    })
    return inReadingOrder(clusters, (cluster) => cluster.box, rtl)
  })
  // Two groups by the same side of frames of the same name would sound alike: those are numbered instead.
  const said = new Map<string, number>()
  const labelOf = (where: LooseNotesWhere | undefined) => (where ? words.looseNotes(where) : undefined)
  for (const group of groups) {
    const label = labelOf(group.where)
    if (label !== undefined) said.set(label, (said.get(label) ?? 0) + 1)
  }
  const alone = groups.filter((group) => {
    const label = labelOf(group.where)
    return label === undefined || said.get(label)! > 1
  })
  return groups.map((group) => {
    const index = alone.indexOf(group)
    const label =
      index >= 0 ? words.looseNotes({ kind: 'alone', index: index + 1, count: alone.length }) : labelOf(group.where)!
    // Named after its bottom note (tldraw's order), which notes added later never displace.
    const bottom = group.members.map((member) => ({ id: member.note.id, index: member.index })).sort(byIndex)[0]!
    return {
      kind: 'area',
      key: `area:${bottom.id}`,
      label,
      target: { parentId: group.pageId, box: group.box },
      places: [],
      notes: inReadingOrder(group.members, (member) => member.box, rtl).map((member) => member.note),
    }
  })
}
