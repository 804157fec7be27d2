import { randomBytes } from 'node:crypto'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { CloseCode, CloseReason } from '@cg/contract'
import { createBoard } from '../support/boards.ts'
import {
  afterHandshake,
  connectRawWebSocket,
  syncFrame,
  decodeServerFrames,
  encodeFrame,
  openTcp,
  upgradeOverTcp,
  upgradeRequest,
  type CloseInfo,
} from '../support/rawSockets.ts'
import { startTestServer, type TestServer } from '../support/testServer.ts'
import { waitUntil } from '../support/waitUntil.ts'
import { connectClient, connectSyncedClient, type YClient } from '../support/yClient.ts'

const MAX_MESSAGE_BYTES = 64 * 1024
const UNKNOWN_BOARD = 'AAAAAAAAAAAAAAAAAAAAAA'

let server: TestServer
let boardId: string
let editorToken: string
let alice: YClient
let bob: YClient
let round = 0

beforeAll(async () => {
  server = await startTestServer({ env: { MAX_MESSAGE_BYTES: String(MAX_MESSAGE_BYTES) } })
  const board = await createBoard(server.url, 'Bad input')
  boardId = board.id
  editorToken = board.tokens.editor
  alice = await connectSyncedClient(server.url, boardId, editorToken)
  bob = await connectSyncedClient(server.url, boardId, editorToken)
})
afterAll(async () => {
  alice?.destroy()
  bob?.destroy()
  await server?.stop()
})

/** The well-behaved pair still trades edits both ways over the connections they opened at the start. */
async function expectWellBehavedClientsSyncing() {
  const key = `round-${++round}`
  alice.doc.getMap('checks').set(key, 'from alice')
  await waitUntil(`bob sees ${key}`, () => bob.doc.getMap('checks').get(key) === 'from alice')
  bob.doc.getText('notes').insert(0, `${key} `)
  await waitUntil(`alice sees bob's ${key}`, () => alice.doc.getText('notes').toString().startsWith(`${key} `))
  expect(alice.disconnects).toBe(0)
  expect(bob.disconnects).toBe(0)
}

async function expectServerServing() {
  expect((await fetch(`${server.url}/healthz`)).status).toBe(200)
}

beforeEach(expectWellBehavedClientsSyncing)
afterEach(async () => {
  await expectWellBehavedClientsSyncing()
  await expectServerServing()
})

/** Opens a bare websocket on the board, sends `frame` once the server is ready, and returns how it was closed. */
async function sendAndAwaitClose(frame: string | Uint8Array, board = boardId): Promise<CloseInfo> {
  const raw = connectRawWebSocket(server.url, board, editorToken)
  await raw.opened
  raw.socket.send(frame)
  return raw.closed
}

describe('websocket frames that break the y-websocket protocol', () => {
  it('closes a text frame with 1003', async () => {
    expect(await sendAndAwaitClose('{"type":"hello"}')).toEqual({
      code: CloseCode.UnsupportedData,
      reason: CloseReason.textFrame,
    })
  })

  it('closes a binary frame of an unknown message type with 1002', async () => {
    expect(await sendAndAwaitClose(new Uint8Array([99, 1, 2, 3]))).toEqual({
      code: CloseCode.ProtocolError,
      reason: CloseReason.unknownMessageType,
    })
  })

  it('closes random bytes with 1002', async () => {
    const garbage = randomBytes(64)
    garbage[0] = 0x7f // never a known message type
    expect((await sendAndAwaitClose(garbage)).code).toBe(CloseCode.ProtocolError)
  })

  it('closes a truncated sync message with 1002', async () => {
    const step1 = syncFrame(0, Y.encodeStateVector(alice.doc))
    expect(await sendAndAwaitClose(step1.subarray(0, step1.length - 1))).toEqual({
      code: CloseCode.ProtocolError,
      reason: CloseReason.malformedMessage,
    })
  })

  it('closes an update that does not decode with 1002 and stores nothing', async () => {
    const room = (await server.sync.getLoadedRoom(boardId))!
    await room.flush()
    const statsBefore = await server.storage.docStats(boardId)

    // A real update from another doc, cut short: its length prefix is right, its content is not.
    const other = new Y.Doc()
    other.getMap('checks').set('poison', 'x'.repeat(100))
    const update = Y.encodeStateAsUpdate(other)
    other.destroy()
    for (const syncType of [1, 2]) {
      expect(await sendAndAwaitClose(syncFrame(syncType, update.subarray(0, update.length - 20)))).toEqual({
        code: CloseCode.ProtocolError,
        reason: CloseReason.invalidUpdate,
      })
    }

    await room.flush()
    expect(await server.storage.docStats(boardId)).toEqual(statsBefore)
    const fresh = await connectSyncedClient(server.url, boardId, editorToken)
    try {
      expect(fresh.doc.getMap('checks').has('poison')).toBe(false)
      expect(fresh.doc.getMap('checks').toJSON()).toEqual(alice.doc.getMap('checks').toJSON())
      expect(Y.encodeStateVector(fresh.doc)).toEqual(Y.encodeStateVector(alice.doc))
    } finally {
      fresh.destroy()
    }
  })

  it('closes an update that decodes but cannot be applied with 1002, and neither forwards nor keeps it', async () => {
    // A one-entry map update whose item claims a parent it cannot have: it decodes, but Yjs throws applying it.
    const POISON_CLIENT = 1
    const poison = Buffer.from('010101000301016d016b0177017600', 'hex')
    expect(() => Y.decodeUpdate(poison)).not.toThrow()
    expect(() => Y.applyUpdate(new Y.Doc(), poison)).toThrow()

    expect(await sendAndAwaitClose(syncFrame(2, poison))).toEqual({
      code: CloseCode.ProtocolError,
      reason: CloseReason.invalidUpdate,
    })
    const room = (await server.sync.getLoadedRoom(boardId))!
    await room.flush()

    // The peers never got it (their state vectors know no such client)...
    await expectWellBehavedClientsSyncing()
    for (const peer of [alice, bob]) {
      expect(Y.decodeStateVector(Y.encodeStateVector(peer.doc)).has(POISON_CLIENT)).toBe(false)
    }
    // ...the stored log no longer holds it...
    const stored = await server.storage.loadDoc(boardId)
    expect(stored.updates.some((update) => Buffer.from(update).equals(poison))).toBe(false)
    // ...and a client opening the board now finds the board's content as the peers have it.
    const fresh = await connectSyncedClient(server.url, boardId, editorToken)
    try {
      expect(fresh.doc.getMap('checks').toJSON()).toEqual(alice.doc.getMap('checks').toJSON())
      expect(fresh.doc.getText('notes').toString()).toBe(alice.doc.getText('notes').toString())
    } finally {
      fresh.destroy()
    }
  })

  it('closes a frame over MAX_MESSAGE_BYTES with 1009', async () => {
    const update = new Uint8Array(MAX_MESSAGE_BYTES + 1024)
    expect((await sendAndAwaitClose(syncFrame(2, update))).code).toBe(CloseCode.MessageTooBig)
  })
})

