import * as encoding from 'lib0/encoding'
import { RECORDS_ARRAY_NAME, META_MAP_NAME } from '@cg/tldraw-yjs/layout'
import type { Random } from './prng.ts'
import { noteRecord } from './records.ts'

/*
 * Yjs updates written by hand in update format v1, so they can claim what their bytes do not hold: a deleted run
 * of 2^50 in 9 bytes, thousands of clients, a delete set of a hundred thousand ranges, types nested ten thousand
 * deep. The layout (yjs src/utils/encoding.js, UpdateEncoderV1, DSEncoderV1):
 *
 *   structs:    varUint #clients, then per client: varUint #structs, varUint client, varUint first clock, structs
 *   struct:     uint8 info (low 5 bits: 0 GC, 10 Skip, else the content ref), then
 *               GC / Skip: varUint length;
 *               item: [origin id if info & 0x80] [right origin id if info & 0x40]
 *                     [if neither: varUint parentInfo (1: varString root name | 0: parent item id),
 *                      varString parentSub if info & 0x20] content
 *   delete set: varUint #clients, then per client: varUint client, varUint #ranges, per range varUint clock, len
 *
 * An id is varUint client, varUint clock. Content: 1 deleted (varUint len), 2 JSON (len, varString each),
 * 3 binary (varUint8Array), 4 string (varString), 5 embed (varString JSON), 6 format (varString key, varString JSON),
 * 7 type (varUint type ref: 0 array, 1 map, 2 text, 3 xml element (+ varString name), 4 xml fragment, 6 xml text),
 * 8 any (len, lib0 `any` each).
 */

export interface Id {
  client: number
  clock: number
}

export type Parent = { root: string } | { item: Id }

export type TypeKind = 'array' | 'map' | 'text' | 'xmlElement' | 'xmlFragment' | 'xmlText'

export type Content =
  | { kind: 'deleted'; len: number }
  | { kind: 'json'; values: unknown[] }
  | { kind: 'binary'; bytes: Uint8Array }
  | { kind: 'string'; text: string }
  | { kind: 'embed'; value: unknown }
  | { kind: 'format'; key: string; value: unknown }
  | { kind: 'type'; type: TypeKind; name?: string }
  | { kind: 'any'; values: unknown[] }

export interface ItemStruct {
  kind: 'item'
  origin?: Id
  rightOrigin?: Id
  /** Written only when the item has neither origin nor right origin (Yjs reads it from the origin otherwise). */
  parent?: Parent
  parentSub?: string
  content: Content
}

export type Struct = ItemStruct | { kind: 'gc'; len: number } | { kind: 'skip'; len: number }

/** One client's structs, from `clock` on, in clock order. */
export interface ClientRun {
  client: number
  clock: number
  structs: Struct[]
}

export interface DeleteRange {
  client: number
  clock: number
  len: number
}

const CONTENT_REF = { deleted: 1, json: 2, binary: 3, string: 4, embed: 5, format: 6, type: 7, any: 8 } as const
const TYPE_REF: Record<TypeKind, number> = { array: 0, map: 1, text: 2, xmlElement: 3, xmlFragment: 4, xmlText: 6 }

/** How many clocks a struct takes (what it claims, whatever its bytes). */
export function structLength(struct: Struct): number {
  if (struct.kind !== 'item') return struct.len
  const { content } = struct
  switch (content.kind) {
    case 'deleted':
      return content.len
    case 'json':
    case 'any':
      return content.values.length
    case 'string':
      return content.text.length
    default:
      return 1
  }
}

function writeId(encoder: encoding.Encoder, id: Id): void {
  encoding.writeVarUint(encoder, id.client)
  encoding.writeVarUint(encoder, id.clock)
}

