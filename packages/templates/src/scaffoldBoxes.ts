import type { TemplateDefinition } from './templateSchema.ts'

/** One rectangle of a template's scaffold, in frame coordinates, before any mirroring. */
export interface ScaffoldBox {
  elementId: string
  /** Unique within the template: the element id, plus `.row.col` for grid cells. */
  key: string
  x: number
  y: number
  w: number
  h: number
  /** A string key, for boxes with a label. */
  label?: string
  kind: 'box' | 'codraft' | 'grid-header' | 'grid-row-header' | 'grid-cell' | 'grid-corner'
  row?: string
  rowKind?: string
  column?: string
  sector?: string
}

/** Every rectangle the template draws, grids expanded into their cells. Text elements are not boxes. */
export function scaffoldBoxes(definition: TemplateDefinition): ScaffoldBox[] {
  const boxes: ScaffoldBox[] = []
  for (const element of definition.elements) {
    if (element.kind === 'box' || element.kind === 'codraft') {
      boxes.push({ ...element, elementId: element.id, key: element.id, kind: element.kind })
    } else if (element.kind === 'grid') {
      const base = { elementId: element.id }
      boxes.push({
        ...base,
        key: `${element.id}.corner`,
        kind: 'grid-corner',
        x: element.x,
        y: element.y,
        w: element.rowHeaderWidth,
        h: element.headerHeight,
        ...(element.corner ? { label: element.corner } : {}),
      })
      let x = element.x + element.rowHeaderWidth
      for (const column of element.columns) {
        boxes.push({
          ...base,
          key: `${element.id}.header.${column.id}`,
          kind: 'grid-header',
          column: column.id,
          label: column.label,
          x,
          y: element.y,
          w: column.w,
          h: element.headerHeight,
        })
        x += column.w
      }
      let y = element.y + element.headerHeight
      for (const row of element.rows) {
        const sector = { ...(row.sector ? { sector: row.sector } : {}), ...(row.kind ? { rowKind: row.kind } : {}) }
        boxes.push({
          ...base,
          key: `${element.id}.${row.id}`,
          kind: 'grid-row-header',
          row: row.id,
          label: row.label,
          x: element.x,
          y,
          w: element.rowHeaderWidth,
          h: row.h,
          ...sector,
        })
        let cellX = element.x + element.rowHeaderWidth
        for (const column of element.columns) {
          boxes.push({
            ...base,
            key: `${element.id}.${row.id}.${column.id}`,
            kind: 'grid-cell',
            row: row.id,
            column: column.id,
            x: cellX,
            y,
            w: column.w,
            h: row.h,
            ...sector,
          })
          cellX += column.w
        }
        y += row.h
      }
    }
  }
  return boxes
}

/** Two boxes that overlap without one containing the other (touching edges do not count). */
export function partiallyOverlap(a: ScaffoldBox, b: ScaffoldBox): boolean {
  const intersects = a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h
  return intersects && !contains(a, b) && !contains(b, a)
}

function contains(outer: ScaffoldBox, inner: ScaffoldBox): boolean {
  return (
    inner.x >= outer.x &&
    inner.y >= outer.y &&
    inner.x + inner.w <= outer.x + outer.w &&
    inner.y + inner.h <= outer.y + outer.h
  )
}
