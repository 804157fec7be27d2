import * as Y from 'yjs'

/*
 * What applying an update would cost, found from the update and the doc before anything is applied: Yjs itself
 * does work that grows faster than an update's bytes for shapes no browser writes. Each limit below is far beyond
 * what an honest update holds and far below what made the server stall (measured by the update-cost fuzzer):
 * - types nested thousands deep overflow Yjs' recursive delete, which then leaves the doc unusable;
 * - items jostling for one place (many with one origin, or an origin and a right origin far apart in the list)
 *   make each integration scan all the others: 300 one-character items at the head of a long text, 7.7 s;
 * - deletions or origins inside one long item of values split it, each split copying the rest: 54,000 values
 *   split 27,000 times, 22.6 s;
 * - every root type's name is found by scanning all of them, and every transaction costs a step per client.
 */

export const UPDATE_LIMITS = {
  /**
   * Structs in one update: each costs Yjs and the rules some 30 µs, so this bounds one update's stall to about a
   * seventh of a second. The web app sends a backlog in pieces of at most 4,000 (see @cg/update-chunks).
   */
  maxStructs: 5_000,
  /**
   * Deleted ranges in one update. A browser's sync answer carries its doc's whole delete set (each reconnection),
   * which on a long-lived board runs to tens of thousands of ranges; each costs a look-up, not a change.
   */
  maxRanges: 100_000,
  /** Clients one update brings that the doc has never seen (a browser brings one per session it writes from). */
  maxNewClients: 64,
  /** Types inside types (a board has none; a rich text a handful). */
  maxDepth: 32,
  /** Items of one update placed right after the same item (or at the start of one type). */
  maxSiblings: 64,
  /** Items of the doc Yjs may walk to place an update's items (between each item's origin and right origin). */
  maxScanSteps: 50_000,
  /**
   * Values copied when items are split at a deletion or an origin that falls inside them (deleting 700 notes,
   * scattered, from a paste of four thousand: under three million; a few hundredths of a second).
   */
  maxSplitCost: 3_000_000,
  /**
   * Cuts inside items, of any content: each makes a new struct in the client's sorted array of structs, and
   * collecting the deleted pieces afterwards merges them back, both shifting the array (9,846 cuts of one text:
   * a quarter of a second). Deleting 700 scattered notes of one paste makes 1,400.
   */
  maxCuts: 4_000,
  /** Root types a doc may hold (a board has its records, its meta and one text per co-draft block)... */
  maxRoots: 500,
  /** ...and one update may add (a template with a few co-draft blocks, a paste of a few dozen). */
  maxNewRoots: 64,
} as const

export type UpdateLimits = typeof UPDATE_LIMITS

export type UpdateCost = { ok: true; work: number } | { ok: false; why: string }

type Struct = Y.Item | Y.GC | Y.Skip
type DecodedUpdate = ReturnType<typeof Y.decodeUpdate>

const idKey = (id: Y.ID) => `${id.client}:${id.clock}`

/** The struct of `structs` (one client's, contiguous, in clock order) holding `clock`, if any. */
function structAt<T extends Y.Item | Y.GC | Y.Skip>(structs: T[] | undefined, clock: number): T | null {
  const last = structs?.[structs.length - 1]
  if (!structs || !last || clock < structs[0]!.id.clock || clock >= last.id.clock + last.length) return null
  return structs[Y.findIndexSS(structs as (Y.Item | Y.GC)[], clock)]!
}

/**
 * Checks `update` against `limits` before it is applied to `doc`. `work` is what it will cost, in structs and
 * steps, for the sender's budget; `why` names the limit a refused one passed (for the log).
 */
export function updateCost(doc: Y.Doc, decoded: DecodedUpdate, limits: UpdateLimits = UPDATE_LIMITS): UpdateCost {
  const { store } = doc
  const structs = decoded.structs as Struct[]
  let ranges = 0
  for (const runs of decoded.ds.clients.values()) ranges += runs.length
  if (structs.length > limits.maxStructs) return { ok: false, why: 'structs' }
  if (ranges > limits.maxRanges) return { ok: false, why: 'ranges' }

  const byClient = new Map<number, Struct[]>()
  for (const struct of structs) {
    const list = byClient.get(struct.id.client)
    if (list) list.push(struct)
    else byClient.set(struct.id.client, [struct])
  }
  let newClients = 0
  for (const client of byClient.keys()) if (!store.clients.has(client)) newClients++
  if (newClients > limits.maxNewClients) return { ok: false, why: 'clients' }

  /** The item an id names: in the doc, or in this update (then `inUpdate`), or nowhere. */
  const find = (id: Y.ID): { item: Y.Item | null; inUpdate: boolean } => {
    if (id.clock < Y.getState(store, id.client)) {
      const found = structAt(store.clients.get(id.client), id.clock)
      return { item: found instanceof Y.Item ? found : null, inUpdate: false }
    }
    const found = structAt(byClient.get(id.client), id.clock)
    return { item: found instanceof Y.Item ? found : null, inUpdate: found !== null }
  }

  const items = structs.filter((struct): struct is Y.Item => struct instanceof Y.Item)
  const roots = new Set<string>()
  for (const item of items) if (typeof item.parent === 'string' && !doc.share.has(item.parent)) roots.add(item.parent)
  if (roots.size > limits.maxNewRoots || (roots.size > 0 && doc.share.size + roots.size > limits.maxRoots)) {
    return { ok: false, why: 'roots' }
  }

  if (exceedsDepth(items, find, limits.maxDepth)) return { ok: false, why: 'depth' }

  const siblings = new Map<string, number>()
  for (const item of items) {
    const place = item.origin ? idKey(item.origin) : `start:${String(item.parent)}:${item.parentSub ?? ''}`
    const count = (siblings.get(place) ?? 0) + 1
    if (count > limits.maxSiblings) return { ok: false, why: 'siblings' }
    siblings.set(place, count)
  }

  const scan = scanSteps(doc, items, find, limits.maxScanSteps)
  if (scan === null) return { ok: false, why: 'scan' }

  const split = splitCost(decoded, find, items)
  if (split.cuts > limits.maxCuts) return { ok: false, why: 'cuts' }
  if (split.copies > limits.maxSplitCost) return { ok: false, why: 'splits' }

  // A range already deleted here is a look-up: a tenth of a struct's work.
  return { ok: true, work: structs.length + Math.ceil(ranges / 10) + scan + split.cuts + Math.ceil(split.copies / 100) }
}

