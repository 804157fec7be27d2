import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { WebSocket, WebSocketServer } from 'ws'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as Y from 'yjs'
import { SqliteStorage } from '@cg/storage'
import { CloseCode } from './closeCodes.ts'
import { encodeAwareness } from './protocol.ts'
import { Room } from './Room.ts'
import { SyncServer, type SyncServerOptions } from './SyncServer.ts'

interface Harness {
  sync: SyncServer
  url: string
  storage: SqliteStorage
}

const cleanups: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function startHarness(options: Partial<SyncServerOptions> = {}): Promise<Harness> {
  const storage = new SqliteStorage(':memory:')
  const sync = new SyncServer({ storage, unloadGraceMs: 0, ...options })
  const http: Server = createServer()
  const wss = new WebSocketServer({ server: http })
  wss.on('connection', (socket, request) => void sync.handleConnection(socket, request.url!.slice(1), request))
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve))
  cleanups.push(async () => {
    await sync.close()
    wss.close()
    await new Promise((resolve) => http.close(resolve))
    await storage.close()
  })
  return { sync, storage, url: `ws://127.0.0.1:${(http.address() as AddressInfo).port}` }
}

function open(url: string): Promise<WebSocket> {
  const socket = new WebSocket(url)
  cleanups.push(() => socket.terminate())
  return new Promise((resolve, reject) => {
    socket.once('open', () => resolve(socket))
    socket.once('error', reject)
  })
}

const closeCode = (socket: WebSocket) => new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)))

/** An awareness message announcing `clientID` with `clock`, as a y-websocket client sends it. */
function awarenessOf(clientID: number, clock: number): Uint8Array {
  const doc = new Y.Doc()
  doc.clientID = clientID
  const awareness = new awarenessProtocol.Awareness(doc)
  for (let i = 1; i < clock; i++) awareness.setLocalState({ name: `tab ${i}` })
  awareness.setLocalState({ name: 'Amina' })
  const message = encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(awareness, [clientID]))
  awareness.destroy()
  return message
}

describe('SyncServer', () => {
  it('closes with 1001 and loads nothing when shutdown begins while a connection is being authorised', async () => {
    let allow!: () => void
    const authorised = new Promise<void>((resolve) => (allow = resolve))
    const { sync, url } = await startHarness({
      authorize: async () => {
        await authorised
        return { ok: true }
      },
    })
    const socket = await open(`${url}/board-a`)
    const closed = closeCode(socket)
    const stopping = sync.close()
    allow()
    await stopping
    expect(await closed).toBe(CloseCode.GoingAway)
    expect(await sync.getLoadedRoom('board-a')).toBeUndefined()
  })

  it('keeps a reconnected client’s presence when its old socket goes away later', async () => {
    const { sync, url } = await startHarness()
    const oldSocket = await open(`${url}/board-b`)
    oldSocket.send(awarenessOf(42, 1))
    const room = await waitForRoom(sync, 'board-b')
    await until(() => room.awareness.getStates().has(42))
    // The same tab reconnects (same client id, newer clock) before the server noticed the old socket died.
    const newSocket = await open(`${url}/board-b`)
    newSocket.send(awarenessOf(42, 2))
    await until(() => room.awareness.meta.get(42)?.clock === 2)
    const oldClosed = closeCode(oldSocket)
    oldSocket.terminate()
    await oldClosed
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(room.awareness.getStates().get(42)).toEqual({ name: 'Amina' })
  })
})

describe('Room', () => {
  it('never compacts over a stored part that did not load, so it stays for recovery', async () => {
    const storage = new SqliteStorage(':memory:')
    cleanups.push(() => storage.close())
    const damaged = new Uint8Array([1, 2, 3, 250, 250, 250])
    await storage.compactDoc('board-c', damaged, 0)
    const room = await Room.load('board-c', storage, { compactAfterUpdates: 1 }, silent)
    const writer = new Y.Doc()
    writer.getMap('m').set('k', 'v')
    const fake = { readyState: WebSocket.OPEN, send: () => {}, close: () => {} } as unknown as WebSocket
    room.addConnection(fake)
    room.handleMessage(fake, { kind: 'update', update: Y.encodeStateAsUpdate(writer) })
    await room.flush()
    await room.unload()
    const stored = await storage.loadDoc('board-c')
    expect(Array.from(stored.snapshot ?? [])).toEqual(Array.from(damaged))
    expect(stored.updates).toHaveLength(1)
  })
})

const silent = { debug() {}, info() {}, warn() {}, error() {} }

async function until(condition: () => boolean | Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time')
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

async function waitForRoom(sync: SyncServer, name: string): Promise<Room> {
  await until(async () => (await sync.getLoadedRoom(name)) !== undefined)
  return (await sync.getLoadedRoom(name))!
}
