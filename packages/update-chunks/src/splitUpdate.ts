import * as encoding from 'lib0/encoding'
import * as Y from 'yjs'
import { deletionUpdate } from './deletionUpdate.ts'

/**
 * Structs and deleted ranges in one chunk at most: well inside what our server applies in one update (5,000
 * structs, 100,000 ranges; see @cg/sync-server updateCost.ts), which bounds how long one update holds it up.
 */
const CHUNK_STRUCTS = 4_000
const CHUNK_RANGES = 50_000

/** At most what a run's header (struct count, client, clock: three varints) and the chunk's framing take. */
const RUN_HEADER_BYTES = 32

type Struct = ReturnType<typeof Y.decodeUpdate>['structs'][number]

/** A run of one client's consecutive structs inside one chunk, encoded as Yjs writes them (update format v1). */
interface Run {
  client: number
  clock: number
  count: number
  encoder: Y.UpdateEncoderV1
}

/** The ids a struct needs the receiver to hold already: what it was inserted next to, and its parent. */
function dependenciesOf(struct: Struct): Y.ID[] {
  if (!(struct instanceof Y.Item)) return []
  const ids = [struct.origin, struct.rightOrigin].filter((id): id is Y.ID => id !== null)
  const parent = struct.parent as unknown
  if (parent instanceof Y.ID) ids.push(parent)
  return ids
}

function encodedSize(struct: Struct): number {
  const encoder = new Y.UpdateEncoderV1()
  struct.write(encoder, 0)
  return encoding.length(encoder.restEncoder)
}

/** The first `length` units of an item, and the rest, as two items Yjs would also have made by splitting it. */
function splitItem(item: Y.Item, length: number): [Y.Item, Y.Item] {
  const leftContent = item.content.copy()
  const rightContent = leftContent.splice(length)
  const { client, clock } = item.id
  const left = new Y.Item(item.id, null, item.origin, null, item.rightOrigin, item.parent, item.parentSub, leftContent)
  const right = new Y.Item(
    Y.createID(client, clock + length),
    null,
    Y.createID(client, clock + length - 1),
    null,
    item.rightOrigin,
    item.parent,
    item.parentSub,
    rightContent,
  )
  return [left, right]
}

/**
 * A struct cut into pieces of at most about `maxBytes`. Yjs merges consecutive inserts into one item (a pasted
 * list of 1,500 notes is one item of 1,500 values), so this is where most of a large update's size can be.
 * Lists and texts can be cut anywhere (a text never inside a surrogate pair); anything else stays whole.
 */
function piecesOf(struct: Struct, maxBytes: number): Struct[] {
  let restSize = encodedSize(struct)
  const splittable =
    struct instanceof Y.Item && (struct.content instanceof Y.ContentAny || struct.content instanceof Y.ContentString)
  if (restSize <= maxBytes || !splittable) return [struct]
  const pieces: Struct[] = []
  let rest: Y.Item = struct
  while (restSize > maxBytes && rest.length >= 2) {
    // Cut by the average size of a unit; values differ, so a piece still too large is cut shorter.
    let length = Math.min(rest.length - 1, Math.max(1, Math.floor((rest.length * maxBytes) / restSize)))
    let [left, right] = splitItem(rest, safeCut(rest, length))
    let leftSize = encodedSize(left)
    while (leftSize > maxBytes && length > 1) {
      length = Math.max(1, Math.floor(length / 2))
      ;[left, right] = splitItem(rest, safeCut(rest, length))
      leftSize = encodedSize(left)
    }
    pieces.push(left)
    rest = right
    restSize = Math.max(0, restSize - leftSize)
    if (restSize <= maxBytes) restSize = encodedSize(rest)
  }
  pieces.push(rest)
  return pieces
}

/** A cut of a text never falls inside a surrogate pair (Yjs would replace both halves with U+FFFD). */
function safeCut(item: Y.Item, length: number): number {
  if (!(item.content instanceof Y.ContentString)) return length
  const code = item.content.str.charCodeAt(length - 1)
  return code >= 0xd800 && code <= 0xdbff ? (length > 1 ? length - 1 : length + 1) : length
}

function encodeChunk(runs: readonly Run[]): Uint8Array {
  const chunk = new Y.UpdateEncoderV1()
  encoding.writeVarUint(chunk.restEncoder, runs.length)
  for (const run of runs) {
    encoding.writeVarUint(chunk.restEncoder, run.count)
    chunk.writeClient(run.client)
    encoding.writeVarUint(chunk.restEncoder, run.clock)
    encoding.writeUint8Array(chunk.restEncoder, run.encoder.toUint8Array())
  }
  encoding.writeVarUint(chunk.restEncoder, 0) // deletions come in the last chunk, once everything they name is there
  return chunk.toUint8Array()
}

/**
 * Splits an update (format v1) into updates of at most about `maxBytes` each, in an order where each needs only
 * what the receiver already had or what the chunks before it bring: a receiver that refuses an update with
 * missing dependencies (ours does) accepts every chunk, and after the last it holds exactly what the whole update
 * would have given. Only a single value larger than `maxBytes` (one huge record) makes a larger chunk, of its own.
 *
 * Used by a client whose offline backlog is larger than the server takes in one message. Yjs has no public way
 * to encode a subset of an update's structs (yjs#454), so this writes them with Yjs' own struct writers.
 */
