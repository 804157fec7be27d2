import * as encoding from 'lib0/encoding'

/** A run of `len` changes of one client, from `clock` on: the way Yjs names what to delete. */
export interface ClockRange {
  client: number
  clock: number
  len: number
}

/**
 * Writes deleted runs as a delete set of update format v1: per client (highest id first, as Yjs writes them) the
 * number of runs, then each run's clock and length in clock order. Empty runs are left out.
 */
export function writeDeleteRanges(encoder: encoding.Encoder, ranges: Iterable<ClockRange>): void {
  const byClient = new Map<number, ClockRange[]>()
  for (const range of ranges) {
    if (range.len <= 0) continue
    const runs = byClient.get(range.client)
    if (runs) runs.push(range)
    else byClient.set(range.client, [range])
  }
  encoding.writeVarUint(encoder, byClient.size)
  for (const [client, runs] of [...byClient].sort((a, b) => b[0] - a[0])) {
    encoding.writeVarUint(encoder, client)
    encoding.writeVarUint(encoder, runs.length)
    for (const { clock, len } of runs.sort((a, b) => a.clock - b.clock)) {
      encoding.writeVarUint(encoder, clock)
      encoding.writeVarUint(encoder, len)
    }
  }
}

/**
 * An update that only deletes: no structs, then the deleted runs. Applied to a doc it deletes whatever of those
 * runs the doc holds; it needs none of their content.
 */
export function deletionUpdate(ranges: Iterable<ClockRange>): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, 0) // no structs
  writeDeleteRanges(encoder, ranges)
  return encoding.toUint8Array(encoder)
}
