import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import * as Y from 'yjs'
import { boardSchema } from '@cg/board-rules'
import {
  CloseCode,
  CloseReason,
  privateRoomPrefix,
  REFUSAL_MESSAGE_TYPE,
  RefusalReason,
  roomName,
  VersionReason,
  type VersionView,
} from '@cg/contract'
import { getMetaMap, getRecordsKeyValue, readDocRecords, SCHEMA_KEY } from '@cg/tldraw-yjs/layout'
import { bearer, createBoard, wsBase } from '../support/boards.ts'
import { startLatencyProbe } from '../support/latencyProbe.ts'
import { awarenessFrame, syncFrame } from '../support/rawSockets.ts'
import { noteRecord } from '../support/records.ts'
import { spawnServer, type ServerProcess } from '../support/serverProcess.ts'
import { makeTempDir, removeTempDir } from '../support/tempDir.ts'
import { openTestStorage } from '../support/testStorage.ts'
import { waitUntil } from '../support/waitUntil.ts'
import { connectSyncedClient, type YClient } from '../support/yClient.ts'

/*
 * What one participant link can do to everyone else who holds the same link: the attacks as found (a second
 * socket rewrote another participant's presence; 200 private rooms stored from one link; a "before large
 * deletion" version forced on every cycle of deleting and adding back twenty notes), each against a real
 * server process.
 */

const MAX_PRIVATE_ROOMS = 8
const NEW_PRIVATE_ROOMS_PER_ADDRESS = 5
const MAX_BOARD_BYTES = 1024 * 1024

let server: ServerProcess
let dataDir: string
const clients: YClient[] = []
const sockets: WebSocket[] = []

beforeAll(async () => {
  dataDir = makeTempDir('cg-participant-')
  server = await spawnServer({
    DATA_DIR: dataDir,
    TRUST_PROXY: 'loopback',
    MAX_PRIVATE_ROOMS_PER_BOARD: String(MAX_PRIVATE_ROOMS),
    NEW_PRIVATE_ROOMS_PER_10_MINUTES: String(NEW_PRIVATE_ROOMS_PER_ADDRESS),
    MAX_BOARD_BYTES: String(MAX_BOARD_BYTES),
  })
})
afterAll(async () => {
  for (const client of clients.splice(0)) client.destroy()
  for (const socket of sockets.splice(0)) socket.terminate()
  await server?.stop()
  removeTempDir(dataDir)
})

async function connect(room: string, token: string): Promise<YClient> {
  const client = await connectSyncedClient(server.url, room, token)
  clients.push(client)
  return client
}

/** A bare websocket on `room`, from `address` (as a trusted proxy reports it). */
function rawSocket(room: string, token: string, address = '198.51.100.1') {
  const socket = new WebSocket(`${wsBase(server.url)}/${room}?token=${encodeURIComponent(token)}`, {
    headers: { 'x-forwarded-for': address },
  })
  sockets.push(socket)
  socket.on('error', () => {})
  const messages: Buffer[] = []
  socket.on('message', (data: Buffer) => messages.push(data))
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    socket.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  )
  // Let in: the room sends its sync step 1 (a socket opens before the server has checked its link).
  const opened = new Promise<boolean>((resolve) => {
    socket.once('message', () => resolve(true))
    void closed.then(() => resolve(false))
  })
  return { socket, messages, opened, closed }
}

/** An update setting one record, as a client's sync message. */
function recordFrame(key: string, val: unknown): Uint8Array {
  const doc = new Y.Doc()
  getRecordsKeyValue(doc).set(key, val)
  return syncFrame(2, Y.encodeStateAsUpdate(doc))
}

const privateKey = (i: number) => `K${String(i).padStart(21, '0')}`

