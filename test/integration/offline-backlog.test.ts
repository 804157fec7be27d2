import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CloseCode } from '@cg/contract'
import { getRecordsKeyValue } from '@cg/tldraw-yjs'
import { sendInChunks } from '@cg/update-chunks'
import { createBoard } from '../support/boards.ts'
import { noteRecord } from '../support/records.ts'
import { startTestServer, type TestServer } from '../support/testServer.ts'
import { waitUntil } from '../support/waitUntil.ts'
import { connectClient, connectSyncedClient, type YClient } from '../support/yClient.ts'

const MAX_MESSAGE_BYTES = 256 * 1024
const CHUNK_BYTES = 64 * 1024
const NOTES = 1_500

let server: TestServer
const clients: YClient[] = []

beforeAll(async () => {
  server = await startTestServer({ env: { MAX_MESSAGE_BYTES: String(MAX_MESSAGE_BYTES) } })
})
afterAll(async () => {
  for (const client of clients.splice(0)) client.destroy()
  await server?.stop()
})

async function connected(room: string, token: string, chunked: boolean): Promise<YClient & { closeCodes: number[] }> {
  const client = Object.assign(connectClient(server.url, room, token), { closeCodes: [] as number[] })
  clients.push(client)
  if (chunked) sendInChunks(client.provider, CHUNK_BYTES)
  client.provider.on('connection-close', (event) => {
    if (event) client.closeCodes.push(event.code)
  })
  await client.synced()
  return client
}

/** Notes made while the client was offline (or in one paste), about 1 KB each: far more than one message takes. */
function writeNotes(client: YClient, prefix: string) {
  const records = getRecordsKeyValue(client.doc)
  client.doc.transact(() => {
    for (let i = 0; i < NOTES; i++) {
      records.set(`shape:${prefix}${i}`, noteRecord(`shape:${prefix}${i}`, `${prefix} ${i} `.repeat(60)))
    }
  })
}

async function notesOnServer(boardId: string, token: string, prefix: string): Promise<number> {
  const reader = await connectSyncedClient(server.url, boardId, token)
  try {
    return [...getRecordsKeyValue(reader.doc).map.keys()].filter((key) => key.startsWith(`shape:${prefix}`)).length
  } finally {
    reader.destroy()
  }
}

describe('a large offline backlog', () => {
  it('never lands from a stock client: the server closes each try with 1009 (what the chunking fixes)', async () => {
    const board = await createBoard(server.url)
    const client = await connected(board.id, board.tokens.editor, false)
    client.provider.disconnect()
    writeNotes(client, 'stock')
    client.provider.connect()
    await waitUntil('three refused tries', () => client.closeCodes.length >= 3, { timeoutMs: 20_000 })
    expect(client.closeCodes.slice(0, 3)).toEqual([
      CloseCode.MessageTooBig,
      CloseCode.MessageTooBig,
      CloseCode.MessageTooBig,
    ])
    expect(await notesOnServer(board.id, board.tokens.viewer, 'stock')).toBe(0)
  })

  it('lands whole from a client that sends in chunks, over one connection, and others see it', async () => {
    const board = await createBoard(server.url)
    const client = await connected(board.id, board.tokens.editor, true)
    const watcher = await connected(board.id, board.tokens.viewer, false)
    client.provider.disconnect()
    writeNotes(client, 'offline')
    client.provider.connect()
    await waitUntil('the watcher has every note', () => getRecordsKeyValue(watcher.doc).map.size >= NOTES, {
      timeoutMs: 20_000,
    })
    expect(await notesOnServer(board.id, board.tokens.viewer, 'offline')).toBe(NOTES)
    expect(client.closeCodes).toEqual([])
    console.log(
      `[backlog] ${NOTES} notes offline, sent in ${CHUNK_BYTES / 1024} KiB chunks under a ${MAX_MESSAGE_BYTES / 1024} KiB limit: all landed`,
    )
  })

  it('lands a single huge change (one paste) made while connected', async () => {
    const board = await createBoard(server.url)
    const client = await connected(board.id, board.tokens.editor, true)
    writeNotes(client, 'paste')
    await waitUntil('stored', async () => (await notesOnServer(board.id, board.tokens.viewer, 'paste')) === NOTES, {
      timeoutMs: 20_000,
    })
    expect(client.closeCodes).toEqual([])
  })
})
