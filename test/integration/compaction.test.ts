import { setTimeout } from 'node:timers/promises'
import { afterAll, beforeAll, expect, it } from 'vitest'
import * as Y from 'yjs'
import { createBoard, type CreatedBoard } from '../support/boards.ts'
import { startTestServer, type TestServer } from '../support/testServer.ts'
import { waitUntil } from '../support/waitUntil.ts'
import { connectSyncedClient, type YClient } from '../support/yClient.ts'

const COMPACT_AFTER_UPDATES = 50
const EDITS = 2_000
const KEYS = ['shape:a', 'shape:b', 'shape:c', 'shape:d', 'shape:e']

let server: TestServer
const clients: YClient[] = []

beforeAll(async () => {
  server = await startTestServer({
    env: { COMPACT_AFTER_UPDATES: String(COMPACT_AFTER_UPDATES), ROOM_UNLOAD_GRACE_MS: '100' },
  })
})
afterAll(async () => {
  for (const client of clients.splice(0)) client.destroy()
  await server?.stop()
})

async function connect(board: CreatedBoard): Promise<YClient> {
  const client = await connectSyncedClient(server.url, board.id, board.tokens.editor)
  clients.push(client)
  return client
}

const shapes = (doc: Y.Doc) => doc.getMap<{ x: number; rev: number }>('shapes')

it('keeps the stored update log bounded under many edits and leaves one snapshot when the room unloads', async () => {
  const board = await createBoard(server.url)
  const writer = await connect(board)
  const watcher = await connect(board)

  // The log never holds COMPACT_AFTER_UPDATES entries, whenever one looks while edits stream in.
  let mostLogged = 0
  const sample = async () => {
    mostLogged = Math.max(mostLogged, (await server.storage.docStats(board.id)).updateCount)
  }

  // 2,000 edits of the same few records, each its own update, as a dragged shape produces: a hundred at a time,
  // within what the server takes from one connection (a burst of 1,000 updates, its own sync among them, then 200
  // a second).
  let loggedBytesWithoutCompaction = 0
  writer.doc.on('update', (update: Uint8Array) => (loggedBytesWithoutCompaction += update.byteLength))
  for (let i = 0; i < EDITS; i++) {
    shapes(writer.doc).set(KEYS[i % KEYS.length]!, { x: i, rev: i })
    if (i % 100 === 99) {
      await setTimeout(i < 800 ? 0 : 700) // let the server take in what was sent so far
      await sample()
    }
  }
  const last = EDITS - 1
  await waitUntil('the watcher holds the last edit', async () => {
    await sample()
    return shapes(watcher.doc).get(KEYS[last % KEYS.length]!)?.rev === last
  })
  expect(mostLogged).toBeLessThan(COMPACT_AFTER_UPDATES)
  expect(writer.disconnects).toBe(0)

  const room = (await server.sync.getLoadedRoom(board.id))!
  await room.flush()
  // Leave a few edits in the log (fewer than the threshold), so unloading has something to fold in.
  for (let rev = EDITS; (await server.storage.docStats(board.id)).updateCount === 0; rev++) {
    shapes(writer.doc).set('shape:a', { x: -1, rev })
    await waitUntil('the watcher holds the extra edit', () => shapes(watcher.doc).get('shape:a')?.rev === rev)
    await room.flush()
  }
  const stateBytes = Y.encodeStateAsUpdate(writer.doc).byteLength
  const live = await server.storage.docStats(board.id)
  expect(live.updateCount).toBeGreaterThan(0)
  expect(live.updateCount).toBeLessThan(COMPACT_AFTER_UPDATES)
  expect(live.snapshotBytes).toBeGreaterThan(0)
  // The snapshot is the compacted document, about the size of the document's own encoding...
  expect(live.snapshotBytes).toBeLessThanOrEqual(stateBytes * 2)
  expect(live.snapshotBytes).toBeGreaterThanOrEqual(stateBytes / 2)
  // ...and far less than an uncompacted log of every edit would hold.
  expect(live.snapshotBytes + live.updateBytes).toBeLessThan(loggedBytesWithoutCompaction / 2)

  const expected = shapes(writer.doc).toJSON()
  const expectedStateVector = Y.encodeStateVector(writer.doc)
  for (const client of clients.splice(0)) client.destroy()

  // Once nobody is on the board the room unloads and folds the rest of the log into the snapshot.
  await waitUntil('the room is unloaded', async () => (await server.sync.getLoadedRoom(board.id)) === undefined)
  await waitUntil('the update log is empty', async () => (await server.storage.docStats(board.id)).updateCount === 0)
  const unloaded = await server.storage.docStats(board.id)
  expect(unloaded.updateBytes).toBe(0)
  expect(unloaded.snapshotBytes).toBeLessThanOrEqual(stateBytes * 2)

  // The stored snapshot alone is the whole document...
  const stored = await server.storage.loadDoc(board.id)
  expect(stored.updates).toEqual([])
  const fromSnapshot = new Y.Doc()
  Y.applyUpdate(fromSnapshot, stored.snapshot!)
  expect(shapes(fromSnapshot).toJSON()).toEqual(expected)
  fromSnapshot.destroy()

  // ...and a client opening the board again (reloading the room) gets exactly that document.
  const reader = await connect(board)
  expect(shapes(reader.doc).toJSON()).toEqual(expected)
  expect(Y.encodeStateVector(reader.doc)).toEqual(expectedStateVector)
  expect(Object.keys(expected).sort()).toEqual([...KEYS].sort())
}, 60_000)