/** Whether a type of `items` would sit more than `maxDepth` types deep. */
function exceedsDepth(
  items: readonly Y.Item[],
  find: (id: Y.ID) => { item: Y.Item | null; inUpdate: boolean },
  maxDepth: number,
): boolean {
  const depths = new Map<Y.Item, number>()
  /** How many types hold `item` (0 for an item of a root type). */
  const depthOf = (item: Y.Item, seen: number): number => {
    const known = depths.get(item)
    if (known !== undefined) return known
    if (seen > maxDepth) return seen
    let depth = 0
    const parent = item.parent as unknown
    if (parent instanceof Y.ID) {
      const { item: holder, inUpdate } = find(parent)
      if (holder && inUpdate) depth = depthOf(holder, seen + 1) + 1
      else if (holder) {
        // In the doc: count the types above it.
        depth = 1
        const typeOf = (of: Y.Item) => of.parent as Y.AbstractType<unknown>
        for (let above = typeOf(holder)._item; above; above = typeOf(above)._item) if (++depth > maxDepth) break
      }
    } else if (parent === null && item.origin) {
      // An item with an origin inherits its parent from it.
      const { item: origin, inUpdate } = find(item.origin)
      if (origin && inUpdate) depth = depthOf(origin, seen + 1)
    }
    depths.set(item, depth)
    return depth
  }
  for (const item of items) {
    if (item.content instanceof Y.ContentType && depthOf(item, 0) + 1 > maxDepth) return true
  }
  return false
}

/**
 * The items of the doc Yjs will walk to place `items` (from each one's origin to its right origin), or null past
 * `budget`. Items placed relative to others of the same update are bounded by the sibling count instead.
 */
function scanSteps(
  doc: Y.Doc,
  items: readonly Y.Item[],
  find: (id: Y.ID) => { item: Y.Item | null; inUpdate: boolean },
  budget: number,
): number | null {
  let steps = 0
  for (const item of items) {
    const origin = item.origin ? find(item.origin) : null
    const right = item.rightOrigin ? find(item.rightOrigin) : null
    if (origin?.inUpdate || right?.inUpdate) continue
    if (item.origin && !origin?.item) continue // missing: refused as such
    const end = right?.item ?? null
    let at: Y.Item | null
    if (origin?.item) at = origin.item.right
    else {
      // At the start of its type: a list's first item, or a map key's first value.
      const parent = typeof item.parent === 'string' ? (doc.share.get(item.parent) ?? null) : parentTypeOf(item, find)
      if (!parent) continue
      if (item.parentSub === null) at = parent._start
      else {
        at = parent._map.get(item.parentSub) ?? null
        while (at?.left) {
          at = at.left
          if (++steps > budget) return null
        }
      }
    }
    for (; at !== null && at !== end; at = at.right) if (++steps > budget) return null
  }
  return steps
}

function parentTypeOf(
  item: Y.Item,
  find: (id: Y.ID) => { item: Y.Item | null; inUpdate: boolean },
): Y.AbstractType<unknown> | null {
  const parent = item.parent as unknown
  if (!(parent instanceof Y.ID)) return null
  const holder = find(parent).item
  return holder?.content instanceof Y.ContentType ? (holder.content.type as Y.AbstractType<unknown>) : null
}

/**
 * Values Yjs copies when it splits items: where a deletion starts or ends inside an item, and where an item's
 * origin or right origin falls inside one, the item is cut there. Cutting an item of values (ContentAny,
 * ContentJSON) copies the values after the cut; a string is sliced without copying, and other contents are one
 * value long. Counted as cuts times the item's length, an upper bound.
 */
function splitCost(
  decoded: DecodedUpdate,
  find: (id: Y.ID) => { item: Y.Item | null; inUpdate: boolean },
  items: readonly Y.Item[],
): { cuts: number; copies: number } {
  let cuts = 0
  let copies = 0
  /** A cut just before `clock` of `client`'s item there, if it falls inside one. */
  const cutBefore = (client: number, clock: number) => {
    const { item } = find(Y.createID(client, clock))
    if (!item || clock <= item.id.clock) return
    cuts++
    const values = item.content instanceof Y.ContentAny || item.content instanceof Y.ContentJSON
    copies += values ? item.length : 1
  }
  for (const [client, runs] of decoded.ds.clients) {
    for (const { clock, len } of runs) {
      cutBefore(client, clock)
      cutBefore(client, clock + len)
    }
  }
  for (const item of items) {
    if (item.origin) cutBefore(item.origin.client, item.origin.clock + 1)
    if (item.rightOrigin) cutBefore(item.rightOrigin.client, item.rightOrigin.clock)
  }
  return { cuts, copies }
}
