interface Rect {
  x: number
  y: number
  w: number
  h: number
}

/** Grid cells this size (board units) bucket the boxes, so only neighbours are compared. */
const CELL = 1_000

/**
 * Groups boxes that lie within `gap` of one another, directly or through a chain of neighbours (notes outside
 * frames, as the annex pictures them: one picture per cluster, not one huge picture of specks). Index lists, in
 * input order inside each group. Near-linear: boxes are bucketed in a grid and only those sharing a bucket are
 * compared, so thousands of loose notes do not stall the print page.
 */
export function clusterBoxes(boxes: readonly Rect[], gap: number): number[][] {
  const parent = boxes.map((_, index) => index)
  const root = (index: number): number => {
    while (parent[index] !== index) index = parent[index] = parent[parent[index]!]!
    return index
  }
  const grown = boxes.map((box) => ({
    minX: box.x - gap / 2,
    minY: box.y - gap / 2,
    maxX: box.x + box.w + gap / 2,
    maxY: box.y + box.h + gap / 2,
  }))
  const buckets = new Map<string, number[]>()
  grown.forEach((box, index) => {
    for (let cx = Math.floor(box.minX / CELL); cx <= Math.floor(box.maxX / CELL); cx++) {
      for (let cy = Math.floor(box.minY / CELL); cy <= Math.floor(box.maxY / CELL); cy++) {
        const key = `${cx},${cy}`
        const bucket = buckets.get(key) ?? []
        for (const other of bucket) {
          const b = grown[other]!
          if (box.minX <= b.maxX && b.minX <= box.maxX && box.minY <= b.maxY && b.minY <= box.maxY) {
            parent[root(index)] = root(other)
          }
        }
        bucket.push(index)
        buckets.set(key, bucket)
      }
    }
  })
  const groups = new Map<number, number[]>()
  boxes.forEach((_, index) => {
    const group = groups.get(root(index)) ?? []
    group.push(index)
    groups.set(root(index), group)
  })
  return [...groups.values()]
}
