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
}

/**
 * The live entries of the records list, by key: kept in step with every transaction at the cost of what it
 * changed, so a review never walks a 4,000-record list. A key normally has one entry (YKeyValue cleans up
 * duplicates); when concurrent writes leave several, the rightmost is the value, as YKeyValue reads it.
 */
export class RecordIndex {
  private readonly live = new Map<string, Map<string, unknown>>()
  private readonly list: SharedType

  constructor(list: SharedType) {
    this.list = list
    for (let item = list._start as Y.Item | null; item !== null; item = item.right) {
      if (item.deleted || !item.countable) continue
      for (const value of valuesOf(item)) {
        const entry = asEntry(value)
        if (entry) this.entriesOf(entry.key).set(entry.id, entry.val)
      }
    }
  }

  /** How many records the board holds now. */
  get size(): number {
    return this.live.size
  }

  /** Applies a transaction's items to the index and says what each touched key was before and is after. */
  apply({ added, deleted }: TransactionItems): RecordsChange {
    const change: RecordsChange = { keys: new Map(), malformed: [], mapItems: [] }
    const addedEntries: Entry[] = []
    const deletedEntries: Entry[] = []
    for (const item of added) {
      if (item.parentSub !== null) {
        change.mapItems.push(item)
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
    for (const entry of deletedEntries) this.live.get(entry.key)?.delete(entry.id)
    for (const entry of addedEntries) {
      this.entriesOf(entry.key).set(entry.id, entry.val)
      change.keys.get(entry.key)!.added.push(entry)
    }
    for (const key of touched) {
      change.keys.get(key)!.after = this.valueOf(key)
      if (this.live.get(key)?.size === 0) this.live.delete(key)
    }
    return change
  }

  /** The current value of `key`: its only live entry, or the rightmost of several. */
  private valueOf(key: string): unknown {
    const entries = this.live.get(key)
    if (!entries || entries.size === 0) return undefined
    if (entries.size === 1) return entries.values().next().value
    let last: string | undefined
    for (let item = this.list._start as Y.Item | null; item !== null; item = item.right) {
      const { client, clock } = item.id
      for (let offset = 0; offset < item.length; offset++) {
        const id = `${client}:${clock + offset}`
        if (entries.has(id)) last = id
      }
    }
    return last === undefined ? undefined : entries.get(last)
  }

  private entriesOf(key: string): Map<string, unknown> {
    let entries = this.live.get(key)
    if (!entries) {
      entries = new Map()
      this.live.set(key, entries)
    }
    return entries
  }
}