function writeContent(encoder: encoding.Encoder, content: Content): void {
  switch (content.kind) {
    case 'deleted':
      return encoding.writeVarUint(encoder, content.len)
    case 'json':
      encoding.writeVarUint(encoder, content.values.length)
      for (const value of content.values) {
        encoding.writeVarString(encoder, value === undefined ? 'undefined' : JSON.stringify(value))
      }
      return
    case 'binary':
      return encoding.writeVarUint8Array(encoder, content.bytes)
    case 'string':
      return encoding.writeVarString(encoder, content.text)
    case 'embed':
      return encoding.writeVarString(encoder, JSON.stringify(content.value))
    case 'format':
      encoding.writeVarString(encoder, content.key)
      return encoding.writeVarString(encoder, JSON.stringify(content.value))
    case 'type':
      encoding.writeVarUint(encoder, TYPE_REF[content.type])
      if (content.type === 'xmlElement') encoding.writeVarString(encoder, content.name ?? 'p')
      return
    case 'any':
      encoding.writeVarUint(encoder, content.values.length)
      for (const value of content.values) encoding.writeAny(encoder, value as never)
      return
  }
}

function writeStruct(encoder: encoding.Encoder, struct: Struct): void {
  if (struct.kind === 'gc') {
    encoding.writeUint8(encoder, 0)
    return encoding.writeVarUint(encoder, struct.len)
  }
  if (struct.kind === 'skip') {
    encoding.writeUint8(encoder, 10)
    return encoding.writeVarUint(encoder, struct.len)
  }
  const { origin, rightOrigin, parent, parentSub, content } = struct
  const free = !origin && !rightOrigin
  const info =
    CONTENT_REF[content.kind] |
    (origin ? 0x80 : 0) |
    (rightOrigin ? 0x40 : 0) |
    (free && parentSub !== undefined ? 0x20 : 0)
  encoding.writeUint8(encoder, info)
  if (origin) writeId(encoder, origin)
  if (rightOrigin) writeId(encoder, rightOrigin)
  if (free) {
    const where = parent ?? { root: RECORDS_ARRAY_NAME }
    if ('root' in where) {
      encoding.writeVarUint(encoder, 1)
      encoding.writeVarString(encoder, where.root)
    } else {
      encoding.writeVarUint(encoder, 0)
      writeId(encoder, where.item)
    }
    if (parentSub !== undefined) encoding.writeVarString(encoder, parentSub)
  }
  writeContent(encoder, content)
}

/** An update in Yjs' format v1, exactly as given: nothing is checked, so it may claim anything. */
export function encodeUpdateV1(runs: readonly ClientRun[], deletes: readonly DeleteRange[] = []): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, runs.length)
  for (const run of runs) {
    encoding.writeVarUint(encoder, run.structs.length)
    encoding.writeVarUint(encoder, run.client)
    encoding.writeVarUint(encoder, run.clock)
    for (const struct of run.structs) writeStruct(encoder, struct)
  }
  const byClient = new Map<number, DeleteRange[]>()
  for (const range of deletes) {
    const ranges = byClient.get(range.client)
    if (ranges) ranges.push(range)
    else byClient.set(range.client, [range])
  }
  encoding.writeVarUint(encoder, byClient.size)
  for (const [client, ranges] of byClient) {
    encoding.writeVarUint(encoder, client)
    encoding.writeVarUint(encoder, ranges.length)
    for (const { clock, len } of ranges) {
      encoding.writeVarUint(encoder, clock)
      encoding.writeVarUint(encoder, len)
    }
  }
  return encoding.toUint8Array(encoder)
}

/** The first attack: one deleted item of `len` in `tl_records` (26 bytes for 10,000,000). */
export function deletedRunUpdate(client: number, len: number, root = RECORDS_ARRAY_NAME): Uint8Array {
  return encodeUpdateV1([
    { client, clock: 0, structs: [{ kind: 'item', parent: { root }, content: { kind: 'deleted', len } }] },
  ])
}

