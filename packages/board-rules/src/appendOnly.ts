import * as Y from 'yjs'

type DecodedUpdate = ReturnType<typeof Y.decodeUpdate>

/**
 * Whether `update` places an item between two others (it has a right origin) in one of the root types `roots`
 * of `doc`. Every writer of the board's records list appends (YKeyValue pushes) and every writer of its meta map
 * sets a key after its last value, so no honest item there has a right origin. A crafted one whose right origin
 * lies left of its origin lands in a different place on each replica, and so does everything appended after it:
 * a fresh browser then reads another entry as a record's value than the server checked. Such an update must be
 * refused before it is applied, since even undone its tombstone would keep its place.
 */
export function placesBetween(doc: Y.Doc, update: DecodedUpdate, roots: ReadonlySet<string>): boolean {
  // Each client's structs, in clock order (as the update lists them).
  const inUpdate = new Map<number, (Y.Item | Y.GC | Y.Skip)[]>()
  for (const struct of update.structs) {
    const list = inUpdate.get(struct.id.client)
    if (list) list.push(struct)
    else inUpdate.set(struct.id.client, [struct])
  }
  const names = new Map<Y.AbstractType<unknown>, string>()
  const found = new Map<Y.Item, string | null>()
  const rootOf = (item: Y.Item, hops = 0): string | null => {
    if (!found.has(item)) found.set(item, findRoot(item, hops))
    return found.get(item)!
  }
  /** The root type an item sits in directly, if it sits in one: by name, or through its origins. */
  const findRoot = (item: Y.Item, hops: number): string | null => {
    if (typeof item.parent === 'string') return item.parent
    if (item.parent !== null || hops > 64) return null
    for (const id of [item.origin, item.rightOrigin]) {
      if (!id) continue
      const known = id.clock < Y.getState(doc.store, id.client) ? Y.getItem(doc.store, id) : null
      if (known instanceof Y.Item) {
        const type = known.parent as Y.AbstractType<unknown>
        if (type._item !== null) return null
        if (!names.has(type)) names.set(type, Y.findRootTypeKey(type))
        return names.get(type)!
      }
      const local = findInUpdate(inUpdate, id)
      if (local) return rootOf(local, hops + 1)
    }
    return null
  }
  for (const struct of update.structs) {
    if (struct instanceof Y.Item && struct.rightOrigin !== null) {
      const root = rootOf(struct)
      if (root !== null && roots.has(root)) return true
    }
  }
  return false
}

/** The item of the update that holds `id` (an item may hold several clocks; a client's structs are contiguous). */
function findInUpdate(structs: ReadonlyMap<number, (Y.Item | Y.GC | Y.Skip)[]>, id: Y.ID): Y.Item | undefined {
  const list = structs.get(id.client)
  const last = list?.[list.length - 1]
  if (!list || !last || id.clock < list[0]!.id.clock || id.clock >= last.id.clock + last.length) return undefined
  const struct = list[Y.findIndexSS(list as (Y.Item | Y.GC)[], id.clock)]
  return struct instanceof Y.Item ? struct : undefined
}
