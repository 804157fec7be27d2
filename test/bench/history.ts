import * as Y from 'yjs'
import { boardSchema } from '@cg/board-rules'
import { VersionReason } from '@cg/contract'
import { encodeStored, readVersionContent } from '@cg/history'
import { getMetaMap, getRecordsKeyValue, SCHEMA_KEY } from '@cg/tldraw-yjs/layout'
import { createBoard } from '../support/boards.ts'
import { createRandom } from '../support/prng.ts'
import { noteRecord } from '../support/records.ts'
import { startTestServer } from '../support/testServer.ts'
import { waitUntil } from '../support/waitUntil.ts'
import { connectSyncedClient } from '../support/yClient.ts'

export interface HistoryResult {
  versions: number
  /** What the server stored for them (wholes and differences, gzipped). */
  versionBytes: number
  /** The same versions, each stored whole (gzipped): the reference. */
  wholeBytes: number
  /** The board's compacted Yjs state at the end. */
  stateBytes: number
  shapes: number
}

/**
 * A three-hour workshop's history, compressed in time: a board that starts with `notes` notes; every
 * "10 minutes" (18 rounds) people move 30 notes, rewrite 10, add 10 and delete 3, and the server takes its
 * automatic version; three named versions on the way. Versions go through the server's own BoardHistory.
 */
export async function measureHistory(notes: number): Promise<HistoryResult> {
  const server = await startTestServer({ env: { HISTORY_INTERVAL_MS: String(24 * 3_600_000) } })
  try {
    const board = await createBoard(server.url, 'Three-hour workshop')
    const client = await connectSyncedClient(server.url, board.id, board.tokens.facilitator)
    const kv = getRecordsKeyValue(client.doc)
    const random = createRandom(notes)
    let next = 0
    const note = (id: string, text: string) => noteRecord(id, text, { x: random.int(0, 4000), y: random.int(0, 3000) })
    client.doc.transact(() => {
      getMetaMap(client.doc).set(SCHEMA_KEY, boardSchema.serialize())
      kv.set('page:page', { id: 'page:page', typeName: 'page', name: 'Page 1', index: 'a1', meta: {} })
      for (; next < notes; next++) kv.set(`shape:n${next}`, note(`shape:n${next}`, `Idea ${next}: a line of text`))
    })
    const live = () => [...kv.map.keys()].filter((key) => key.startsWith('shape:'))
    const settled = async () => {
      const expected = JSON.stringify([...live()].sort())
      await server.sync.withRoom(board.id, async (room) =>
        waitUntil('the server has every edit', () => {
          const stored = Object.keys(readVersionContent(room.doc).records).filter((key) => key.startsWith('shape:'))
          return JSON.stringify(stored.sort()) === expected
        }),
      )
    }
    let wholeBytes = 0
    let versions = 0
    for (let round = 0; round < 18; round++) {
      client.doc.transact(() => {
        const ids = live()
        for (let i = 0; i < 30; i++) {
          const id = random.pick(ids)
          kv.set(id, { ...(kv.get(id) as object), x: random.int(0, 4000) })
        }
        for (let i = 0; i < 10; i++) {
          const id = random.pick(ids)
          kv.set(id, note(id, `Rewritten in round ${round}: ${id}`))
        }
        for (let i = 0; i < 10; i++, next++) kv.set(`shape:n${next}`, note(`shape:n${next}`, `Round ${round} idea`))
        for (let i = 0; i < 3; i++) kv.delete(random.pick(live()))
      })
      await settled()
      const named = round % 6 === 5
      await server.history.take(
        board.id,
        named ? VersionReason.named : VersionReason.interval,
        named ? `Step ${round}` : null,
      )
      versions++
      wholeBytes += await server.sync.withRoom(
        board.id,
        async (room) => encodeStored(readVersionContent(room.doc)).byteLength,
      )
    }
    const stored = await server.storage.listVersions(board.id)
    const stateBytes = await server.sync.withRoom(board.id, async (room) => Y.encodeStateAsUpdate(room.doc).byteLength)
    client.destroy()
    return {
      versions,
      versionBytes: stored.reduce((sum, version) => sum + version.bytes, 0),
      wholeBytes,
      stateBytes,
      shapes: live().length,
    }
  } finally {
    await server.stop()
  }
}