/** Entries pushed into `tl_records` as one item, as a stock client's `push` writes them (ContentAny). */
export function entriesUpdate(client: number, entries: readonly { key: string; val: unknown }[]): Uint8Array {
  return encodeUpdateV1([
    { client, clock: 0, structs: [{ kind: 'item', content: { kind: 'any', values: [...entries] } }] },
  ])
}

/** What the generator can make; `UPDATE_FUZZ_SHAPES` in the test picks some. */
export const UPDATE_SHAPES = [
  'deleted-run',
  'gc-run',
  'clock-overflow',
  'many-clients',
  'many-structs',
  'fragmented-deletes',
  'deep-nesting',
  'delete-anchor',
  'duplicate-keys',
  'other-roots',
  'split-deleted-run',
  'conflict-scan',
  'head-inserts',
  'valid-records',
  'junk-records',
  'skip-pending',
  'honest-key-junk',
  'combined',
] as const

export type ShapeName = (typeof UPDATE_SHAPES)[number]

export interface CraftedUpdate {
  shape: ShapeName
  update: Uint8Array
  /** Sizes and claims, for the log (e.g. "1 deleted run of 2^50 in tl_records"). */
  detail: string
}

export interface UpdateFuzzerOptions {
  /** Only these shapes (default: all). */
  shapes?: readonly string[]
  /** Keys of an honest person's records: junk written under them must be undone and their value kept. */
  honestKeys?: () => readonly string[]
  /** Multiplies the counts of the large shapes (clients, structs, depth, ranges); 1 is sized for CI. */
  scale?: number
}

/** Something an earlier crafted update made, which a later one can point into (if it was let in). */
interface Anchor {
  client: number
  clock: number
  len: number
  root: string
  kind: 'deleted' | 'live' | 'nest'
}

interface Draft {
  runs: ClientRun[]
  deletes: DeleteRange[]
  detail: string
  anchors: Anchor[]
}

const OTHER_ROOTS = ['fuzz', 'fuzz-list', 'codraft:shape:fuzz', 'tl_meta', '']
/** Lengths an update may claim in a few bytes. */
const HUGE = [1e7, 1e9, 2 ** 40, 2 ** 50, 2 ** 53 - 1]
/** Values that are not `{ key, val }` entries, or entries that are not records. */
const JUNK_VALUES: unknown[] = [
  0,
  'junk',
  null,
  true,
  [1, 2, 3],
  { key: 42, val: 1 },
  { key: 'shape:fz-junk' },
  { key: 'shape:fz-junk', val: { junk: 'x'.repeat(64) } },
  { key: 'shape:fz-junk', val: { id: 'shape:other', typeName: 'shape' } },
  { key: 'page:fz', val: { id: 'page:fz', typeName: 'page', name: 1 } },
]

const describeLength = (len: number) => {
  const power = Math.log2(len)
  return Number.isInteger(power) && power >= 30 ? `2^${power}` : len >= 2 ** 53 - 1 ? '2^53-1' : len.toExponential(0)
}

/**
 * A seeded source of crafted updates from one participant. Each is built by hand (see `encodeUpdateV1`) with
 * fresh client ids, so it depends only on itself, or on what an earlier crafted update made (a later one splits a
 * stored deleted run, deletes a stored nest): if that one was refused, this one is refused as missing
 * dependencies, which is cheap. The same seed gives the same updates.
 */
