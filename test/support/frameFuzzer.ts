import * as encoding from 'lib0/encoding'
import { Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness'
import * as Y from 'yjs'
import { getRecordsKeyValue } from '@cg/tldraw-yjs'
import { noteRecord } from './records.ts'
import type { Random } from './prng.ts'

/** Real frames a stock client sends, to mutate: sync steps, updates, presence, presence queries. */
function seedFrames(): Uint8Array[] {
  const frame = (...parts: (number | Uint8Array)[]) => {
    const encoder = encoding.createEncoder()
    for (const part of parts) {
      if (typeof part === 'number') encoding.writeVarUint(encoder, part)
      else encoding.writeVarUint8Array(encoder, part)
    }
    return encoding.toUint8Array(encoder)
  }
  const doc = new Y.Doc()
  const records = getRecordsKeyValue(doc)
  const updates: Uint8Array[] = []
  doc.on('update', (update: Uint8Array) => updates.push(update))
  records.set('shape:fuzz', noteRecord('shape:fuzz', 'fuzz'))
  doc.getText('codraft:shape:fuzz').insert(0, 'كل طفل')
  records.delete('shape:fuzz')
  const awareness = new Awareness(doc)
  awareness.setLocalState({ user: { name: 'Fuzz', color: '#123456' }, cursor: { x: 1, y: 2 } })
  const presence = encodeAwarenessUpdate(awareness, [doc.clientID])
  awareness.destroy()
  return [
    frame(0, 0, Y.encodeStateVector(doc)),
    frame(0, 0, Y.encodeStateVector(new Y.Doc())),
    frame(0, 1, Y.encodeStateAsUpdate(doc)),
    ...updates.map((update) => frame(0, 2, update)),
    frame(0, 2, new Uint8Array([0, 0])),
    frame(1, presence),
    frame(3),
  ]
}

/** Random bytes, mostly small, sometimes a large varint-looking run. */
function randomBytes(random: Random, length: number): Uint8Array {
  return Uint8Array.from({ length }, () => (random.bool(0.1) ? 0xff : random.int(0, 255)))
}

const MUTATIONS = [
  // Flip a few bits.
  (random: Random, frame: Uint8Array) => {
    const copy = frame.slice()
    for (let i = random.int(1, 8); i > 0 && copy.length > 0; i--)
      copy[random.int(0, copy.length - 1)]! ^= 1 << random.int(0, 7)
    return copy
  },
  // Cut short.
  (random: Random, frame: Uint8Array) => frame.subarray(0, random.int(0, Math.max(0, frame.length - 1))),
  // Bytes inserted somewhere.
  (random: Random, frame: Uint8Array) => {
    const at = random.int(0, frame.length)
    return Uint8Array.from([...frame.subarray(0, at), ...randomBytes(random, random.int(1, 16)), ...frame.subarray(at)])
  },
  // A huge varint where a length or type was.
  (random: Random, frame: Uint8Array) => {
    const at = random.int(0, frame.length)
    return Uint8Array.from([...frame.subarray(0, at), 0xff, 0xff, 0xff, 0xff, 0x0f, ...frame.subarray(at)])
  },
  // Another message type or sync type in front of a real payload.
  (random: Random, frame: Uint8Array) => {
    const copy = frame.slice()
    copy[random.int(0, Math.min(1, copy.length - 1))] = random.int(0, 255)
    return copy
  },
  // Two real frames glued into one.
  (random: Random, frame: Uint8Array, seeds: readonly Uint8Array[]) =>
    Uint8Array.from([...frame, ...random.pick(seeds)]),
]

export type FuzzFrame = { kind: 'binary'; bytes: Uint8Array } | { kind: 'text'; text: string }

/**
 * A seeded source of hostile y-websocket frames: real frames as they are (so the server does real work), real
 * frames mutated, random bytes, and now and then a text frame. The same seed gives the same frames.
 */
export function createFrameFuzzer(random: Random): () => FuzzFrame {
  const seeds = seedFrames()
  return () => {
    const roll = random.next()
    if (roll < 0.01) return { kind: 'text', text: 'hello' }
    if (roll < 0.25) return { kind: 'binary', bytes: random.pick(seeds) }
    if (roll < 0.4) return { kind: 'binary', bytes: randomBytes(random, random.int(0, 64)) }
    let frame = random.pick(seeds)
    for (let i = random.int(1, 3); i > 0; i--) frame = random.pick(MUTATIONS)(random, frame, seeds)
    return { kind: 'binary', bytes: frame }
  }
}
