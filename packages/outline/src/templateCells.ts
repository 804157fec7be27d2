import type { Template } from '@cg/templates/cells'
import type { PageBox } from './outlineTypes.ts'
import { isScaffold, metaText, type ShapeRecord } from './boardRecords.ts'
import { inReadingOrder } from './readingOrder.ts'
import { boxHolds, centreOf, type ShapeBoxes } from './shapeBoxes.ts'
import { CODRAFT_TYPE, joinLabel, oneLine, shownText, type Reading } from './shownText.ts'

/*
 * A frame's template cells, named as a person says them, from the scaffold the template engine laid out (each
 * scaffold shape's `meta` says what it is: see `ScaffoldMeta` in @cg/templates).
 * - A grid is read row by row: a row (its header, where nothing is added) holds its cells, one per column in the
 *   template's order, each called "<row>, <column>" ("Output: education, Indicators").
 * - A box is a cell called by the first line of its label; the other lines are its description. Boxes drawn inside
 *   one another (the social-ecological model's levels) are cells side by side, a note in the innermost.
 * - A co-drafted block is a cell holding the block itself.
 * - Scaffold texts: the title names the frame; another text describes the column, box or cell it sits in (the
 *   life-cycle template's age ranges), else the frame.
 */

export interface CellSpec {
  /** Unique in its frame: `<row id>:<column id>`, `<row id>:*` for a row, a box's or a block's element id. */
  key: string
  kind: 'row' | 'grid-cell' | 'box' | 'codraft'
  shape: ShapeRecord
  box: PageBox
  label: string
  description: string[]
  /** A row's cells. */
  cells: CellSpec[]
}

export interface FrameScaffold {
  title?: string
  description: string[]
  /** In the template's order, which is reading order. */
  cells: CellSpec[]
  /** Cells that hold the notes whose centre lies in them (rows, grid cells, boxes). */
  holders: CellSpec[]
  /** Where the scaffold ends (page y), when there is one. */
  bottom?: number
}

const GRID_PARTS = new Set(['grid-header', 'grid-row-header', 'grid-cell', 'grid-corner'])

export function templateOf(reading: Reading, shape: ShapeRecord): Template | undefined {
  const id = metaText(shape, 'template')
  return id ? reading.catalog?.templates.find((template) => template.definition.id === id) : undefined
}

/** Where the shape's template element comes in its template (reading order), or last. */
function elementOrder(reading: Reading, shape: ShapeRecord): number {
  const elements = templateOf(reading, shape)?.definition.elements ?? []
  const index = elements.findIndex((element) => element.id === shape.meta.element)
  return index < 0 ? Number.MAX_SAFE_INTEGER : index
}

/** A co-drafted block's heading in the reader's language, while it says what its template says. */
function blockHeading(reading: Reading, shape: ShapeRecord): string {
  const element = templateOf(reading, shape)?.definition.elements.find(
    (candidate) => candidate.id === shape.meta.element,
  )
  const labelled = element?.kind === 'codraft' ? { ...shape, meta: { ...shape.meta, textKey: element.label } } : shape
  return oneLine(shownText(reading, labelled))
}