export function createUpdateFuzzer(random: Random, options: UpdateFuzzerOptions = {}) {
  const scale = options.scale ?? 1
  const shapes = UPDATE_SHAPES.filter((shape) => !options.shapes || options.shapes.includes(shape))
  if (shapes.length === 0) throw new Error(`no known shape in ${options.shapes?.join(',')}`)
  const anchors: Anchor[] = []
  const usedClients = new Set<number>()
  let sequence = 0

  const scaled = (min: number, max: number) => Math.max(1, Math.round(random.int(min, max) * scale))
  /** A client id nobody has used (Yjs picks random 32-bit ones). */
  const freshClient = (min = 2 ** 20, max = 2 ** 32 - 1) => {
    for (;;) {
      const client = random.int(min, max)
      if (!usedClients.has(client)) {
        usedClients.add(client)
        return client
      }
    }
  }
  const otherRoot = () => {
    const root = random.pick(OTHER_ROOTS)
    return root === '' ? `fuzz-${random.int(0, 9)}` : root
  }
  /** A root's item must name a key when the root is a map (tl_meta), else none. */
  const placed = (root: string): Pick<ItemStruct, 'parent' | 'parentSub'> =>
    root === META_MAP_NAME ? { parent: { root }, parentSub: `fz-${random.int(0, 99)}` } : { parent: { root } }
  const note = (key: string) => noteRecord(key, `fuzz ${sequence}`)
  const junk = () => random.pick(JUNK_VALUES)
  const anchorOf = (kinds: Anchor['kind'][]) => {
    const candidates = anchors.filter((anchor) => kinds.includes(anchor.kind))
    return candidates.length > 0 ? random.pick(candidates) : null
  }

  const makers: Record<Exclude<ShapeName, 'combined'>, () => Draft> = {
    'deleted-run': () => {
      const client = freshClient()
      const len = random.bool(0.8) ? random.pick(HUGE) : random.int(1e5, 1e7)
      const root = random.bool(0.7) ? RECORDS_ARRAY_NAME : otherRoot()
      return {
        runs: [{ client, clock: 0, structs: [{ kind: 'item', ...placed(root), content: { kind: 'deleted', len } }] }],
        deletes: [],
        detail: `one deleted run of ${describeLength(len)} in ${root}`,
        anchors: root === META_MAP_NAME ? [] : [{ client, clock: 0, len, root, kind: 'deleted' }],
      }
    },
    'gc-run': () => {
      const client = freshClient()
      const structs: Struct[] = Array.from({ length: random.int(1, 3) }, () => ({
        kind: 'gc',
        len: random.pick(HUGE),
      }))
      return {
        runs: [{ client, clock: 0, structs }],
        deletes: [],
        detail: `${structs.length} collected runs of ${structs.map((s) => describeLength(structLength(s))).join(', ')}`,
        anchors: [],
      }
    },
    'clock-overflow': () => {
      // Each length fits a varint Yjs reads (≤ 2^53-1); their sum, the client's clock, does not.
      const client = freshClient()
      const count = random.int(16, 24)
      const root = random.bool() ? RECORDS_ARRAY_NAME : otherRoot()
      const structs: Struct[] = Array.from({ length: count }, () =>
        random.bool()
          ? { kind: 'gc', len: 2 ** 53 - 1 }
          : { kind: 'item', ...placed(root), content: { kind: 'deleted', len: 2 ** 53 - 1 } },
      )
      return {
        runs: [{ client, clock: 0, structs }],
        deletes: [],
        detail: `${count} runs of 2^53-1 on one client (its clock passes 2^56)`,
        anchors: [],
      }
    },
    'many-clients': () => {
      const count = scaled(500, 5000)
      const root = random.bool() ? RECORDS_ARRAY_NAME : otherRoot()
      const runs: ClientRun[] = Array.from({ length: count }, (_, i) => {
        const client = freshClient()
        const kind = random.int(0, 3)
        const struct: Struct =
          kind === 0
            ? { kind: 'gc', len: 1 }
            : kind === 1
              ? { kind: 'item', ...placed(root), content: { kind: 'deleted', len: 1 } }
              : kind === 2
                ? { kind: 'item', ...placed(root), content: { kind: 'any', values: [i] } }
                : { kind: 'item', ...placed(root), content: { kind: 'string', text: 'x' } }
        return { client, clock: 0, structs: [struct] }
      })
      return { runs, deletes: [], detail: `${count} clients of one struct each, in ${root}`, anchors: [] }
    },
    'many-structs': () => {
      // Deleted and live values in turn, each its own struct (nothing merges), chained by origin.
      const client = freshClient()
      const count = scaled(2000, 15000)
      const root = random.bool() ? RECORDS_ARRAY_NAME : random.pick(['fuzz', 'fuzz-list', 'codraft:shape:fuzz'])
      const text = root.startsWith('codraft:')
      const structs: Struct[] = Array.from({ length: count }, (_, i) => {
        const content: Content =
          i % 2 === 0
            ? { kind: 'deleted', len: 1 }
            : text
              ? { kind: 'string', text: 'y' }
              : { kind: 'any', values: [i] }
        return i === 0
          ? { kind: 'item', parent: { root }, content }
          : { kind: 'item', origin: { client, clock: i - 1 }, content }
      })
      return {
        runs: [{ client, clock: 0, structs }],
        deletes: [],
        detail: `${count} one-value structs, deleted and live in turn, in ${root}`,
        anchors: [{ client, clock: 0, len: count, root, kind: 'live' }],
      }
    },
    'fragmented-deletes': () => {
      const earlier = random.bool(0.4) ? anchorOf(['live']) : null
      if (earlier) {
        const deletes: DeleteRange[] = []
        for (let clock = earlier.clock; clock < earlier.clock + earlier.len; clock += 2) {
          deletes.push({ client: earlier.client, clock, len: 1 })
        }
        return {
          runs: [],
          deletes,
          detail: `${deletes.length} one-clock deletions over an earlier run in ${earlier.root}`,
          anchors: [],
        }
      }
      const client = freshClient()
      const count = scaled(2000, 30000)
      const root = random.pick(['codraft:shape:fuzz', 'fuzz-text', RECORDS_ARRAY_NAME])
      const content: Content =
        root === RECORDS_ARRAY_NAME
          ? { kind: 'any', values: Array.from({ length: count }, (_, i) => i) }
          : { kind: 'string', text: 'z'.repeat(count) }
      const deletes = Array.from({ length: Math.floor(count / 2) }, (_, i) => ({ client, clock: 2 * i, len: 1 }))
      return {
        runs: [{ client, clock: 0, structs: [{ kind: 'item', parent: { root }, content }] }],
        deletes,
        detail: `${count} values in ${root}, every other one deleted (${deletes.length} ranges)`,
        anchors: [{ client, clock: 0, len: count, root, kind: 'live' }],
      }
    },
    'deep-nesting': () => {
      const client = freshClient()
      const depth = scaled(300, 4000)
      const root = random.bool() ? RECORDS_ARRAY_NAME : random.pick(['fuzz', 'fuzz-nest', META_MAP_NAME])
      const kinds: TypeKind[] = ['map', 'array', 'xmlFragment', 'xmlElement']
      const structs: Struct[] = []
      let parentKind: TypeKind | null = null
      for (let level = 0; level < depth; level++) {
        const type = random.pick(kinds)
        const content: Content = { kind: 'type', type }
        if (parentKind === null) structs.push({ kind: 'item', ...placed(root), content })
        else {
          const parent: Parent = { item: { client, clock: level - 1 } }
          structs.push({ kind: 'item', parent, parentSub: parentKind === 'map' ? 'a' : undefined, content })
        }
        parentKind = type
      }
      return {
        runs: [{ client, clock: 0, structs }],
        deletes: [],
        detail: `types nested ${depth} deep in ${root}`,
        anchors: root === META_MAP_NAME ? [] : [{ client, clock: 0, len: 1, root, kind: 'nest' }],
      }
    },
    'delete-anchor': () => {
      const target = anchorOf(['nest', 'live', 'nest'])
      if (!target) return makers['deep-nesting']()
      return {
        runs: [],
        deletes: [{ client: target.client, clock: target.clock, len: target.len }],
        detail: `deletes an earlier ${target.kind === 'nest' ? 'nest' : 'run'} in ${target.root} (${target.len} clocks)`,
        anchors: [],
      }
    },
    'duplicate-keys': () => {
      // Under an honest person's key only junk (which must be undone): a valid record there is a legitimate edit.
      const honest = options.honestKeys?.() ?? []
      const underHonestKey = honest.length > 0 && random.bool(0.3)
      const key = underHonestKey ? random.pick(honest) : `shape:fz-dup-${random.int(0, 7)}`
      const count = random.int(2, 40)
      const valid = !underHonestKey && random.bool(0.6)
      const entry = () => ({ key, val: valid ? note(key) : junk() })
      const tail = anchorOf(['live', 'deleted'])
      if (random.bool() || !tail) {
        const client = freshClient()
        const item: ItemStruct = {
          kind: 'item',
          content: { kind: 'any', values: Array.from({ length: count }, entry) },
        }
        return {
          runs: [{ client, clock: 0, structs: [item] }],
          deletes: [],
          detail: `${count} ${valid ? 'valid' : 'junk'} entries of ${key} in one item`,
          anchors: [],
        }
      }
      // One entry at the start of the list, the others far to the right (after an earlier run).
      const runs: ClientRun[] = Array.from({ length: count }, (_, i) => ({
        client: freshClient(),
        clock: 0,
        structs: [
          i === 0 || tail.root !== RECORDS_ARRAY_NAME
            ? { kind: 'item', content: { kind: 'any', values: [entry()] } }
            : {
                kind: 'item',
                origin: { client: tail.client, clock: tail.clock + random.int(0, tail.len - 1) },
                content: { kind: 'any', values: [entry()] },
              },
        ],
      }))
      return {
        runs,
        deletes: [],
        detail: `${count} ${valid ? 'valid' : 'junk'} entries of ${key} from ${count} clients, far apart`,
        anchors: [],
      }
    },
    'other-roots': () => {
      const client = freshClient()
      const count = scaled(200, 2000)
      const prefix = random.bool() ? 'codraft:fz' : 'fz'
      const structs: Struct[] = Array.from({ length: count }, (_, i) => {
        const root = `${prefix}-${sequence}-${i}`
        const kind = random.int(0, 3)
        const content: Content =
          kind === 0
            ? { kind: 'deleted', len: 1 }
            : kind === 1
              ? { kind: 'string', text: 'r' }
              : kind === 2
                ? { kind: 'any', values: [i] }
                : { kind: 'embed', value: { image: 'x' } }
        return { kind: 'item', parent: { root }, content }
      })
      return {
        runs: [{ client, clock: 0, structs }],
        deletes: [],
        detail: `${count} root types of new names (${prefix}-…)`,
        anchors: [],
      }
    },
    'split-deleted-run': () => {
      const earlier = random.bool() ? anchorOf(['deleted']) : null
      const runs: ClientRun[] = []
      let run: Anchor
      if (earlier) run = earlier
      else {
        const client = freshClient()
        const len = random.pick(HUGE)
        runs.push({
          client,
          clock: 0,
          structs: [{ kind: 'item', parent: { root: RECORDS_ARRAY_NAME }, content: { kind: 'deleted', len } }],
        })
        run = { client, clock: 0, len, root: RECORDS_ARRAY_NAME, kind: 'deleted' }
      }
      const count = scaled(10, 2000)
      const client = freshClient()
      const structs: Struct[] = Array.from({ length: count }, (_, i) => {
        const at = { client: run.client, clock: run.clock + random.int(0, run.len - 1) }
        const content: Content = random.bool()
          ? {
              kind: 'any',
              values: [random.bool() ? { key: `shape:fz-split-${i}`, val: note(`shape:fz-split-${i}`) } : junk()],
            }
          : { kind: 'deleted', len: 1 }
        return random.bool(0.7)
          ? { kind: 'item', origin: at, content }
          : {
              kind: 'item',
              origin: at,
              rightOrigin: { client: run.client, clock: run.clock + random.int(0, run.len - 1) },
              content,
            }
      })
      runs.push({ client, clock: 0, structs })
      return {
        runs,
        deletes: [],
        detail: `${count} items whose origins point into ${earlier ? 'an earlier' : 'a new'} deleted run of ${describeLength(run.len)}`,
        anchors: [],
      }
    },
    'conflict-scan': () => {
      // Items that all follow one origin, each with its own right origin further right: Yjs places each one by
      // walking past every earlier one (YATA's conflict loop), so n items cost n² steps, here and in every
      // browser that opens the board.
      const count = scaled(300, 1500)
      const high = freshClient(2 ** 31, 2 ** 32 - 1)
      const low = freshClient(2 ** 20, 2 ** 31 - 1)
      const root = random.bool() ? RECORDS_ARRAY_NAME : otherRoot()
      const origin = { client: high, clock: 0 }
      const structs: Struct[] = Array.from({ length: count }, (_, k) => ({
        kind: 'item',
        origin,
        rightOrigin: { client: high, clock: 1 + count - k },
        content: { kind: 'deleted', len: 1 },
      }))
      return {
        runs: [
          {
            client: high,
            clock: 0,
            structs: [
              { kind: 'item', ...placed(root), content: { kind: 'any', values: [0] } },
              { kind: 'item', origin, content: { kind: 'deleted', len: count + 10 } },
            ],
          },
          { client: low, clock: 0, structs },
        ],
        deletes: [],
        detail: `${count} items after one origin, each with its own right origin, in ${root}`,
        anchors: [],
      }
    },
    'head-inserts': () => {
      // Items at the very start of a long list (no origin) that name no right origin either: where a browser
      // names the first item as right origin and costs one step, Yjs now walks the whole list for each of them
      // (every item whose origin it already passed), so k of them cost k × the list's length, every time the
      // board loads. The list: an earlier fragmented run (deleted and live values in turn do not merge).
      const list = anchors.filter((anchor) => anchor.kind === 'live' && anchor.root !== RECORDS_ARRAY_NAME)
      if (list.length === 0) return makers['fragmented-deletes']()
      const { root } = random.pick(list)
      const count = scaled(20, 300)
      const text = root.startsWith('codraft:')
      const runs: ClientRun[] = Array.from({ length: count }, () => ({
        client: freshClient(2 ** 31, 2 ** 32 - 1),
        clock: 0,
        structs: [
          {
            kind: 'item',
            parent: { root },
            content: text ? { kind: 'string', text: 'h' } : { kind: 'any', values: [0] },
          },
        ],
      }))
      return {
        runs,
        deletes: [],
        detail: `${count} one-value clients at the start of ${root}, with no right origin`,
        anchors: [],
      }
    },
    'valid-records': () => {
      const client = freshClient()
      const count = random.int(1, 20)
      const values = Array.from({ length: count }, (_, i) => {
        const key = `shape:fz-${sequence}-${i}`
        return { key, val: note(key) }
      })
      return {
        runs: [{ client, clock: 0, structs: [{ kind: 'item', content: { kind: 'any', values } }] }],
        deletes: [],
        detail: `${count} valid notes`,
        anchors: [{ client, clock: 0, len: count, root: RECORDS_ARRAY_NAME, kind: 'live' }],
      }
    },
    'junk-records': () => {
      const client = freshClient()
      const kind = random.int(0, 6)
      const structs: Struct[] =
        kind === 0
          ? [{ kind: 'item', content: { kind: 'any', values: Array.from({ length: random.int(1, 20) }, junk) } }]
          : kind === 1
            ? [
                {
                  kind: 'item',
                  parent: { root: RECORDS_ARRAY_NAME },
                  parentSub: 'shape:fz',
                  content: { kind: 'any', values: [junk()] },
                },
              ]
            : kind === 2
              ? [
                  {
                    kind: 'item',
                    parent: { root: META_MAP_NAME },
                    parentSub: 'schema',
                    content: { kind: 'any', values: ['not a schema'] },
                  },
                ]
              : kind === 3
                ? [
                    {
                      kind: 'item',
                      parent: { root: 'codraft:shape:fuzz' },
                      content: { kind: 'format', key: 'bold', value: true },
                    },
                  ]
                : kind === 4
                  ? [
                      {
                        kind: 'item',
                        content: {
                          kind: 'json',
                          values: [{ key: 'shape:fz-json', val: note('shape:fz-json') }, undefined],
                        },
                      },
                    ]
                  : kind === 5
                    ? [{ kind: 'item', content: { kind: 'binary', bytes: new Uint8Array(random.int(1, 4096)) } }]
                    : [{ kind: 'item', parent: { root: META_MAP_NAME }, content: { kind: 'any', values: [junk()] } }]
      const names = [
        'junk entries',
        'a map item in the list',
        'a junk schema',
        'formatting in a co-draft',
        'JSON content',
        'binary content',
        'list content in tl_meta',
      ]
      return { runs: [{ client, clock: 0, structs }], deletes: [], detail: names[kind]!, anchors: [] }
    },
    'skip-pending': () => {
      // A Skip struct says "nothing here"; what follows it waits for clocks nobody will ever send.
      const client = freshClient()
      const root = random.bool() ? RECORDS_ARRAY_NAME : otherRoot()
      const gap = random.bool() ? random.int(1, 100) : random.pick(HUGE)
      const after = { client, clock: 1 + gap }
      return {
        runs: [
          {
            client,
            clock: 0,
            structs: [
              { kind: 'item', ...placed(root), content: { kind: 'any', values: [{ key: 'shape:fz-skip', val: 1 }] } },
              { kind: 'skip', len: gap },
              { kind: 'item', origin: { client, clock: 0 }, content: { kind: 'any', values: [2] } },
            ],
          },
        ],
        deletes: random.bool() ? [{ client, clock: after.clock, len: 1 }] : [],
        detail: `an item, a skip of ${describeLength(gap)}, an item after it, in ${root}`,
        anchors: [],
      }
    },
    'honest-key-junk': () => {
      const honest = options.honestKeys?.() ?? []
      if (honest.length === 0) return makers['junk-records']()
      const client = freshClient()
      const values = Array.from({ length: random.int(1, 5) }, () => ({ key: random.pick(honest), val: junk() }))
      return {
        runs: [{ client, clock: 0, structs: [{ kind: 'item', content: { kind: 'any', values } }] }],
        deletes: [],
        detail: `${values.length} junk values under an honest person's keys`,
        anchors: [],
      }
    },
  }

  const single = shapes.filter((shape): shape is Exclude<ShapeName, 'combined'> => shape !== 'combined')
  const draftOf = (shape: ShapeName): Draft => {
    if (shape !== 'combined') return makers[shape]()
    // Two or three shapes in one update (their clients are distinct).
    const pool: Exclude<ShapeName, 'combined'>[] = single.length > 0 ? single : ['valid-records']
    const parts = Array.from({ length: random.int(2, 3) }, () => makers[random.pick(pool)]())
    return {
      runs: parts.flatMap((part) => part.runs),
      deletes: parts.flatMap((part) => part.deletes),
      detail: parts.map((part) => part.detail).join(' + '),
      anchors: parts.flatMap((part) => part.anchors),
    }
  }

  return {
    shapes,
    next(): CraftedUpdate {
      sequence++
      const shape = random.pick(shapes)
      const draft = draftOf(shape)
      anchors.push(...draft.anchors)
      // Yjs writes clients from the highest id down; any order decodes the same.
      return { shape, update: encodeUpdateV1(draft.runs, draft.deletes), detail: draft.detail }
    },
  }
}
