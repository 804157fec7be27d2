import * as Y from 'yjs'
import { deletionUpdate } from '@cg/update-chunks/deletions'

/** An update as `Y.decodeUpdate` reads it: decoded once, used by every check. */
export type DecodedUpdate = ReturnType<typeof Y.decodeUpdate>

const decodedOf = (update: Uint8Array | DecodedUpdate) =>
  update instanceof Uint8Array ? Y.decodeUpdate(update) : update

/** Per client, the clock ranges [from, to) an update brings (skipped runs included, as Yjs counts them). */
function rangesOf(update: DecodedUpdate): Map<number, { from: number; to: number }> {
  const ranges = new Map<number, { from: number; to: number }>()
  for (const struct of update.structs) {
    const { client, clock } = struct.id
    const range = ranges.get(client)
    if (range) {
      range.from = Math.min(range.from, clock)
      range.to = Math.max(range.to, clock + struct.length)
    } else ranges.set(client, { from: clock, to: clock + struct.length })
  }
  return ranges
}

/**
 * Whether applying `update` to `doc` would leave something pending: a change that refers to another the doc
 * does not have and the update does not bring, or a gap the update skips over. Yjs keeps such changes aside,
 * invisible, and sends them to every peer that joins, for ever; a stock client never makes one, so the room
 * refuses it.
 */
export function hasMissingDependencies(doc: Y.Doc, update: Uint8Array | DecodedUpdate): boolean {
  const decoded = decodedOf(update)
  const known = (client: number) => Y.getState(doc.store, client)
  const brought = rangesOf(decoded)
  const has = (client: number, clock: number) => {
    if (clock < known(client)) return true
    const range = brought.get(client)
    return range !== undefined && clock >= range.from && clock < range.to
  }
  // Each client's structs must continue where the doc's end (or overlap them), with no gap.
  for (const [client, range] of brought) if (range.from > known(client)) return true
  const { structs, ds } = decoded
  for (const struct of structs) {
    // A skipped run is a gap, unless the doc already holds it.
    if (struct instanceof Y.Skip) {
      if (struct.id.clock + struct.length > known(struct.id.client)) return true
      continue
    }
    if (!(struct instanceof Y.Item)) continue
    for (const id of [struct.origin, struct.rightOrigin]) if (id && !has(id.client, id.clock)) return true
    // A nested type's parent is the id of the item that holds it (a root type's is its name).
    const parent = struct.parent as unknown
    if (parent instanceof Y.ID && !has(parent.client, parent.clock)) return true
  }
  for (const [client, deletes] of ds.clients) {
    for (const { clock, len } of deletes) if (len > 0 && !has(client, clock + len - 1)) return true
  }
  return false
}

/**
 * How much content `update` would add to `doc`, counted as Yjs counts it: every value, character and deleted or
 * collected run the update claims beyond what the doc has. It costs the update's bytes to find, whatever it
 * claims: a run of ten million deleted values is 26 bytes on the wire.
 */
export function addedLength(doc: Y.Doc, update: Uint8Array | DecodedUpdate): number {
  let length = 0
  for (const [client, { from, to }] of rangesOf(decodedOf(update))) {
    length += Math.max(0, to - Math.max(from, Y.getState(doc.store, client)))
  }
  return length
}

/**
 * An update that deletes everything `update` inserted. Sent back to the sender of a refused update, it takes
 * the refused change out of the sender's own doc.
 */
export function deletionOf(update: Uint8Array | DecodedUpdate): Uint8Array {
  return deletionUpdate(
    [...rangesOf(decodedOf(update))].map(([client, { from, to }]) => ({ client, clock: from, len: to - from })),
  )
}

export { deletionUpdate }
export type { ClockRange } from '@cg/update-chunks/deletions'
