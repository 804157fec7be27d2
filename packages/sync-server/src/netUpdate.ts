import * as encoding from 'lib0/encoding'
import * as Y from 'yjs'
import { writeDeleteRanges } from '@cg/update-chunks/deletions'

/** Yjs' set of deleted runs per client (a transaction's, or a merge of several). */
export type DeleteSet = Y.Transaction['deleteSet']

/** The clock `doc` has reached for each of `clients` (0 for one it has never seen). */
export function clocksOf(doc: Y.Doc, clients: Iterable<number>): Map<number, number> {
  return new Map([...clients].map((client) => [client, Y.getState(doc.store, client)]))
}

/**
 * What a few transactions changed, as one update: the structs the clients of `before` added since (content
 * deleted meanwhile already collected as garbage), and only the deletions those transactions made. `before`
 * names every client the transactions may have added to, with its clock before them.
 * `Y.encodeStateAsUpdate(doc, before)` would carry the doc's whole delete set instead: on a board with a long
 * history, a few hundred bytes of change sent to every peer as a megabyte.
 */
export function updateSince(
  doc: Y.Doc,
  before: ReadonlyMap<number, number>,
  deletions: readonly DeleteSet[],
): Uint8Array {
  const encoder = new Y.UpdateEncoderV1()
  const changed = [...before]
    .map(([client, from]) => ({ client, structs: doc.store.clients.get(client) ?? [], from }))
    .filter(({ structs, from }) => {
      const last = structs[structs.length - 1]
      return last !== undefined && last.id.clock + last.length > from
    })
    // Yjs writes clients from the highest id down; so does this.
    .sort((a, b) => b.client - a.client)
  encoding.writeVarUint(encoder.restEncoder, changed.length)
  for (const { client, structs, from } of changed) {
    const clock = Math.max(from, structs[0]!.id.clock)
    const first = Y.findIndexSS(structs, clock)
    encoding.writeVarUint(encoder.restEncoder, structs.length - first)
    encoder.writeClient(client)
    encoding.writeVarUint(encoder.restEncoder, clock)
    structs[first]!.write(encoder, clock - structs[first]!.id.clock)
    for (let i = first + 1; i < structs.length; i++) structs[i]!.write(encoder, 0)
  }
  const merged = Y.mergeDeleteSets([...deletions])
  writeDeleteRanges(
    encoder.restEncoder,
    [...merged.clients].flatMap(([client, runs]) => runs.map(({ clock, len }) => ({ client, clock, len }))),
  )
  return encoder.toUint8Array()
}