describe('connections to boards that do not exist', () => {
  it.each([UNKNOWN_BOARD, 'not-a-board-id'])('closes a connection to %s with 4404 board-not-found', async (id) => {
    const raw = connectRawWebSocket(server.url, id, editorToken)
    expect(await raw.closed).toEqual({ code: CloseCode.NotFound, reason: CloseReason.boardNotFound })
  })

  it('stops a stock y-websocket client from retrying', async () => {
    const client = connectClient(server.url, UNKNOWN_BOARD, editorToken)
    try {
      const closed = await new Promise<{ code: number; reason: string }>((resolve) =>
        client.provider.once('closed', (event) => resolve(event)),
      )
      expect(closed).toEqual({ code: CloseCode.NotFound, reason: CloseReason.boardNotFound })
      expect(client.provider.shouldConnect).toBe(false)
    } finally {
      client.destroy()
    }
  })
})

describe('malformed websocket framing on a raw TCP connection', () => {
  it.each([
    ['a frame with RSV1 set though no extension was agreed', encodeFrame(new Uint8Array([0, 0, 1, 0]), { rsv1: true })],
    ['an unmasked client frame', encodeFrame(new Uint8Array([0, 0, 1, 0]), { masked: false })],
    ['a reserved opcode', encodeFrame(new Uint8Array([1, 2, 3]), { opcode: 0x3 })],
  ])('closes the connection after %s', async (_case, frame) => {
    const tcp = await upgradeOverTcp(server.url, `/ws/${boardId}?token=${editorToken}`)
    tcp.socket.write(frame)
    await tcp.closed
    const close = decodeServerFrames(afterHandshake(tcp.received())).find((f) => f.opcode === 0x8)
    expect(close?.payload.readUInt16BE(0)).toBe(CloseCode.ProtocolError)
  })
})

describe('websocket upgrades the server cannot route', () => {
  /** Sends a raw HTTP request and returns the status line of the answer (or '' if the server just hung up). */
  async function statusLineOf(request: string): Promise<string> {
    const tcp = await openTcp(server.url)
    tcp.socket.end(request)
    await tcp.closed
    return tcp.received().toString('latin1').split('\r\n')[0] ?? ''
  }

  it.each([
    ['an unknown path', '/nope'],
    ['broken percent-encoding in the board id', '/ws/%E0%A4%A'],
    ['a path that is not a URL', '//'],
  ])('refuses %s with 404', async (_case, path) => {
    expect(await statusLineOf(upgradeRequest(path))).toBe('HTTP/1.1 404 Not Found')
  })

  it('survives clients that reset the connection while being refused', async () => {
    for (let i = 0; i < 20; i++) {
      const tcp = await openTcp(server.url)
      tcp.socket.write(upgradeRequest('/nope'))
      tcp.socket.resetAndDestroy()
      await tcp.closed
    }
    // Give the server time to hit the reset sockets before the afterEach checks it still serves.
    await new Promise((resolve) => setTimeout(resolve, 200))
  })
})
