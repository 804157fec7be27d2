import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { getRecordsKeyValue } from '@cg/tldraw-yjs'
import { createBoard } from '../support/boards.ts'
import { connectRawWebSocket } from '../support/rawSockets.ts'
import { noteRecord } from '../support/records.ts'
import { startSlowLink, type SlowLink } from '../support/slowLink.ts'
import { startTestServer, type TestServer } from '../support/testServer.ts'
import { connectClient, connectSyncedClient, type YClient } from '../support/yClient.ts'

// Pings four times a second, so a board that takes seconds to arrive spans many heartbeats.
const HEARTBEAT_MS = 250
const LINK_BYTES_PER_SECOND = 100 * 1024

let server: TestServer
let link: SlowLink
const clients: YClient[] = []

beforeAll(async () => {
  // Without websocket compression the link carries the board's own bytes: compressed, this repetitive board would
  // arrive in a fraction of a heartbeat and prove nothing about liveness.
  server = await startTestServer({ env: { HEARTBEAT_MS: String(HEARTBEAT_MS), COMPRESSION: 'off' } })
  link = await startSlowLink(server.url, LINK_BYTES_PER_SECOND)
})
afterAll(async () => {
  for (const client of clients.splice(0)) client.destroy()
  await link?.close()
  await server?.stop()
})

describe('liveness on a slow link', () => {
  it('keeps a client that is still receiving a large board, across many heartbeats', async () => {
    const board = await createBoard(server.url)
    const writer = await connectSyncedClient(server.url, board.id, board.tokens.editor)
    clients.push(writer)
    const records = getRecordsKeyValue(writer.doc)
    writer.doc.transact(() => {
      for (let i = 0; i < 600; i++) records.set(`shape:n${i}`, noteRecord(`shape:n${i}`, `note ${i} `.repeat(90)))
    })
    // What a newcomer downloads, read by a fast reader once the server has it all.
    let boardBytes: number
    for (;;) {
      const reader = await connectSyncedClient(server.url, board.id, board.tokens.viewer)
      const { size } = getRecordsKeyValue(reader.doc).map
      boardBytes = Y.encodeStateAsUpdate(reader.doc).byteLength
      reader.destroy()
      if (size === 600) break
    }
    expect(boardBytes).toBeGreaterThan(500 * 1024)

    const started = Date.now()
    const slow = connectClient(link.url, board.id, board.tokens.viewer)
    clients.push(slow)
    await slow.synced({ timeoutMs: 30_000 })
    const seconds = (Date.now() - started) / 1000
    console.log(
      `[slow link] ${Math.round(boardBytes / 1024)} KiB board over ${LINK_BYTES_PER_SECOND / 1024} KiB/s: ` +
        `loaded in ${seconds.toFixed(1)} s, ${Math.floor((seconds * 1000) / HEARTBEAT_MS)} heartbeats, ${slow.disconnects} drops`,
    )
    expect(seconds * 1000).toBeGreaterThan(4 * HEARTBEAT_MS)
    expect(getRecordsKeyValue(slow.doc).map.size).toBe(600)
    expect(slow.disconnects).toBe(0)
  })

  it('still drops a peer that stops answering pings, within a few heartbeats', async () => {
    const board = await createBoard(server.url)
    const silent = connectRawWebSocket(server.url, board.id, board.tokens.viewer, { answerPings: false })
    await silent.opened
    const opened = Date.now()
    const closed = await silent.closed
    const seconds = (Date.now() - opened) / 1000
    console.log(
      `[slow link] a peer that never answers pings was dropped after ${seconds.toFixed(2)} s (code ${closed.code})`,
    )
    expect(closed.code).toBe(1006)
    expect(seconds * 1000).toBeLessThan(10 * HEARTBEAT_MS)
  })
})
