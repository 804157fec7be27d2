/** A rectangle of a board, in page coordinates, with a colour name: enough to sketch it small. */
export interface SketchBox {
  id: string
  x: number
  y: number
  w: number
  h: number
  kind: string
  color: string
}

interface ShapeRecord {
  id: string
  typeName: string
  type: string
  parentId: string
  x: number
  y: number
  props: Record<string, unknown>
}

const isShape = (value: unknown): value is ShapeRecord => {
  const record = value as ShapeRecord | null
  return record?.typeName === 'shape' && typeof record.x === 'number' && typeof record.y === 'number'
}

function sizeOf(shape: ShapeRecord): { w: number; h: number } {
  const props = shape.props
  const num = (value: unknown, fallback: number) => (typeof value === 'number' && value > 0 ? value : fallback)
  if (shape.type === 'note') {
    const side = 200 * num(props.scale, 1)
    return { w: side, h: side + num(props.growY, 0) }
  }
  return { w: num(props.w, 100), h: num(props.h, 40) + num(props.growY, 0) }
}

/**
 * The shapes of a board's first page as boxes in page coordinates (children offset by their parents;
 * rotation ignored), read straight from the stored records: thumbnails need no editor.
 */
export function sketchBoard(records: ReadonlyMap<string, unknown>): SketchBox[] {
  const shapes = new Map<string, ShapeRecord>()
  const pages: { id: string; index: string }[] = []
  for (const [id, value] of records) {
    if (isShape(value)) shapes.set(id, value)
    const page = value as { typeName?: string; index?: string } | null
    if (page?.typeName === 'page') pages.push({ id, index: String(page.index ?? '') })
  }
  const firstPage = pages.sort((a, b) => (a.index < b.index ? -1 : a.index > b.index ? 1 : 0))[0]?.id
  const boxes: SketchBox[] = []
  for (const shape of shapes.values()) {
    let x = shape.x
    let y = shape.y
    let parent = shape.parentId
    for (let depth = 0; shapes.has(parent) && depth < 50; depth++) {
      const container = shapes.get(parent)!
      x += container.x
      y += container.y
      parent = container.parentId
    }
    if (parent !== firstPage) continue
    boxes.push({ id: shape.id, x, y, ...sizeOf(shape), kind: shape.type, color: String(shape.props.color ?? 'grey') })
  }
  return boxes
}

export function boundsOf(boxes: readonly SketchBox[]): { x: number; y: number; w: number; h: number } | null {
  if (boxes.length === 0) return null
  const minX = Math.min(...boxes.map((box) => box.x))
  const minY = Math.min(...boxes.map((box) => box.y))
  const maxX = Math.max(...boxes.map((box) => box.x + box.w))
  const maxY = Math.max(...boxes.map((box) => box.y + box.h))
  return { x: minX, y: minY, w: maxX - minX, h: maxY - minY }
}
