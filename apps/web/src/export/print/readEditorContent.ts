import type { Editor, TLFrameShape, TLShape, TLShapeId } from 'tldraw'
import { CODRAFT_SHAPE_TYPE } from '@cg/codraft'
import { logframeFromGrid, logframeToRows } from '@cg/logframe'
import { middleTime, type ContentBoard, type ContentCell, type ContentFrame, type ContentNote } from '@cg/report'
import { readGridTable, scaffoldTextFor, type Template, type TemplateCatalog } from '@cg/templates'
import { metaNumber, metaString, ShapeMeta, type LanguageCode } from '@cg/contract'
import { LOGFRAME_TEMPLATE_ID } from '../../logframe/index.ts'
import { scaffoldShownText, storedTextOf } from '../../board/shapes/scaffoldShown.ts'
import { framesInReadingOrder } from '../../board/frameOrder.ts'

interface Reading {
  editor: Editor
  catalog: TemplateCatalog | null
  language: LanguageCode
}

const isScaffold = (shape: TLShape) => typeof shape.meta.template === 'string'

/**
 * A board as the report reads it, with the editor that draws it: every frame (nested ones after their parent)
 * in reading order, each with its notes in the template cells that hold them, a template grid as a table (the
 * logframe in its spreadsheet's layout); notes outside every frame apart. Text is as the reader reads it:
 * template wording in their language, sectors by their names in it.
 */
export function readEditorContent(
  reading: Reading,
  board: { id: string; title: string; createdAt?: number },
  rtl: boolean,
): ContentBoard {
  const { editor } = reading
  const frames: ContentFrame[] = []
  const loose: ContentNote[] = []
  const current = editor.getCurrentPageId()
  for (const page of editor.getPages()) {
    editor.setCurrentPage(page.id)
    const visit = (frameId: TLShapeId, inherited?: ContentFrame['group']) => {
      const frame = editor.getShape<TLFrameShape>(frameId)!
      const content = readFrame(reading, frame, inherited)
      frames.push(content)
      const nested = childFrames(editor, frameId)
      for (const child of nested) visit(child, content.group)
    }
    for (const frameId of framesInReadingOrder(editor, rtl)) visit(frameId)
    // Outside frames: notes, and what tldraw groups hold (a frame in a group is read as a frame).
    const inGroups: TLShapeId[] = []
    const walk = (parentId: TLShapeId | typeof page.id) => {
      for (const id of editor.getSortedChildIdsForParent(parentId)) {
        const shape = editor.getShape(id)!
        if (shape.type === 'frame') {
          if (parentId !== page.id) inGroups.push(id)
        } else if (shape.type === 'group') walk(id)
        else {
          const note = noteOf(reading, shape)
          if (note) loose.push(note)
        }
      }
    }
    walk(page.id)
    for (const frameId of inGroups) visit(frameId)
  }
  editor.setCurrentPage(current)
  return { ...board, frames, loose }
}

/** The frames directly inside a frame (through tldraw groups, not through other frames), top to bottom. */
function childFrames(editor: Editor, frameId: TLShapeId): TLShapeId[] {
  const found: TLShape[] = []
  const walk = (parentId: TLShapeId) => {
    for (const id of editor.getSortedChildIdsForParent(parentId)) {
      const shape = editor.getShape(id)!
      if (shape.type === 'frame') found.push(shape)
      else if (shape.type === 'group') walk(id)
    }
  }
  walk(frameId)
  return found
    .sort((a, b) => (editor.getShapePageBounds(a)?.minY ?? 0) - (editor.getShapePageBounds(b)?.minY ?? 0))
    .map((shape) => shape.id)
}

/** Whether anything in the frame (nested frames included) was put there by people, or is voted on. */
function isDrawn(editor: Editor, frameId: TLShapeId): boolean {
  return [...editor.getShapeAndDescendantIds([frameId])].some((id) => {
    const shape = editor.getShape(id)
    if (!shape || shape.type === 'frame' || shape.type === 'group') return false
    return !isScaffold(shape) || shape.meta.voteTarget === true
  })
}

