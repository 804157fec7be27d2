import { expect, it } from 'vitest'
import * as Y from 'yjs'
import { getMetaMap, getRecordsKeyValue, readDocRecords, SCHEMA_KEY } from '@cg/tldraw-yjs/layout'
import { createRandom, type Random } from '../../../test/support/prng.ts'
import { boardRules } from './boardRules.ts'
import { boardSchema } from './boardSchema.ts'
import { noteRecord, pageRecord } from '../../../test/support/records.ts'
import { isReadableSchema, isValidRecord } from './recordChecks.ts'
import { guardedRoom } from './test/guardedRoom.ts'

// Seeded and repeatable: every run prints its seed; replay a failure with
//   BOARD_RULES_SEED=<seed> BOARD_RULES_REPEAT=1 npx vitest run packages/board-rules/src/convergence.test.ts
const seed = Number(process.env.BOARD_RULES_SEED ?? Math.floor(Math.random() * 2 ** 32))
const repeat = Number(process.env.BOARD_RULES_REPEAT ?? 20)

const LOCKED = noteRecord('shape:locked', 'Outcome', { isLocked: true })

/** One random edit, good or rule-breaking, on a participant's doc. */
function randomEdit(random: Random, doc: Y.Doc, step: number): void {
  const kv = getRecordsKeyValue(doc)
  const id = `shape:n${random.int(0, 5)}`
  switch (random.int(0, 7)) {
    case 0:
    case 1:
      return kv.set(id, noteRecord(id, `text ${step}`, { x: random.int(0, 500) }))
    case 2:
      return kv.delete(id)
    case 3:
      return kv.set(id, { junk: step })
    case 4:
      return kv.set('shape:locked', { ...LOCKED, x: step })
    case 5:
      return kv.delete('shape:locked')
    case 6:
      getMetaMap(doc).set(SCHEMA_KEY, `junk ${step}`)
      return
    case 7:
      return doc.getText('codraft:shape:block').insert(0, `${step} `)
  }
}

/** Runs `clients` participants editing at random, their updates and the room's answers delivered out of step. */
function run(runSeed: number, clients = 3, steps = 60): void {
  const random = createRandom(runSeed)
  const room = guardedRoom((doc) => boardRules(doc, { roleOf: () => 'editor', scaffoldLocked: () => true }))
  const seedDoc = new Y.Doc()
  seedDoc.transact(() => {
    getMetaMap(seedDoc).set(SCHEMA_KEY, boardSchema.serialize())
    getRecordsKeyValue(seedDoc).set('page:page', pageRecord)
    getRecordsKeyValue(seedDoc).set('shape:locked', LOCKED)
  })
  room.receive(Y.encodeStateAsUpdate(seedDoc), 'facilitator')

  const peers = Array.from({ length: clients }, () => {
    const doc = new Y.Doc()
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(room.doc), 'network')
    const outbox: Uint8Array[] = []
    const inbox: Uint8Array[] = []
    // Everything the client itself writes (its edits, and YKeyValue's own clean-up) goes to the server.
    doc.on('update', (update: Uint8Array, origin: unknown) => origin !== 'network' && outbox.push(update))
    return { doc, outbox, inbox }
  })
  const deliverToServer = (from: number) => {
    const peer = peers[from]!
    const update = peer.outbox.shift()
    if (!update) return
    const answer = room.receive(update, 'editor')
    if (answer.correction) peer.inbox.push(answer.correction)
    peers.forEach((other, index) => index !== from && other.inbox.push(answer.net))
  }
  const deliverToClient = (to: number) => {
    const update = peers[to]!.inbox.shift()
    if (update) Y.applyUpdate(peers[to]!.doc, update, 'network')
  }
  for (let step = 0; step < steps; step++) {
    const which = random.int(0, clients - 1)
    const action = random.int(0, 2)
    if (action === 0) randomEdit(random, peers[which]!.doc, step)
    else if (action === 1) deliverToServer(which)
    else deliverToClient(which)
  }
  // Let everything arrive.
  while (peers.some((peer) => peer.outbox.length + peer.inbox.length > 0)) {
    peers.forEach((_, index) => deliverToServer(index))
    peers.forEach((_, index) => {
      while (peers[index]!.inbox.length > 0) deliverToClient(index)
    })
  }

  const records = readDocRecords(room.doc)
  for (const [key, value] of records) expect(isValidRecord(key, value, boardSchema.serialize()), key).toBe(true)
  expect(records.get('shape:locked')).toEqual(LOCKED)
  expect(isReadableSchema(getMetaMap(room.doc).get(SCHEMA_KEY))).toBe(true)
  expect(
    room.doc
      .getText('codraft:shape:block')
      .toDelta()
      .every((op: { insert: unknown }) => typeof op.insert === 'string'),
  ).toBe(true)
  for (const peer of peers) {
    expect(readDocRecords(peer.doc)).toEqual(records)
    expect(getMetaMap(peer.doc).get(SCHEMA_KEY)).toEqual(getMetaMap(room.doc).get(SCHEMA_KEY))
    expect(peer.doc.getText('codraft:shape:block').toString()).toBe(room.doc.getText('codraft:shape:block').toString())
  }
}

it(`random concurrent edits, rule-breaking ones mixed in, converge to a board that keeps every rule (seed ${seed})`, () => {
  console.log(`[board rules] BOARD_RULES_SEED=${seed} BOARD_RULES_REPEAT=${repeat}`)
  for (let i = 0; i < repeat; i++) {
    const runSeed = (seed + i) >>> 0
    try {
      run(runSeed)
    } catch (error) {
      throw new Error(`broke a rule or diverged; replay with BOARD_RULES_SEED=${runSeed} BOARD_RULES_REPEAT=1`, {
        cause: error,
      })
    }
  }
})
