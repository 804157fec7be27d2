import * as Y from 'yjs'
import type { ClockRange } from '@cg/sync-server'

/*
 * What one transaction did to a root type, read from Yjs' items while the transaction is being cleaned up
 * (the doc's `afterTransaction`), when content it deleted is still readable. Internal to the rules: Yjs exposes
 * items (`_start`, `right`, `content`) as part of its API, and these functions only read them.
 */

/** Any shared type: Yjs' own typings need `any` here to accept a Y.Map, a Y.Array and a root of unknown kind. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type SharedType = Y.AbstractType<any>

/** One value in a list: the item holding it and its place in the item (an item can hold several values). */
export interface ListValue {
  item: Y.Item
  offset: number
  value: unknown
}

/** The range that deletes one value, whatever else its item holds. */
export function rangeOf(entry: ListValue): ClockRange {
  return { client: entry.item.id.client, clock: entry.item.id.clock + entry.offset, len: 1 }
}

/** The range that deletes a whole item. */
export function itemRange(item: Y.Item): ClockRange {
  return { client: item.id.client, clock: item.id.clock, len: item.length }
}

export interface ListChanges {
  /** Values the transaction inserted (and did not delete again). */
  added: ListValue[]
  /** Values the transaction deleted, with what they held. */
  deleted: ListValue[]
  /** Every value present after the transaction, in order (those added included). */
  after: ListValue[]
  /** Every value present before it, in order (those deleted included). */
  before: ListValue[]
  /** Map-style entries (`parentSub`) written into this list type: never valid in a list. */
  mapEntries: Y.Item[]
}

function valuesOf(item: Y.Item): ListValue[] {
  return item.content.getContent().map((value, offset) => ({ item, offset, value }))
}

/** The list changes of `type` in `transaction`, or null if it did not touch the type. */
export function listChanges(transaction: Y.Transaction, type: SharedType): ListChanges | null {
  const changed = transaction.changed.get(type)
  if (!changed) return null
  const event = new Y.YEvent(type, transaction)
  const changes: ListChanges = { added: [], deleted: [], after: [], before: [], mapEntries: [] }
  for (const key of changed) {
    if (key === null) continue
    const item = type._map.get(key)
    if (item && event.adds(item)) changes.mapEntries.push(item)
  }
  if (!changed.has(null)) return changes
  for (let item = type._start; item !== null; item = item.right) {
    if (!item.countable) continue
    const adds = event.adds(item)
    if (item.deleted) {
      if (event.deletes(item) && !adds) {
        const values = valuesOf(item)
        changes.deleted.push(...values)
        changes.before.push(...values)
      }
      continue
    }
    const values = valuesOf(item)
    changes.after.push(...values)
    if (adds) changes.added.push(...values)
    else changes.before.push(...values)
  }
  return changes
}

/**
 * The items the transaction inserted into `type`, list and map entries alike, without reading their values
 * (a long text has one value per character).
 */
export function addedItems(transaction: Y.Transaction, type: SharedType): Y.Item[] {
  const changed = transaction.changed.get(type)
  if (!changed) return []
  const event = new Y.YEvent(type, transaction)
  const added: Y.Item[] = []
  for (const key of changed) {
    const item = key === null ? null : type._map.get(key)
    if (item && event.adds(item)) added.push(item)
  }
  if (!changed.has(null)) return added
  for (let item = type._start; item !== null; item = item.right) {
    if (!item.deleted && event.adds(item)) added.push(item)
  }
  return added
}
