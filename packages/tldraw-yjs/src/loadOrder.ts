/** A rectangle in page coordinates. */
export interface PageArea {
  x: number
  y: number
  w: number
  h: number
}

interface ShapeLike {
  parentId?: unknown
  x?: unknown
  y?: unknown
  props?: { w?: unknown; h?: unknown }
}

/** A note has no w/h props: tldraw draws it 200 wide (taller when its text grows). */
const DEFAULT_SIZE = 200
const num = (value: unknown, fallback: number) =>
  typeof value === 'number' && Number.isFinite(value) ? value : fallback

/**
 * The order in which a board's records are first put into a store, in steps of at most `stepSize` shapes: first
 * every record that is not a shape or a binding (document, pages, assets) with the shapes `view` shows, then the
 * other shapes nearest to `view` first; each shape after the shape it sits in (a frame before its notes), and
 * bindings last, once every shape they join is in. Positions are read roughly (offsets added along parents, rotation ignored): they only decide
 * what comes first. Records are not checked here; the binding checks each as it puts it.
 */
export function loadStepsNearestFirst(
  records: ReadonlyMap<string, unknown>,
  view: PageArea,
  stepSize: number,
): string[][] {
  const others: string[] = []
  const bindings: string[] = []
  const shapes = new Map<string, ShapeLike>()
  for (const [key, value] of records) {
    if (key.startsWith('shape:') && typeof value === 'object' && value !== null) shapes.set(key, value as ShapeLike)
    else if (key.startsWith('binding:')) bindings.push(key)
    else others.push(key)
  }

  const parentOf = (id: string) => {
    const parent = shapes.get(id)?.parentId
    return typeof parent === 'string' && shapes.has(parent) ? parent : null
  }
  const placed = new Map<string, { x: number; y: number }>()
  const pagePosition = (id: string, depth = 0): { x: number; y: number } => {
    const known = placed.get(id)
    if (known) return known
    const shape = shapes.get(id)!
    const parent = parentOf(id)
    // A parent chain that loops (a corrupt board) is cut: the record checks will refuse it anyway.
    const base = parent && depth < 64 ? pagePosition(parent, depth + 1) : { x: 0, y: 0 }
    const position = { x: base.x + num(shape.x, 0), y: base.y + num(shape.y, 0) }
    placed.set(id, position)
    return position
  }
  const distance = (id: string) => {
    const { x, y } = pagePosition(id)
    const props = shapes.get(id)!.props
    const w = num(props?.w, DEFAULT_SIZE)
    const h = num(props?.h, DEFAULT_SIZE)
    const dx = Math.max(0, view.x - (x + w), x - (view.x + view.w))
    const dy = Math.max(0, view.y - (y + h), y - (view.y + view.h))
    return Math.hypot(dx, dy)
  }

  // Nearest first; at the same distance (everything the view shows is at 0), top to bottom, then left to right.
  const byDistance = [...shapes.keys()]
    .map((id) => ({ id, distance: distance(id), ...pagePosition(id) }))
    .sort((a, b) => a.distance - b.distance || a.y - b.y || a.x - b.x)
  const ordered: string[] = []
  const emitted = new Set<string>()
  const emit = (id: string, depth = 0) => {
    if (emitted.has(id)) return
    emitted.add(id)
    const parent = parentOf(id)
    if (parent && depth < 64) emit(parent, depth + 1)
    ordered.push(id)
  }
  // The first step holds what the view shows (and what that sits in), so it is drawn as soon as possible.
  let inView = 0
  for (const { id, distance } of byDistance) {
    emit(id)
    if (distance === 0) inView = ordered.length
  }
  const firstStep = Math.min(inView, stepSize)
  const steps: string[][] = [ordered.slice(0, firstStep)]
  for (let i = firstStep; i < ordered.length; i += stepSize) steps.push(ordered.slice(i, i + stepSize))
  steps[0]!.unshift(...others)
  steps[steps.length - 1]!.push(...bindings)
  return steps
}
