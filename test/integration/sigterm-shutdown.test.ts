import { afterEach, expect, it } from 'vitest'
import { createBoard } from '../support/boards.ts'
import { spawnServer, type ServerProcess } from '../support/serverProcess.ts'
import { makeTempDir, removeTempDir } from '../support/tempDir.ts'
import { openTestStorage } from '../support/testStorage.ts'
import { waitUntil } from '../support/waitUntil.ts'
import { connectSyncedClient, type YClient } from '../support/yClient.ts'

let dataDir: string | undefined
let server: ServerProcess | undefined
const clients: YClient[] = []

afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy()
  await server?.stop()
  removeTempDir(dataDir)
})

it('on SIGTERM closes connections, compacts every open board and exits 0', async () => {
  dataDir = makeTempDir('cg-int-sigterm-')
  server = await spawnServer({ DATA_DIR: dataDir, COMPACT_AFTER_UPDATES: '1000' })
  const board = await createBoard(server.url, 'Risk map')
  const writer = await connectSyncedClient(server.url, board.id, board.tokens.editor)
  const reader = await connectSyncedClient(server.url, board.id, board.tokens.editor)
  clients.push(writer, reader)
  for (let i = 0; i < 20; i++) writer.doc.getMap('risks').set(`risk-${i}`, `Risk ${i}`)
  await waitUntil('the reader has every edit', () => reader.doc.getMap('risks').size === 20)

  let closedByServer = 0
  reader.provider.on('connection-close', (event) => {
    if (event?.code === 1001) closedByServer++
  })
  expect(await server.stop('SIGTERM')).toEqual({ code: 0, signal: null })
  expect(closedByServer).toBe(1)
  expect(server.output()).toContain('shutting down')

  // Everything is in one snapshot; the update log was folded into it before exit.
  const storage = await openTestStorage(dataDir)
  const stats = await storage.docStats(board.id)
  await storage.close()
  expect(stats.updateCount).toBe(0)
  expect(stats.snapshotBytes).toBeGreaterThan(0)
})