/** The cells of one frame, from its own shapes (not those of frames inside it). */
export function readScaffold(reading: Reading, ownShapes: readonly ShapeRecord[], boxes: ShapeBoxes): FrameScaffold {
  const scaffold = ownShapes.filter((shape) => isScaffold(shape) && boxes.pageBox(shape.id))
  const boxOf = (shape: ShapeRecord) => boxes.pageBox(shape.id)!
  const spec = (shape: ShapeRecord, key: string, kind: CellSpec['kind'], label: string): CellSpec => ({
    key,
    kind,
    shape,
    box: boxOf(shape),
    label,
    description: [],
    cells: [],
  })
  const columnNotes = new Map<ShapeRecord, string[]>()
  const placed: { order: number; specs: CellSpec[] }[] = []

  const grids = new Map<string, ShapeRecord[]>()
  for (const shape of scaffold.filter((candidate) => GRID_PARTS.has(String(candidate.meta.part)))) {
    const grid = `${String(shape.meta.template)}/${String(shape.meta.element)}`
    grids.set(grid, [...(grids.get(grid) ?? []), shape])
  }
  for (const shapes of grids.values()) {
    const template = templateOf(reading, shapes[0]!)
    const element = template?.definition.elements.find((candidate) => candidate.id === shapes[0]!.meta.element)
    const order = element?.kind === 'grid' ? element.columns.map((column) => column.id) : []
    const byOrder = (shape: ShapeRecord) => order.indexOf(String(shape.meta.column))
    const headers = shapes.filter((shape) => shape.meta.part === 'grid-header')
    const columns = order.length
      ? headers.sort((a, b) => byOrder(a) - byOrder(b))
      : inReadingOrder(headers, boxOf, reading.rtl)
    for (const column of columns) columnNotes.set(column, [])
    const rows = shapes
      .filter((shape) => shape.meta.part === 'grid-row-header')
      .sort((a, b) => boxOf(a).y - boxOf(b).y)
      .map((header) => {
        const row = spec(header, `${String(header.meta.row)}:*`, 'row', oneLine(shownText(reading, header)))
        for (const column of columns) {
          const cell = shapes.find(
            (shape) =>
              shape.meta.part === 'grid-cell' &&
              shape.meta.row === header.meta.row &&
              shape.meta.column === column.meta.column,
          )
          if (!cell) continue
          const label = joinLabel(reading.language, [row.label, oneLine(shownText(reading, column))])
          const made = spec(cell, `${String(header.meta.row)}:${String(column.meta.column)}`, 'grid-cell', label)
          made.description = columnNotes.get(column)!
          row.cells.push(made)
        }
        return row
      })
    if (rows.length > 0) placed.push({ order: elementOrder(reading, shapes[0]!), specs: rows })
  }

  for (const shape of scaffold) {
    if (shape.type === 'geo' && shape.meta.part === 'box') {
      const [first = '', ...rest] = shownText(reading, shape).split('\n')
      const made = spec(shape, String(shape.meta.element), 'box', first.trim())
      made.description = rest.map((line) => line.trim()).filter(Boolean)
      placed.push({ order: elementOrder(reading, shape), specs: [made] })
    } else if (shape.type === CODRAFT_TYPE) {
      placed.push({
        order: elementOrder(reading, shape),
        specs: [spec(shape, String(shape.meta.element), 'codraft', blockHeading(reading, shape))],
      })
    }
  }
  placed.sort(
    (a, b) => a.order - b.order || a.specs[0]!.box.y - b.specs[0]!.box.y || a.specs[0]!.box.x - b.specs[0]!.box.x,
  )
  const cells = placed.flatMap((entry) => entry.specs)

  // Keys unique in the frame, whatever a malformed or doubled scaffold says.
  const keys = new Set<string>()
  const holders: CellSpec[] = []
  for (const cell of cells.flatMap((candidate) => [candidate, ...candidate.cells])) {
    if (keys.has(cell.key)) cell.key = `${cell.key}#${cell.shape.id}`
    keys.add(cell.key)
    if (cell.kind !== 'codraft') holders.push(cell)
  }

  let title: string | undefined
  const description: string[] = []
  for (const text of scaffold.filter((shape) => shape.type === 'text')) {
    const words = shownText(reading, text)
    if (!words) continue
    if (text.meta.element === 'title' && title === undefined) {
      title = oneLine(words)
      continue
    }
    const centre = centreOf(boxOf(text))
    const column = [...columnNotes.keys()].find((header) => boxHolds(boxOf(header), centre))
    const cell = innermostCell(holders, centre)
    if (column) columnNotes.get(column)!.push(oneLine(words))
    else if (cell) cell.description.push(oneLine(words))
    else description.push(words)
  }
  const bottoms = scaffold.map((shape) => boxOf(shape).y + boxOf(shape).h)
  return {
    ...(title ? { title } : {}),
    description,
    cells,
    holders,
    ...(bottoms.length ? { bottom: Math.max(...bottoms) } : {}),
  }
}

/** Whether a point lies inside a cell: in its box, and inside the curve of an ellipse. */
export function cellHolds(cell: CellSpec, point: { x: number; y: number }): boolean {
  if (!boxHolds(cell.box, point)) return false
  if (cell.shape.props.geo !== 'ellipse') return true
  const dx = (point.x - (cell.box.x + cell.box.w / 2)) / (cell.box.w / 2)
  const dy = (point.y - (cell.box.y + cell.box.h / 2)) / (cell.box.h / 2)
  return dx * dx + dy * dy <= 1
}

/** The smallest cell holding the point: a note belongs to the innermost level of nested boxes. */
export function innermostCell(cells: readonly CellSpec[], point: { x: number; y: number }): CellSpec | undefined {
  let best: CellSpec | undefined
  for (const cell of cells) {
    if (!cellHolds(cell, point)) continue
    if (!best || cell.box.w * cell.box.h < best.box.w * best.box.h) best = cell
  }
  return best
}
