import { afterEach, expect, it } from 'vitest'
import * as Y from 'yjs'
import { bearer, createBoard, type CreatedBoard } from '../support/boards.ts'
import { makeTempDir, removeTempDir } from '../support/tempDir.ts'
import { startTestServer, type TestServer } from '../support/testServer.ts'
import { waitUntil } from '../support/waitUntil.ts'
import { connectSyncedClient, type YClient } from '../support/yClient.ts'

let dataDir: string | undefined
const servers: TestServer[] = []
const clients: YClient[] = []

afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy()
  await Promise.all(servers.splice(0).map((server) => server.close()))
  removeTempDir(dataDir)
})

/** The board's content through typed accessors (a fresh doc's `toJSON` cannot know the types yet). */
function content(doc: Y.Doc) {
  return {
    shapes: doc.getMap('shapes').toJSON(),
    notes: doc.getText('notes').toString(),
    order: doc.getArray('order').toJSON(),
  }
}

async function start(): Promise<TestServer> {
  const server = await startTestServer({ dataDir })
  servers.push(server)
  return server
}

async function connect(server: TestServer, board: CreatedBoard): Promise<YClient> {
  const client = await connectSyncedClient(server.url, board.id, board.tokens.editor)
  clients.push(client)
  return client
}

it('keeps a board’s document across a graceful restart on the same data dir', async () => {
  dataDir = makeTempDir('cg-int-restart-')
  const first = await start()
  const board = await createBoard(first.url, 'Logframe')
  const writer = await connect(first, board)
  const reader = await connect(first, board)

  Y.transact(writer.doc, () => {
    writer.doc.getMap('shapes').set('shape:goal', { text: 'Goal', x: 0, y: 0 })
    writer.doc.getMap('shapes').set('shape:outcome', { text: 'Outcome', x: 0, y: 200 })
  })
  writer.doc.getText('notes').insert(0, 'Agreed by all partners')
  writer.doc.getArray('order').push(['shape:goal', 'shape:outcome'])
  writer.doc.getMap('shapes').delete('shape:outcome')
  // The server stores an edit before it forwards it: once a peer sees the edits, they are on disk.
  await waitUntil(
    'the reader holds every edit',
    () => reader.doc.getArray('order').length === 2 && !reader.doc.getMap('shapes').has('shape:outcome'),
  )
  const expected = content(writer.doc)

  await first.close()
  for (const client of clients.splice(0)) client.destroy()

  const second = await start()
  // The graceful close compacted the log into one snapshot.
  expect(await second.storage.docStats(board.id)).toMatchObject({ updateCount: 0 })
  expect((await second.storage.docStats(board.id)).snapshotBytes).toBeGreaterThan(0)
  expect(
    await (await fetch(`${second.url}/api/boards/${board.id}`, { headers: bearer(board.tokens.viewer) })).json(),
  ).toMatchObject({ title: 'Logframe' })

  const fresh = await connect(second, board)
  expect(content(fresh.doc)).toEqual(expected)
  expect(expected).toEqual({
    shapes: { 'shape:goal': { text: 'Goal', x: 0, y: 0 } },
    notes: 'Agreed by all partners',
    order: ['shape:goal', 'shape:outcome'],
  })
})
