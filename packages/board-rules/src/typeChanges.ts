import * as Y from 'yjs'
import type { ClockRange } from '@cg/sync-server'

/*
 * What one transaction did to a shared type, read from Yjs' struct store while the transaction is being cleaned
 * up (the doc's `afterTransaction`), when the content it deleted is still readable. It costs what the transaction
 * changed, not the size of the type: the inserted structs are the newest of each client, and the deleted ones are
 * found by their clock. Yjs exposes its structs (`doc.store`, items' `parent`, `content`) as part of its API;
 * these functions only read them.
 */

/** Any shared type: Yjs' own typings need `any` here to accept a Y.Map, a Y.Array and a root of unknown kind. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type SharedType = Y.AbstractType<any>

/** One value in a list, named by its own clock (an item can hold several values). */
export interface ListValue {
  id: string
  client: number
  clock: number
  value: unknown
}

export function valuesOf(item: Y.Item): ListValue[] {
  const { client, clock } = item.id
  return item.content
    .getContent()
    .map((value, offset) => ({ id: `${client}:${clock + offset}`, client, clock: clock + offset, value }))
}

/** The range that deletes one value, whatever else its item holds. */
export function rangeOf(value: ListValue): ClockRange {
  return { client: value.client, clock: value.clock, len: 1 }
}

/** The range that deletes a whole item. */
export function itemRange(item: Y.Item): ClockRange {
  return { client: item.id.client, clock: item.id.clock, len: item.length }
}

/** The index of the struct that holds `clock` in one client's clock-ordered structs (binary search). */
function structIndex(structs: readonly (Y.Item | Y.GC)[], clock: number): number {
  let low = 0
  let high = structs.length - 1
  while (low <= high) {
    const middle = (low + high) >> 1
    const struct = structs[middle]!
    if (clock < struct.id.clock) high = middle - 1
    else if (clock >= struct.id.clock + struct.length) low = middle + 1
    else return middle
  }
  return low
}

export interface TransactionItems {
  /** Items of the type the transaction inserted and left in place, in clock order per client. */
  added: Y.Item[]
  /** Items of the type that existed before the transaction and were deleted by it. */
  deleted: Y.Item[]
}

/** The items of `type` the transaction inserted and deleted. */
export function transactionItems(transaction: Y.Transaction, type: SharedType): TransactionItems {
  const { store } = transaction.doc
  const added: Y.Item[] = []
  const deleted: Y.Item[] = []
  for (const [client, after] of transaction.afterState) {
    const before = transaction.beforeState.get(client) ?? 0
    if (after <= before) continue
    const structs = store.clients.get(client) ?? []
    const first = added.length
    for (let i = structs.length - 1; i >= 0; i--) {
      const struct = structs[i]!
      if (struct.id.clock + struct.length <= before) break
      if (struct instanceof Y.Item && struct.parent === type && !struct.deleted) added.push(struct)
    }
    added.splice(first, added.length - first, ...added.slice(first).reverse())
  }
  for (const [client, ranges] of transaction.deleteSet.clients) {
    const before = transaction.beforeState.get(client) ?? 0
    const structs = store.clients.get(client)
    if (!structs) continue
    for (const { clock, len } of ranges) {
      for (let i = structIndex(structs, clock); i < structs.length && structs[i]!.id.clock < clock + len; i++) {
        const struct = structs[i]!
        if (struct instanceof Y.Item && struct.parent === type && struct.id.clock < before) deleted.push(struct)
      }
    }
  }
  return { added, deleted }
}
