import {
  createShapeId,
  toRichText,
  type TLFrameShape,
  type TLGeoShape,
  type TLShape,
  type TLShapeId,
} from '@tldraw/tlschema'
import { getIndicesBetween } from '@tldraw/utils'
import type { LanguageCode } from '@cg/contract'
import { heightOf, rowLabel } from './gridRows.ts'
import type { Sector, Template, TemplateGrid } from './templateSchema.ts'

/** A row to add, worked out from the frame's current shapes; the caller applies it (editor or store). */
export interface GridRowPlan {
  /** Frame children at or below this y (frame coordinates) move down by `shiftBy`, and the frame grows by it. */
  fromY: number
  shiftBy: number
  /** Where each child below the new row moves to. */
  moves: { id: TLShapeId; type: TLShape['type']; y: number }[]
  /** The frame's new height. */
  frameHeight: number
  /** The new row header and cells, children of the frame. */
  records: TLGeoShape[]
}

/**
 * Plans a new row of `kind` in a template's grid: placed after the last row of the same kind (else at the end),
 * with the same columns as the header, so the grid stays aligned in any language, mirrored or not.
 */
export function planGridRow(
  template: Template,
  frame: TLFrameShape,
  frameChildren: TLShape[],
  options: {
    gridId: string
    kind: string
    sector?: string
    language: LanguageCode
    sectors: Sector[]
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
  // A new row goes just above the first row of a kind that comes later in the template (an outcome above the
  // outputs, an output above the activities), else at the bottom of the grid.
  const kindOrder = grid.rowKinds.map((candidate) => candidate.kind)
  const later = new Set(kindOrder.slice(kindOrder.indexOf(options.kind) + 1))
  const laterRows = rowHeaders.filter((shape) => later.has(String(shape.meta.rowKind)))
  const fromY =
    laterRows.length > 0
      ? Math.min(...laterRows.map((shape) => shape.y))
      : Math.max(...gridShapes.map((shape) => shape.y + heightOf(shape)))
  const sample = rowHeaders[0] ?? gridShapes.find((shape) => shape.meta.part === 'grid-corner')!

  const taken = new Set(rowHeaders.map((shape) => shape.meta.row))
  let n = 1
  while (taken.has(`${options.kind}-${n}`)) n++
  const rowId = `${options.kind}-${n}`
  const sectorId = rowKind.pickSector ? options.sector : rowKind.sector
  const sector = options.sectors.find((candidate) => candidate.id === sectorId)
  const label = rowLabel(template.strings[options.language], rowKind.label, sector, options.language)

  // Above the scaffold, below anything people put on it, so new cells never cover a note.
  const scaffoldTop = frameChildren
    .filter((shape) => shape.meta.template !== undefined)
    .map((shape) => shape.index)
    .sort()
    .at(-1)!
  const contentBottom = frameChildren
    .filter((shape) => shape.meta.template === undefined && shape.index > scaffoldTop)
    .map((shape) => shape.index)
    .sort()[0]
  const indices = getIndicesBetween(scaffoldTop, contentBottom ?? null, headers.length + 1)
  const base = (shape: TLShape, part: string): TLGeoShape => {
    const source = shape as TLGeoShape
    const { sector: _sector, textKey: _textKey, ...meta } = source.meta
    return {
      ...source,
      id: createShapeId(),
      y: fromY,
      index: indices.shift()!,
      parentId: frame.id,
      props: { ...source.props, h: rowKind.h, growY: 0, richText: toRichText('') },
      meta: { ...meta, part, row: rowId, rowKind: options.kind, ...(sectorId ? { sector: sectorId } : {}) },
    }
  }
  const header = base(sample, 'grid-row-header')
  header.meta = { ...header.meta, textKey: rowKind.label }
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
  const moves = frameChildren
    .filter((shape) => shape.y >= fromY)
    .map((shape) => ({ id: shape.id, type: shape.type, y: shape.y + rowKind.h }))
  return { fromY, shiftBy: rowKind.h, moves, frameHeight: frame.props.h + rowKind.h, records: [header, ...cells] }
}