/** What the reader is shown for a shape: template wording in their language, else its own text. */
function shownText(reading: Reading, shape: TLShape): string {
  if (shape.type === CODRAFT_SHAPE_TYPE) return reading.editor.getShapeUtil(shape).getText(shape)?.trim() ?? ''
  return (scaffoldShownText(shape, reading.language) ?? storedTextOf(shape)).trim()
}

function noteOf(reading: Reading, shape: TLShape): ContentNote | undefined {
  if (isScaffold(shape) || shape.type === 'frame') return undefined
  const text = (reading.editor.getShapeUtil(shape).getText(shape) ?? '').trim()
  if (!text) return undefined
  const sectorId = metaString(shape.meta, ShapeMeta.sector)
  const sector = sectorId
    ? (reading.catalog?.sectors.find((candidate) => candidate.id === sectorId)?.names[reading.language] ?? sectorId)
    : undefined
  const author = metaString(shape.meta, ShapeMeta.revealedAuthor)
  const createdAt = metaNumber(shape.meta, ShapeMeta.createdAt)
  return {
    id: shape.id,
    text,
    ...(sector ? { sector } : {}),
    ...(author ? { author } : {}),
    ...(createdAt !== undefined ? { createdAt } : {}),
  }
}

/** Every shape in a frame that is not inside one of its nested frames. */
function ownShapes(editor: Editor, frameId: TLShapeId): TLShape[] {
  const found: TLShape[] = []
  const walk = (parentId: TLShapeId) => {
    for (const id of editor.getSortedChildIdsForParent(parentId)) {
      const shape = editor.getShape(id)!
      if (shape.type === 'frame') continue
      found.push(shape)
      walk(id)
    }
  }
  walk(frameId)
  return found
}

function readFrame(reading: Reading, frame: TLFrameShape, inherited?: ContentFrame['group']): ContentFrame {
  const { editor } = reading
  const shapes = ownShapes(editor, frame.id)
  const template = reading.catalog?.templates.find((candidate) => candidate.definition.id === frame.meta.template)
  const titleShape = shapes.find((shape) => isScaffold(shape) && shape.meta.element === 'title')
  const title = (titleShape && shownText(reading, titleShape)) || shownText(reading, frame) || frame.props.name
  const groupName = metaString(frame.meta, ShapeMeta.fromBreakout)
  const boardId = metaString(frame.meta, ShapeMeta.breakoutBoardId)
  const group = groupName ? { name: groupName, ...(boardId ? { boardId } : {}) } : inherited

  const grid = template?.definition.elements.find((element) => element.kind === 'grid')
  const table = template && grid ? readTable(reading, frame, shapes, template, grid.id) : undefined
  // Template boxes (a question, a ring of the social-ecological model) hold the notes whose centre is inside; a
  // block written together is a cell whose text is its content. In the template's order, which is reading order.
  const order = (shape: TLShape) => {
    const index = template?.definition.elements.findIndex((element) => element.id === shape.meta.element) ?? -1
    return index < 0 ? Number.MAX_SAFE_INTEGER : index
  }
  const boxes = grid
    ? []
    : shapes.filter((shape) => isScaffold(shape) && (isCell(shape) || shape.type === CODRAFT_SHAPE_TYPE))
  boxes.sort((a, b) => order(a) - order(b) || a.y - b.y)
  const cells: ContentCell[] = boxes.map((box) => ({
    label: cellLabel(reading, box),
    notes:
      box.type === CODRAFT_SHAPE_TYPE && shownText(reading, box) ? [{ id: box.id, text: shownText(reading, box) }] : [],
  }))
  const notes: ContentNote[] = []
  const all: ContentNote[] = []
  for (const shape of shapes) {
    const note = noteOf(reading, shape)
    if (!note || isScaffold(shape)) continue
    all.push(note)
    if (table) continue
    const box = innermostBox(editor, boxes, shape)
    if (box) cells[boxes.indexOf(box)]!.notes.push(note)
    else notes.push(note)
  }
  const intro = shapes
    .filter((shape) => isScaffold(shape) && shape.type === 'text' && shape.meta.element !== 'title')
    .map((shape) => shownText(reading, shape))
    .filter(Boolean)
  return {
    id: frame.id,
    title,
    intro,
    madeAt: middleTime(all, metaNumber(frame.meta, ShapeMeta.createdAt)),
    ...(table ? { table } : {}),
    cells,
    notes,
    ...(group ? { group } : {}),
    drawn: isDrawn(editor, frame.id),
  }
}

