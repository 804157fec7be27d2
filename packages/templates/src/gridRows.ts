import {
  createShapeId,
  toRichText,
  type TLGeoShape,
  type TLRichText,
  type TLShape,
  type TLShapeId,
} from '@tldraw/tlschema'
import { getIndicesAbove, type IndexKey } from '@tldraw/utils'
import type { Sector, Template, TemplateGrid, TemplateLanguage } from './templateSchema.ts'

/** A row to add, worked out from the frame's current shapes; the caller applies it through the editor. */
export interface GridRowPlan {
  /** Frame children at or below this y (frame coordinates) move down by `shiftBy`, and the frame grows by it. */
  fromY: number
  shiftBy: number
  /** The new row header and cells, children of the frame. */
  records: TLGeoShape[]
}

const cellHeight = (shape: TLShape) =>
  ((shape.props as { h?: number }).h ?? 0) + ((shape.props as { growY?: number }).growY ?? 0)

/**
 * Plans a new row of `kind` in a template's grid: placed after the last row of the same kind (else at the end),
 * with the same columns as the header, so the grid stays aligned in any language, mirrored or not.
 */
export function planGridRow(
  template: Template,
  frameId: TLShapeId,
  frameChildren: TLShape[],
  options: {
    gridId: string
    kind: string
    sector?: string
    language: TemplateLanguage
    sectors: Sector[]
    indexAbove: IndexKey
  },
): GridRowPlan {
  const grid = template.definition.elements.find(
    (element): element is TemplateGrid => element.kind === 'grid' && element.id === options.gridId,
  )
  const rowKind = grid?.rowKinds.find((candidate) => candidate.kind === options.kind)
  if (!grid || !rowKind) throw new Error(`template ${template.definition.id} has no row kind ${options.kind}`)
  const gridShapes = frameChildren.filter(
    (shape) => shape.meta.template === template.definition.id && shape.meta.element === grid.id,
  )
  const headers = gridShapes.filter((shape) => shape.meta.part === 'grid-header')
  const rowHeaders = gridShapes.filter((shape) => shape.meta.part === 'grid-row-header')
  const sameKind = rowHeaders.filter((shape) => shape.meta.rowKind === options.kind)
  const bottom = (shapes: TLShape[]) => Math.max(...shapes.map((shape) => shape.y + cellHeight(shape)))
  const fromY = bottom(sameKind.length > 0 ? sameKind : gridShapes)
  const sample = rowHeaders[0] ?? gridShapes.find((shape) => shape.meta.part === 'grid-corner')!

  const taken = new Set(rowHeaders.map((shape) => shape.meta.row))
  let n = 1
  while (taken.has(`${options.kind}-${n}`)) n++
  const rowId = `${options.kind}-${n}`
  const sectorId = rowKind.pickSector ? options.sector : rowKind.sector
  const sector = options.sectors.find((candidate) => candidate.id === sectorId)
  const strings = template.strings[options.language]
  const label = (strings[rowKind.label] ?? rowKind.label).replace('{sector}', sector?.names[options.language] ?? '')

  const indices = getIndicesAbove(options.indexAbove, headers.length + 1)
  const base = (shape: TLShape, part: string): TLGeoShape => {
    const source = shape as TLGeoShape
    const { sector: _sector, ...meta } = source.meta
    return {
      ...source,
      id: createShapeId(),
      y: fromY,
      index: indices.shift()!,
      parentId: frameId,
      props: { ...source.props, h: rowKind.h, growY: 0, richText: toRichText('') },
      meta: { ...meta, part, row: rowId, rowKind: options.kind, ...(sectorId ? { sector: sectorId } : {}) },
    }
  }
  const header = base(sample, 'grid-row-header')
  header.props = {
    ...header.props,
    richText: toRichText(label),
    color: sector?.color ?? grid.headerColor,
    fill: 'solid',
    align: 'start',
    verticalAlign: 'middle',
  }
  const cells = headers.map((columnHeader) => {
    const cell = base(columnHeader, 'grid-cell')
    cell.props = { ...cell.props, color: 'grey', fill: 'none', verticalAlign: 'start' }
    return cell
  })
  return { fromY, shiftBy: rowKind.h, records: [header, ...cells] }
}

/** A grid read back as a table: each row's label, sector and, per column, the text of what sits in the cell. */
export interface GridTable {
  columns: { id: string; label: string }[]
  rows: { id: string; label: string; sector?: string; cells: Record<string, string[]> }[]
}

/**
 * Reads a template grid from the frame's children: a note, text or shape belongs to the cell that holds its
 * centre. Rows come in top-to-bottom order, as they stand now (added rows, moved notes included).
 */
export function readGridTable(frameChildren: TLShape[], templateId: string, gridId: string): GridTable {
  const gridShapes = frameChildren.filter(
    (shape) => shape.meta.template === templateId && shape.meta.element === gridId,
  )
  const byX = (a: TLShape, b: TLShape) => a.x - b.x
  const columns = gridShapes
    .filter((shape) => shape.meta.part === 'grid-header')
    .sort(byX)
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
        const inside = content.filter((shape) => contains(cell, centreOf(shape)))
        cellsOfRow[String(cell.meta.column)] = inside
          .sort((a, b) => a.y - b.y || a.x - b.x)
          .map((shape) => plainText(richTextOf(shape)))
          .filter((text) => text.length > 0)
      }
      const sector = typeof header.meta.sector === 'string' ? { sector: header.meta.sector } : {}
      return { id: row, label: plainText(richTextOf(header)), ...sector, cells: cellsOfRow }
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

function centreOf(shape: TLShape): { x: number; y: number } {
  const props = shape.props as { w?: number; h?: number; growY?: number; scale?: number }
  // Notes have no w/h: they are 200 × (200 + growY), times their scale.
  const scale = props.scale ?? 1
  const w = props.w ?? 200 * scale
  const h = (props.h ?? 200 * scale) + (props.growY ?? 0)
  return { x: shape.x + w / 2, y: shape.y + h / 2 }
}

function contains(cell: TLShape, point: { x: number; y: number }): boolean {
  const { w } = cell.props as { w: number }
  return point.x >= cell.x && point.x < cell.x + w && point.y >= cell.y && point.y < cell.y + cellHeight(cell)
}