describe('one participant link, many people', () => {
  it('cannot rewrite or remove another participant’s presence from a second socket on the same link', async () => {
    const board = await createBoard(server.url, 'Presence')
    const other = await createBoard(server.url, 'Elsewhere')
    const amina = await connect(board.id, board.tokens.editor)
    amina.provider.awareness.setLocalStateField('user', { name: 'Amina' })
    const watcher = await connect(board.id, board.tokens.viewer)
    const id = amina.doc.clientID
    await waitUntil('Amina is seen', () => watcher.provider.awareness.getStates().has(id))

    const probe = await startLatencyProbe(`${server.url}/api/boards/${other.id}`, bearer(other.tokens.viewer))
    const attacker = rawSocket(board.id, board.tokens.editor)
    expect(await attacker.opened).toBe(true)
    for (let clock = 1_000; clock < 1_200; clock++) {
      attacker.socket.send(awarenessFrame([[id, clock, { user: { name: 'Amina (hijacked)' }, vote: { turnout: 99 } }]]))
    }
    attacker.socket.send(awarenessFrame([[id, 5_000, null]]))
    // Amina's tab answers the server's ping (it is alive), so nothing the attacker sent about her applies.
    await new Promise((resolve) => setTimeout(resolve, 1_500))
    const latency = await probe.stop()
    expect(watcher.provider.awareness.getStates().get(id)).toMatchObject({ user: { name: 'Amina' } })
    expect(watcher.provider.awareness.getStates().get(id)).not.toHaveProperty('vote')
    expect(amina.provider.awareness.getStates().get(id)).toMatchObject({ user: { name: 'Amina' } })
    expect(amina.provider.wsconnected).toBe(true)
    expect(latency.failures).toBe(0)
    expect(latency.p99).toBeLessThan(200)
    // Amina herself still changes it.
    amina.provider.awareness.setLocalStateField('user', { name: 'Amina B.' })
    await waitUntil('her own change is seen', () => {
      const state = watcher.provider.awareness.getStates().get(id) as { user?: { name?: string } } | undefined
      return state?.user?.name === 'Amina B.'
    })
  })

  it('keeps a board to its share of private rooms, and an address to its share of new ones', async () => {
    const board = await createBoard(server.url, 'Private drafts')
    /** Opens private room `i` from `address` and stores a note in it; how the server answered. */
    const openPrivate = async (i: number, address: string) => {
      const room = rawSocket(
        roomName({ channel: 'private', boardId: board.id, key: privateKey(i) }),
        board.tokens.editor,
        address,
      )
      if (!(await room.opened)) return room.closed
      room.socket.send(recordFrame(`shape:d${i}`, noteRecord(`shape:d${i}`, `draft ${i}`)))
      await new Promise((resolve) => setTimeout(resolve, 100))
      room.socket.close()
      await room.closed
      return 'open'
    }
    const answers: unknown[] = []
    for (let i = 0; i < NEW_PRIVATE_ROOMS_PER_ADDRESS + 1; i++) answers.push(await openPrivate(i, '198.51.100.10'))
    // One address: five new rooms, then refused for a while (4029, the client retries later).
    expect(answers.slice(0, NEW_PRIVATE_ROOMS_PER_ADDRESS)).toEqual(Array(NEW_PRIVATE_ROOMS_PER_ADDRESS).fill('open'))
    expect(answers.at(-1)).toEqual({ code: CloseCode.RateLimited, reason: CloseReason.rateLimited })
    // Coming back to one's own room always works.
    expect(await openPrivate(0, '198.51.100.10')).toBe('open')
    // Other addresses fill the board's share; then the board is full for everyone (4403: the client stops).
    for (let i = 10; i < 10 + MAX_PRIVATE_ROOMS - NEW_PRIVATE_ROOMS_PER_ADDRESS; i++) {
      expect(await openPrivate(i, `203.0.113.${i}`)).toBe('open')
    }
    expect(await openPrivate(99, '203.0.113.99')).toEqual({
      code: CloseCode.Forbidden,
      reason: CloseReason.privateRoomsFull,
    })
    const storage = await openTestStorage(dataDir)
    try {
      expect(await storage.listDocNames(privateRoomPrefix(board.id))).toHaveLength(MAX_PRIVATE_ROOMS)
    } finally {
      await storage.close()
    }
  })

  it('keeps a private room to a sixteenth of a board', async () => {
    const board = await createBoard(server.url, 'Big drafts')
    const room = rawSocket(
      roomName({ channel: 'private', boardId: board.id, key: privateKey(1) }),
      board.tokens.editor,
      '198.51.100.200',
    )
    expect(await room.opened).toBe(true)
    room.socket.send(recordFrame('shape:big', noteRecord('shape:big', 'x'.repeat(MAX_BOARD_BYTES / 8))))
    await waitUntil('refused', () => room.messages.some((message) => message[0] === REFUSAL_MESSAGE_TYPE))
    const refusal = room.messages.find((message) => message[0] === REFUSAL_MESSAGE_TYPE)!
    expect(refusal.subarray(2).toString()).toBe(RefusalReason.boardTooLarge)
  })

  it('saves one "before a large deletion" version a minute, however often twenty notes are deleted and put back', async () => {
    const board = await createBoard(server.url, 'Cycling')
    const facilitator = await connect(board.id, board.tokens.facilitator)
    const notes = (from: number) => Array.from({ length: 20 }, (_, i) => `shape:n${from + i}`)
    facilitator.doc.transact(() => {
      getMetaMap(facilitator.doc).set(SCHEMA_KEY, boardSchema.serialize())
      const kv = getRecordsKeyValue(facilitator.doc)
      kv.set('page:page', { id: 'page:page', typeName: 'page', name: 'Page 1', index: 'a1', meta: {} })
      for (const id of notes(0)) kv.set(id, noteRecord(id, id))
    })
    const participant = await connect(board.id, board.tokens.editor)
    await waitUntil('notes arrived', () => readDocRecords(participant.doc).size === 21)
    for (let cycle = 0; cycle < 10; cycle++) {
      const kv = getRecordsKeyValue(participant.doc)
      participant.doc.transact(() => notes(0).forEach((id) => kv.delete(id)))
      participant.doc.transact(() => notes(0).forEach((id) => kv.set(id, noteRecord(id, `${id} again`))))
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
    await waitUntil('all cycles stored', async () => {
      const viewer = await connectSyncedClient(server.url, board.id, board.tokens.viewer)
      const text = JSON.stringify(readDocRecords(viewer.doc).get('shape:n0') ?? null)
      viewer.destroy()
      return text.includes('again')
    })
    const response = await fetch(`${server.url}/api/boards/${board.id}/versions`, {
      headers: bearer(board.tokens.facilitator),
    })
    const { versions } = (await response.json()) as { versions: VersionView[] }
    expect(versions.filter((version) => version.reason === VersionReason.beforeLargeDeletion)).toHaveLength(1)
  })
})
