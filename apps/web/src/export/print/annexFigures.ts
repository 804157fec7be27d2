import { Box, type Editor, type TLShapeId } from 'tldraw'
import { clusterBoxes, figureTiles, type FigureRef } from '@cg/report'
import { framesInReadingOrder } from '../../board/frameOrder.ts'

/** A picture of the annex: which shapes, which part of the board, under which title. */
export interface AnnexFigure {
  ref: FigureRef
  shapeIds: TLShapeId[]
  bounds: Box
}

/** Notes outside frames closer than this (board units) are one picture. */
const CLUSTER_GAP = 240
const PADDING = 24

/** Whether two boxes share some area (touching edges do not: a cut runs along them). */
const overlaps = (a: Box, b: Box) => a.minX < b.maxX && a.maxX > b.minX && a.minY < b.maxY && a.maxY > b.minY

/** A shape's page bounds with everything inside it (a note sticking out of its frame is in the picture). */
function boundsWithDescendants(editor: Editor, id: TLShapeId): Box | undefined {
  const boxes = [id, ...editor.getShapeAndDescendantIds([id])]
    .map((shapeId) => editor.getShapePageBounds(shapeId))
    .filter((box): box is Box => box !== undefined)
  return boxes.length > 0 ? Box.Common(boxes) : undefined
}

/** Notes outside frames, in groups of those near one another, so far-apart clusters do not print as specks. */
function clusters(editor: Editor, ids: TLShapeId[]): { ids: TLShapeId[]; bounds: Box }[] {
  const placed = ids.flatMap((id) => {
    const bounds = boundsWithDescendants(editor, id)
    return bounds ? [{ id, bounds }] : []
  })
  return clusterBoxes(
    placed.map((shape) => shape.bounds),
    CLUSTER_GAP,
  )
    .map((group) => ({
      ids: group.map((index) => placed[index]!.id),
      bounds: Box.Common(group.map((index) => placed[index]!.bounds)),
    }))
    .sort((a, b) => a.bounds.minY - b.bounds.minY || a.bounds.minX - b.bounds.minX)
}

/**
 * A board's annex pictures: each top-level frame once (its nested frames are in it), then the notes outside
 * frames; anything too large to read on one page is cut into parts that each print at `maxUnits` or less.
 */
export function annexFigures(
  editor: Editor,
  board: { id: string },
  options: {
    rtl: boolean
    maxUnits: { w: number; h: number }
    titleOf: (frameId: TLShapeId) => string
    looseTitle: string
    partTitle: (title: string, part: number, parts: number) => string
  },
): AnnexFigure[] {
  const figures: AnnexFigure[] = []
  const add = (frameId: TLShapeId | null, ids: TLShapeId[], region: Box, title: string) => {
    // Cuts pass between what is drawn inside (notes, cells), not through it.
    const inside = [...editor.getShapeAndDescendantIds(ids)]
      .filter((id) => editor.getShape(id)?.type !== 'frame')
      .flatMap((id) => {
        const bounds = editor.getShapePageBounds(id)
        return bounds ? [{ id, bounds }] : []
      })
    const tiles = figureTiles(
      region.clone().expandBy(PADDING),
      options.maxUnits.w,
      options.maxUnits.h,
      inside.map((shape) => shape.bounds),
    )
    // A part draws only what lies in it: an export draws every shape it is given (and all of the page when given
    // none), and text outside the picture, though not seen, would still be in the PDF, found twice by a search.
    const parts = tiles
      .map((tile) => {
        const bounds = new Box(tile.x, tile.y, tile.w, tile.h)
        const shown =
          tile.parts > 1 ? inside.filter((shape) => overlaps(shape.bounds, bounds)).map((shape) => shape.id) : ids
        return { bounds, shown }
      })
      .filter((part) => part.shown.length > 0)
    const key = frameId ?? `loose-${figures.length}`
    parts.forEach((part, index) => {
      figures.push({
        ref: {
          id: `${board.id}/${key}/${index + 1}`,
          boardId: board.id,
          frameId,
          title: parts.length > 1 ? options.partTitle(title, index + 1, parts.length) : title,
        },
        shapeIds: part.shown,
        bounds: part.bounds,
      })
    })
  }
  const current = editor.getCurrentPageId()
  for (const page of editor.getPages()) {
    editor.setCurrentPage(page.id)
    for (const frameId of framesInReadingOrder(editor, options.rtl)) {
      const region = boundsWithDescendants(editor, frameId)
      if (region) add(frameId, [frameId], region, options.titleOf(frameId))
    }
    const loose = editor
      .getCurrentPageShapesSorted()
      .filter((shape) => shape.parentId === page.id && shape.type !== 'frame')
      .map((shape) => shape.id)
    for (const cluster of clusters(editor, loose)) add(null, cluster.ids, cluster.bounds, options.looseTitle)
  }
  editor.setCurrentPage(current)
  return figures
}