/** A template box people put notes on (not a heading, not a grid's part). */
const isCell = (shape: TLShape) => shape.type === 'geo' && shape.meta.part === 'box'

function cellLabel(reading: Reading, shape: TLShape): string {
  if (shape.type === CODRAFT_SHAPE_TYPE) {
    const stored = (shape.props as { label: string }).label
    const catalog = reading.catalog
    const shown = catalog && scaffoldTextFor(catalog.templates, catalog.sectors, shape.meta, stored, reading.language)
    return (shown ?? stored).trim()
  }
  return shownText(reading, shape)
}

/** The smallest box holding the shape's centre (an ellipse by its curve, so the rings of a model nest). */
function innermostBox(editor: Editor, boxes: readonly TLShape[], shape: TLShape): TLShape | undefined {
  const centre = editor.getShapePageBounds(shape.id)?.center
  if (!centre) return undefined
  let best: { box: TLShape; area: number } | undefined
  for (const box of boxes) {
    if (box.type === CODRAFT_SHAPE_TYPE) continue
    const bounds = editor.getShapePageBounds(box.id)
    if (!bounds || !bounds.containsPoint(centre)) continue
    if ((box.props as { geo?: string }).geo === 'ellipse') {
      const dx = (centre.x - bounds.midX) / (bounds.w / 2)
      const dy = (centre.y - bounds.midY) / (bounds.h / 2)
      if (dx * dx + dy * dy > 1) continue
    }
    const area = bounds.w * bounds.h
    if (!best || area < best.area) best = { box, area }
  }
  return best?.box
}

/** A template grid as rows of cells; the logframe exactly as its spreadsheet lays it out. */
function readTable(
  reading: Reading,
  frame: TLFrameShape,
  shapes: TLShape[],
  template: Template,
  gridId: string,
): NonNullable<ContentFrame['table']> {
  const { editor, language } = reading
  const children = editor.getSortedChildIdsForParent(frame.id).map((id) => editor.getShape(id)!)
  const grid = readGridTable(children.length > 0 ? children : shapes, template, gridId, (shape) => {
    const bounds = editor.getShapeGeometry(shape).bounds
    return { x: shape.x, y: shape.y, w: bounds.w, h: bounds.h }
  })
  const lines = (text: string) => text.split('\n').filter((line) => line.trim().length > 0)
  if (template.definition.id === LOGFRAME_TEMPLATE_ID) {
    const logframe = logframeFromGrid(grid, frame.props.name)
    const { header, rows } = logframeToRows(logframe, language, reading.catalog?.sectors ?? [])
    return { header, rows: rows.map((row) => row.map(lines)), labelColumns: 2 }
  }
  const shownLabel = (id: string, stored: string, part: 'grid-header' | 'grid-row-header') => {
    const shape = children.find(
      (candidate) => candidate.meta.part === part && (candidate.meta.column === id || candidate.meta.row === id),
    )
    return (shape && scaffoldShownText(shape, language)) || stored
  }
  return {
    header: ['', ...grid.columns.map((column) => shownLabel(column.id, column.label, 'grid-header'))],
    rows: grid.rows.map((row) => [
      [shownLabel(row.id, row.label, 'grid-row-header')],
      ...grid.columns.map((column) => row.cells[column.id] ?? []),
    ]),
    labelColumns: 1,
  }
}
