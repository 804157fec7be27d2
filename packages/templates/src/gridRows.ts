import type { TLFrameShape, TLRichText, TLShape, TLShapeId } from '@tldraw/tlschema'
import type { Sector, Template, TemplateGrid } from './templateSchema.ts'
import type { LanguageCode } from '@cg/contract'

/*
 * Template grids read and grown from their records alone: types only from tldraw, so the outline page (which never
 * loads the canvas) can use them. Making a new row's records is planGridRow.ts.
 */

/** A scaffold cell's height as laid out (a grown label does not move the rows below it). */
export const heightOf = (shape: TLShape) => (shape.props as { h?: number }).h ?? 0

/** How a grid row grows: its header and cells get taller, everything below moves down, the frame grows. */
export interface GridRowGrowth {
  resizes: { id: TLShapeId; type: TLShape['type']; h: number }[]
  moves: { id: TLShapeId; type: TLShape['type']; y: number }[]
  frameHeight: number
}

/**
 * Plans row `rowId` of a template grid growing by `growBy` (frame units) to hold what was put in it: the row's
 * header and cells grow, whatever lies wholly below the row (later rows, their notes) moves down by as much, and
 * the frame grows, so every cell stays under its column header and beside its row header.
 */
export function planRowGrowth(
  frame: TLFrameShape,
  frameChildren: TLShape[],
  rowId: string,
  growBy: number,
): GridRowGrowth | null {
  const row = frameChildren.filter(
    (shape) => shape.meta.row === rowId && (shape.meta.part === 'grid-cell' || shape.meta.part === 'grid-row-header'),
  )
  if (row.length === 0 || growBy <= 0) return null
  const bottom = Math.max(...row.map((shape) => shape.y + heightOf(shape)))
  const inRow = new Set(row.map((shape) => shape.id))
  return {
    resizes: row.map((shape) => ({ id: shape.id, type: shape.type, h: heightOf(shape) + growBy })),
    moves: frameChildren
      .filter((shape) => !inRow.has(shape.id) && shape.y >= bottom - 0.5)
      .map((shape) => ({ id: shape.id, type: shape.type, y: shape.y + growBy })),
    frameHeight: frame.props.h + growBy,
  }
}

/** A grid read back as a table: each row's label, sector and, per column, the text of what sits in the cell. */
export interface GridTable {
  columns: { id: string; label: string }[]
  /** `kind` is the row's kind in the template (outcome, output, activity…), absent for fixed rows like a goal. */
  rows: { id: string; label: string; sector?: string; kind?: string; cells: Record<string, string[]> }[]
}

/** A shape's box in its frame's coordinates. */
export type BoundsOf = (shape: TLShape) => { x: number; y: number; w: number; h: number }

/**
 * Reads a template grid from the frame's children: a note, text or shape belongs to the cell that holds its
 * centre. Columns come in the template's order (whatever the reading direction), rows top to bottom as they
 * stand now (added rows, moved notes included). In the browser pass the editor's real bounds; the default
 * works from the record alone (sizes of notes and boxes; text shapes are taken as one line).
 */
export function readGridTable(
  frameChildren: TLShape[],
  template: Template,
  gridId: string,
  boundsOf: BoundsOf = boundsFromRecord,
): GridTable {
  const grid = template.definition.elements.find(
    (element): element is TemplateGrid => element.kind === 'grid' && element.id === gridId,
  )
  const gridShapes = frameChildren.filter(
    (shape) => shape.meta.template === template.definition.id && shape.meta.element === gridId,
  )
  const order = grid?.columns.map((column) => column.id) ?? []
  const columns = gridShapes
    .filter((shape) => shape.meta.part === 'grid-header')
    .sort((a, b) => order.indexOf(String(a.meta.column)) - order.indexOf(String(b.meta.column)))
    .map((shape) => ({ id: String(shape.meta.column), label: plainText(richTextOf(shape)) }))
  const cells = gridShapes.filter((shape) => shape.meta.part === 'grid-cell')
  const content = frameChildren.filter((shape) => !shape.isLocked && shape.meta.template === undefined)
  const rows = gridShapes
    .filter((shape) => shape.meta.part === 'grid-row-header')
    .sort((a, b) => a.y - b.y)
    .map((header) => {
      const row = String(header.meta.row)
      const cellsOfRow: Record<string, string[]> = Object.fromEntries(columns.map((column) => [column.id, []]))
      for (const cell of cells.filter((candidate) => candidate.meta.row === row)) {
        const inside = content.filter((shape) => contains(cell, centreOf(boundsOf(shape))))
        cellsOfRow[String(cell.meta.column)] = inside
          .sort((a, b) => a.y - b.y || a.x - b.x)
          .map((shape) => plainText(richTextOf(shape)))
          .filter((text) => text.length > 0)
      }
      const sector = typeof header.meta.sector === 'string' ? { sector: header.meta.sector } : {}
      const kind = typeof header.meta.rowKind === 'string' ? { kind: header.meta.rowKind } : {}
      return { id: row, label: plainText(richTextOf(header)), ...sector, ...kind, cells: cellsOfRow }
    })
  return { columns, rows }
}

function richTextOf(shape: TLShape): TLRichText | undefined {
  return (shape.props as { richText?: TLRichText }).richText
}

/** The text of a rich-text document, paragraphs on separate lines. */
export function plainText(richText: TLRichText | undefined): string {
  if (!richText) return ''
  const walk = (node: { type?: string; text?: string; content?: unknown[] }): string =>
    node.type === 'text'
      ? (node.text ?? '')
      : (node.content ?? []).map((child) => walk(child as typeof node)).join(node.type === 'doc' ? '\n' : '')
  return walk(richText as never).trim()
}

function boundsFromRecord(shape: TLShape): { x: number; y: number; w: number; h: number } {
  const props = shape.props as { w?: number; h?: number; growY?: number; scale?: number; size?: string }
  const scale = props.scale ?? 1
  // Notes have no w/h: they are 200 × (200 + growY), all times their scale. A text shape is taken as one line.
  const w = props.w ?? 200 * scale
  const h = props.h ?? (shape.type === 'text' ? 40 * scale : (200 + (props.growY ?? 0)) * scale)
  return { x: shape.x, y: shape.y, w, h }
}

function centreOf(box: { x: number; y: number; w: number; h: number }): { x: number; y: number } {
  return { x: box.x + box.w / 2, y: box.y + box.h / 2 }
}

function contains(cell: TLShape, point: { x: number; y: number }): boolean {
  const { w } = cell.props as { w: number }
  return point.x >= cell.x && point.x < cell.x + w && point.y >= cell.y && point.y < cell.y + heightOf(cell)
}

/**
 * A row's heading in `language`: the template's own wording for this sector when it has one (`row.output-education`,
 * "Output: education", as the template's own rows read), else the generic one with the sector's name in it.
 */
export function rowLabel(
  strings: Record<string, string>,
  labelKey: string,
  sector: Sector | undefined,
  language: LanguageCode,
): string {
  const own = sector ? strings[`${labelKey}-${sector.id}`] : undefined
  return own ?? (strings[labelKey] ?? labelKey).replace('{sector}', sector?.names[language] ?? '')
}