export function splitUpdate(
  update: Uint8Array,
  maxBytes: number,
  { maxStructs = CHUNK_STRUCTS, maxRanges = CHUNK_RANGES } = {},
): Uint8Array[] {
  // A struct or a deleted range takes two bytes at least: a small update cannot hold too many of either.
  if (update.byteLength <= Math.min(maxBytes, 2 * Math.min(maxStructs, maxRanges))) return [update]
  const decoded = Y.decodeUpdate(update)
  let ranges = 0
  for (const runs of decoded.ds.clients.values()) ranges += runs.length
  if (update.byteLength <= maxBytes && decoded.structs.length <= maxStructs && ranges <= maxRanges) return [update]
  const structs = decoded.structs.flatMap((struct) => piecesOf(struct, maxBytes - RUN_HEADER_BYTES))
  const byClient = new Map<number, Struct[]>()
  for (const struct of structs) {
    const own = byClient.get(struct.id.client)
    if (own) own.push(struct)
    else byClient.set(struct.id.client, [struct])
  }
  // Per client, the first clock the update brings and how far the chunks so far have reached.
  const start = new Map([...byClient].map(([client, own]) => [client, own[0]!.id.clock]))
  const reached = new Map(start)
  const next = new Map([...byClient.keys()].map((client) => [client, 0]))
  const available = (id: Y.ID) => {
    const from = start.get(id.client)
    // Not brought by this update (or before what it brings): the receiver has it.
    return from === undefined || id.clock < from || id.clock < reached.get(id.client)!
  }

  const chunks: Uint8Array[] = []
  let runs: Run[] = []
  let chunkBytes = 0
  let chunkStructs = 0
  /** Dependencies of structs taken into this chunk ahead of them: the chunk may close only once they are in. */
  let owed: Y.ID[] = []
  const flush = () => {
    if (runs.length > 0) chunks.push(encodeChunk(runs))
    runs = []
    chunkBytes = 0
    chunkStructs = 0
  }
  const take = (client: number, struct: Struct) => {
    // Format v1 writes everything into one byte stream, so a struct encoded alone appends as it is.
    const alone = new Y.UpdateEncoderV1()
    struct.write(alone, 0)
    const bytes = alone.toUint8Array()
    owed = owed.filter((id) => !available(id))
    const full = chunkBytes + bytes.byteLength + RUN_HEADER_BYTES > maxBytes || chunkStructs >= maxStructs
    if (chunkBytes > 0 && owed.length === 0 && full) flush()
    let run = runs.find((r) => r.client === client)
    if (!run) {
      run = { client, clock: struct.id.clock, count: 0, encoder: new Y.UpdateEncoderV1() }
      runs.push(run)
      chunkBytes += RUN_HEADER_BYTES
    }
    encoding.writeUint8Array(run.encoder.restEncoder, bytes)
    run.count++
    chunkStructs++
    chunkBytes += bytes.byteLength
    reached.set(client, struct.id.clock + struct.length)
    next.set(client, next.get(client)! + 1)
  }

  let remaining = structs.length
  while (remaining > 0) {
    let progressed = false
    for (const [client, own] of byClient) {
      for (let i = next.get(client)!; i < own.length; i = next.get(client)!) {
        const struct = own[i]!
        // Within a chunk, Yjs integrates across clients itself; across chunks, order must follow dependencies.
        if (!dependenciesOf(struct).every(available)) break
        take(client, struct)
        remaining--
        progressed = true
      }
    }
    if (!progressed) {
      // Every client waits on a struct the update brings later. A doc never makes such an update (each struct
      // refers only to what existed when it was made, and a client's clocks grow with time), but a strange one
      // still goes out: take the first waiting struct anyway and keep its chunk open until what it needs is in it
      // too; Yjs resolves any order inside one update.
      const [client, own] = [...byClient].find(([c, structsOf]) => next.get(c)! < structsOf.length)!
      const struct = own[next.get(client)!]!
      owed.push(...dependenciesOf(struct).filter((id) => !available(id)))
      take(client, struct)
      remaining--
    }
  }
  flush()
  // The deletions last: every struct they may name has arrived by then.
  // (Against the end of every client's range: encodeStateVectorFromUpdate counts only ranges that start at 0.)
  chunks.push(...deletionChunks(decoded.ds, maxRanges))
  return chunks
}

/** A delete set as updates of at most `maxRanges` ranges each (no structs). */
function deletionChunks(deleteSet: ReturnType<typeof Y.decodeUpdate>['ds'], maxRanges: number): Uint8Array[] {
  const ranges = [...deleteSet.clients].flatMap(([client, runs]) => runs.map((run) => ({ client, ...run })))
  const chunks: Uint8Array[] = []
  for (let at = 0; at < ranges.length; at += maxRanges) chunks.push(deletionUpdate(ranges.slice(at, at + maxRanges)))
  return chunks
}
