/*
 * A board's records as stored in its doc, read defensively: they come from peers and may be malformed or of an
 * older schema. What cannot be read is left out (never thrown on); what is kept has the fields the outline uses.
 */

/** A shape record with the fields the outline reads checked; `record` is the stored value, untouched. */
export interface ShapeRecord {
  id: string
  type: string
  parentId: string
  index: string
  x: number
  y: number
  rotation: number
  isLocked: boolean
  props: Readonly<Record<string, unknown>>
  meta: Readonly<Record<string, unknown>>
  record: Readonly<Record<string, unknown>>
}

export interface PageRecord {
  id: string
  index: string
}

export interface BoardRecords {
  /** Pages, first page first. */
  pages: PageRecord[]
  shapes: ReadonlyMap<string, ShapeRecord>
  /** A parent's (page or shape) children, bottom first (tldraw's index order). */
  children: ReadonlyMap<string, readonly ShapeRecord[]>
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

const finite = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value)

/** tldraw's order of siblings: by index, then by id so that equal indices still sort the same everywhere. */
export const byIndex = (a: { index: string; id: string }, b: { index: string; id: string }) =>
  a.index < b.index ? -1 : a.index > b.index ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0

/** A stored shape, or undefined when it lacks what the outline needs to place it. */
export function readShape(key: string, value: unknown): ShapeRecord | undefined {
  if (!isObject(value) || value.typeName !== 'shape' || value.id !== key) return undefined
  const { type, parentId, index, x, y } = value
  if (typeof type !== 'string' || typeof parentId !== 'string' || typeof index !== 'string') return undefined
  if (!finite(x) || !finite(y)) return undefined
  return {
    id: key,
    type,
    parentId,
    index,
    x,
    y,
    rotation: finite(value.rotation) ? value.rotation : 0,
    isLocked: value.isLocked === true,
    props: isObject(value.props) ? value.props : {},
    meta: isObject(value.meta) ? value.meta : {},
    record: value,
  }
}

/** The board's pages and shapes, indexed by parent. Shapes whose parent is missing stay out of `children`. */
export function readBoardRecords(records: ReadonlyMap<string, unknown>): BoardRecords {
  const pages: PageRecord[] = []
  const shapes = new Map<string, ShapeRecord>()
  for (const [key, value] of records) {
    if (isObject(value) && value.typeName === 'page' && value.id === key && typeof value.index === 'string') {
      pages.push({ id: key, index: value.index })
      continue
    }
    const shape = readShape(key, value)
    if (shape) shapes.set(key, shape)
  }
  pages.sort(byIndex)
  const children = new Map<string, ShapeRecord[]>()
  for (const shape of shapes.values()) {
    const siblings = children.get(shape.parentId)
    if (siblings) siblings.push(shape)
    else children.set(shape.parentId, [shape])
  }
  for (const siblings of children.values()) siblings.sort(byIndex)
  return { pages, shapes, children }
}

/** A meta value as a non-empty string. */
export function metaText(shape: ShapeRecord, key: string): string | undefined {
  const value = shape.meta[key]
  return typeof value === 'string' && value.length > 0 ? value : undefined
}

/** A numeric prop, or `fallback` when it is missing or not a finite number. */
export function numberProp(shape: ShapeRecord, key: string, fallback: number): number {
  const value = shape.props[key]
  return finite(value) ? value : fallback
}

/** Template scaffold: laid out by the template engine (its `meta.template` names the template). */
export const isScaffold = (shape: ShapeRecord) => typeof shape.meta.template === 'string'
