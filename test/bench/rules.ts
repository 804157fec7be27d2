import * as Y from 'yjs'
import { boardRules, boardSchema } from '@cg/board-rules'
import { getMetaMap, getRecordsKeyValue, SCHEMA_KEY } from '@cg/tldraw-yjs/layout'
import { guardedRoom } from '../../packages/board-rules/src/test/guardedRoom.ts'
import { noteRecord } from '../support/records.ts'
import { createRandom } from '../support/prng.ts'

export interface RulesResult {
  shapes: number
  updates: number
  /** Applying every update to a doc, as a room without rules does. */
  plainMs: number
  /** The same, each reviewed by the board rules inside its transaction (as the server does). */
  guardedMs: number
}

/**
 * What the board rules cost per update: a board of `shapes` notes, `updates` single-note moves made by a
 * participant's client, applied to a bare doc and to a doc under the rules. Run in this process, alternating,
 * so both see the same machine.
 */
export function measureRules(shapes: number, updates: number): RulesResult {
  const client = new Y.Doc()
  client.transact(() => {
    getMetaMap(client).set(SCHEMA_KEY, boardSchema.serialize())
    const kv = getRecordsKeyValue(client)
    kv.set('page:page', { id: 'page:page', typeName: 'page', name: 'Page 1', index: 'a1', meta: {} })
    for (let i = 0; i < shapes; i++) kv.set(`shape:n${i}`, noteRecord(`shape:n${i}`, `Note ${i}`, { x: i, y: i }))
  })
  const initial = Y.encodeStateAsUpdate(client)
  const random = createRandom(shapes)
  const moves: Uint8Array[] = []
  client.on('update', (update: Uint8Array) => moves.push(update))
  for (let i = 0; i < updates; i++) {
    const id = `shape:n${random.int(0, shapes - 1)}`
    getRecordsKeyValue(client).set(id, noteRecord(id, `Note ${id}`, { x: random.int(0, 5000), y: i }))
  }

  const plain = () => {
    const doc = new Y.Doc()
    Y.applyUpdate(doc, initial)
    const started = performance.now()
    for (const move of moves) Y.applyUpdate(doc, move, 'peer')
    return performance.now() - started
  }
  const guarded = () => {
    const room = guardedRoom((doc) => boardRules(doc, { roleOf: () => 'editor', scaffoldLocked: () => true }))
    room.receive(initial, 'facilitator')
    const started = performance.now()
    for (const move of moves) {
      if (room.receive(move, 'editor').reason) throw new Error('a valid move was refused')
    }
    return performance.now() - started
  }
  // Warm up, then three alternating measurements each; the medians are reported.
  plain()
  guarded()
  const plainRuns: number[] = []
  const guardedRuns: number[] = []
  for (let run = 0; run < 3; run++) {
    plainRuns.push(plain())
    guardedRuns.push(guarded())
  }
  const median = (values: number[]) => values.sort((a, b) => a - b)[1]!
  return { shapes, updates, plainMs: median(plainRuns), guardedMs: median(guardedRuns) }
}
