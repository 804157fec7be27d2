import * as Y from 'yjs'
import { valuesOf, type ListValue, type SharedType, type TransactionItems } from './typeChanges.ts'

/** A well-formed records entry (`{ key, val }`, see @cg/tldraw-yjs docLayout). */
export interface Entry extends ListValue {
  key: string
  val: unknown
}

export function asEntry(value: ListValue): Entry | null {
  const entry = value.value as { key?: unknown; val?: unknown } | null
  if (typeof entry !== 'object' || entry === null || typeof entry.key !== 'string' || !('val' in entry)) return null
  return { ...value, key: entry.key, val: entry.val }
}

/** One key as one transaction left it: its value before and after (undefined: absent), the entries it added. */
export interface KeyChange {
  key: string
  before: unknown
  after: unknown
  added: Entry[]
}

export interface RecordsChange {
  keys: Map<string, KeyChange>
  /** List values that are not `{ key, val }` entries (never valid). */
  malformed: ListValue[]
  /** Map-style items (`parentSub`) written into the list (never valid). */
  mapItems: Y.Item[]
  /**
   * Items placed with a right origin: every writer of this list appends (YKeyValue pushes), so an item placed
   * between two others was crafted, and an item whose right origin lies left of its origin lands in a different
   * place on each replica. Left out of the index; the review undoes them.
   */
  misplaced: Y.Item[]
  /**
   * Entries added beside another live entry of their key so far away in the list that telling which is the
   * rightmost would cost more than the walk allowed (see `apply`). Left out of the index: the review undoes them.
   */
  unordered: Entry[]
}

/**
 * How far, in items, finding which of a key's live entries is rightmost may walk for a peer's transaction. Two
 * people writing one record at once leave two entries side by side at the end of the list; one that a client
 * placed far from the other is not how any honest client writes.
 */
export const ORDER_WALK_STEPS = 200_000

/**
 * The live entries of the records list, by key, each key's entries in list order: kept in step with every
 * transaction at the cost of what it changed, so a review never walks a 4,000-record list. A key normally has
 * one entry (YKeyValue cleans up duplicates); when concurrent writes leave several, the rightmost is the value,
 * as YKeyValue reads it. Where a new entry goes among its key's others is found once, when it is added, by
 * walking the list from those entries towards each other (items never move, so the order found holds for ever).
 */
export class RecordIndex {
  private readonly live = new Map<string, Entry[]>()
  private readonly store: Y.Doc['store']

  constructor(list: SharedType) {
    this.store = list.doc!.store
    // Walked once, in list order: each key's entries come out already ordered.
    for (let item = list._start as Y.Item | null; item !== null; item = item.right) {
      if (item.deleted || !item.countable) continue
      for (const value of valuesOf(item)) {
        const entry = asEntry(value)
        if (entry) this.entriesOf(entry.key).push(entry)
      }
    }
  }

  /** How many records the board holds now. */
  get size(): number {
    return this.live.size
  }

  /**
   * Applies a transaction's items to the index and says what each touched key was before and is after. Placing
   * an entry beside its key's others walks at most `walkSteps` items in all; an entry that would need more is
   * reported as `unordered` and left out.
   */
  apply({ added, deleted }: TransactionItems, walkSteps = Infinity): RecordsChange {
    const change: RecordsChange = { keys: new Map(), malformed: [], mapItems: [], misplaced: [], unordered: [] }
    const addedEntries: Entry[] = []
    const deletedEntries: Entry[] = []
    for (const item of added) {
      if (item.parentSub !== null) {
        change.mapItems.push(item)
        continue
      }
      if (item.rightOrigin !== null) {
        change.misplaced.push(item)
        continue
      }
      for (const value of valuesOf(item)) {
        const entry = asEntry(value)
        if (entry) addedEntries.push(entry)
        else change.malformed.push(value)
      }
    }
    for (const item of deleted) {
      if (item.parentSub !== null) continue
      for (const value of valuesOf(item)) {
        const entry = asEntry(value)
        if (entry) deletedEntries.push(entry)
      }
    }
    const touched = new Set([...addedEntries, ...deletedEntries].map((entry) => entry.key))
    for (const key of touched) change.keys.set(key, { key, before: this.valueOf(key), after: undefined, added: [] })
    for (const entry of deletedEntries) {
      const entries = this.live.get(entry.key)
      const at = entries?.findIndex((live) => live.id === entry.id) ?? -1
      if (at >= 0) entries!.splice(at, 1)
    }
    const budget = { steps: walkSteps }
    for (const entry of addedEntries) {
      if (this.place(entry, budget)) change.keys.get(entry.key)!.added.push(entry)
      else change.unordered.push(entry)
    }
    for (const key of touched) {
      change.keys.get(key)!.after = this.valueOf(key)
      if (this.live.get(key)?.length === 0) this.live.delete(key)
    }
    return change
  }

  /** The current value of `key`: its rightmost live entry's. */
  private valueOf(key: string): unknown {
    return this.live.get(key)?.at(-1)?.val
  }

  /** Puts a new entry in its place among its key's entries; false when finding it costs more than `budget`. */
  private place(entry: Entry, budget: { steps: number }): boolean {
    const entries = this.entriesOf(entry.key)
    // Usually the newest entry is the rightmost: one comparison.
    for (let at = entries.length; at > 0; at--) {
      const order = this.compare(entries[at - 1]!, entry, budget)
      if (order === undefined) return false
      if (order < 0) {
        entries.splice(at, 0, entry)
        return true
      }
    }
    entries.unshift(entry)
    return true
  }

  /**
   * -1 when `a` is left of `b` in the list, 1 when right of it; undefined when telling costs more than `budget`.
   * Both are walked rightwards in step: the walk from the left one meets the other, the one from the right one
   * meets the end of the list; whichever comes first decides, so the cost is the shorter of the two distances.
   */
  private compare(a: ListValue, b: ListValue, budget: { steps: number }): -1 | 1 | undefined {
    const itemA = Y.getItem(this.store, Y.createID(a.client, a.clock)) as Y.Item
    const itemB = Y.getItem(this.store, Y.createID(b.client, b.clock)) as Y.Item
    if (itemA === itemB) return a.clock < b.clock ? -1 : 1
    let fromA: Y.Item | null = itemA
    let fromB: Y.Item | null = itemB
    while (budget.steps > 0) {
      budget.steps--
      fromA = fromA.right
      if (fromA === itemB) return -1
      if (fromA === null) return 1
      fromB = fromB.right
      if (fromB === itemA) return 1
      if (fromB === null) return -1
    }
    return undefined
  }

  private entriesOf(key: string): Entry[] {
    let entries = this.live.get(key)
    if (!entries) {
      entries = []
      this.live.set(key, entries)
    }
    return entries
  }
}
