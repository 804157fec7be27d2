import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { WebSocket, WebSocketServer } from 'ws'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as Y from 'yjs'
import { SqliteStorage } from '@cg/storage'
import { CloseCode } from '@cg/contract'
import { encodeAwareness, encodeSyncStep1, encodeSyncStep2, encodeUpdate } from './protocol.ts'
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
  wss.on(
    'connection',
    (socket, request) => void sync.handleConnection(socket, request.url!.slice(1).split('?')[0]!, request),
  )
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve))
  cleanups.push(async () => {
    await sync.close()
    wss.close()
    await new Promise((resolve) => http.close(resolve))
    await storage.close()
  })
  return { sync, storage, url: `ws://127.0.0.1:${(http.address() as AddressInfo).port}` }
}

function open(url: string, { answerPings = true } = {}): Promise<WebSocket> {
  const socket = new WebSocket(url, { autoPong: answerPings })
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

  it('hands a reconnected tab its presence once its old socket no longer answers', async () => {
    const { sync, url } = await startHarness({ heartbeatMs: 500 })
    // The tab's old connection died without a close: it no longer answers pings.
    const oldSocket = await open(`${url}/board-b`, { answerPings: false })
    oldSocket.send(awarenessOf(42, 1))
    const room = await waitForRoom(sync, 'board-b')
    await until(() => room.awareness.getStates().has(42))
    // The same tab reconnects (same client id, newer clock) before the server noticed the old socket died.
    const newSocket = await open(`${url}/board-b`)
    newSocket.send(awarenessOf(42, 2))
    await until(() => room.awareness.meta.get(42)?.clock === 2)
    // The server let the old socket go (this side hears of it a moment later).
    await until(() => oldSocket.readyState === WebSocket.CLOSED)
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(room.awareness.getStates().get(42)).toEqual({ name: 'Amina' })
  })

  it('keeps a presence from another connection with the same grant while its own still answers', async () => {
    const { sync, url } = await startHarness({ heartbeatMs: 500 })
    const owner = await open(`${url}/board-h`)
    owner.send(awarenessOf(42, 1))
    const room = await waitForRoom(sync, 'board-h')
    await until(() => room.awareness.getStates().has(42))
    const pongs = new Promise<void>((resolve) => owner.once('ping', () => resolve()))
    const hijacker = await open(`${url}/board-h`)
    hijacker.send(awarenessOf(42, 5))
    // The owner is asked and answers; the claim is dropped.
    await pongs
    await new Promise((resolve) => setTimeout(resolve, 700))
    expect(room.awareness.meta.get(42)?.clock).toBe(1)
    expect(owner.readyState).toBe(WebSocket.OPEN)
  })
})

describe('SyncServer access', () => {
  it('drops sync step 2 and updates from a read-only connection but still serves it the document', async () => {
    const { sync, url, storage } = await startHarness({
      authorize: async (_doc, request) => ({ ok: true, readOnly: request?.url?.includes('viewer') ?? false }),
    })
    const writer = new Y.Doc()
    writer.getMap('m').set('title', 'Vision')
    const editor = await open(`${url}/board-r?as=editor`)
    editor.send(encodeUpdate(Y.encodeStateAsUpdate(writer)))
    const room = await waitForRoom(sync, 'board-r')
    await until(() => room.doc.getMap('m').get('title') === 'Vision')
    const before = Y.encodeStateAsUpdate(room.doc)

    const viewer = await open(`${url}/board-r?as=viewer`)
    // The viewer still gets the board: it asks with its own sync step 1 and the server answers with step 2.
    const answer = new Promise<Buffer>((resolve) =>
      viewer.on('message', (data: Buffer) => data[0] === 0 && data[1] === 1 && resolve(data)),
    )
    viewer.send(encodeSyncStep1(new Y.Doc()))
    expect((await answer).includes(Buffer.from('Vision'))).toBe(true)
    const forged = new Y.Doc()
    forged.getMap('m').set('title', 'Defaced')
    forged.getArray('extra').push(['x'])
    viewer.send(encodeSyncStep2(forged, new Uint8Array([0])))
    viewer.send(encodeUpdate(Y.encodeStateAsUpdate(forged)))
    await room.flush()
    await new Promise((resolve) => setTimeout(resolve, 50))
    await room.flush()
    expect(Y.encodeStateAsUpdate(room.doc)).toEqual(before)
    expect((await storage.loadDoc('board-r')).updates).toHaveLength(1)
    expect(viewer.readyState).toBe(WebSocket.OPEN)
  })

  it('applies server-made updates to a room nobody has open, storing them and unloading afterwards', async () => {
    const { sync, storage } = await startHarness()
    const change = new Y.Doc()
    change.getMap('m').set('revealed', true)
    await sync.withRoom('board-s', (room) => room.applyServerUpdate(Y.encodeStateAsUpdate(change)))
    expect((await storage.loadDoc('board-s')).updates).toHaveLength(1)
    await until(async () => (await sync.getLoadedRoom('board-s')) === undefined)
  })

  it('sends server-made updates to every connection, and closes connections by the grant they were given', async () => {
    const { sync, url } = await startHarness({
      authorize: async (_doc, request) => ({ ok: true, grant: request?.url?.split('?as=')[1] }),
    })
    const editor = await open(`${url}/board-t?as=editor`)
    const viewer = await open(`${url}/board-t?as=viewer`)
    const room = await waitForRoom(sync, 'board-t')
    await until(() => room.connectionCount === 2)
    const got = new Promise<Buffer>((resolve) => editor.on('message', (data: Buffer) => data[1] === 2 && resolve(data)))
    const change = new Y.Doc()
    change.getMap('m').set('k', 1)
    await sync.withRoom('board-t', (loaded) => loaded.applyServerUpdate(Y.encodeStateAsUpdate(change)))
    expect((await got).length).toBeGreaterThan(3)

    const viewerClosed = closeCode(viewer)
    expect(sync.closeConnections((_doc, grant) => grant === 'viewer', CloseCode.Unauthorized, 'link-rotated')).toBe(1)
    expect(await viewerClosed).toBe(CloseCode.Unauthorized)
    expect(editor.readyState).toBe(WebSocket.OPEN)
  })
})

describe('SyncServer dropping rooms', () => {
  it('closes their connections, waits for the write under way, then writes nothing more of them', async () => {
    const { sync, url, storage } = await startHarness()
    const writes: string[] = []
    let letWriteFinish!: () => void
    const writeHeld = new Promise<void>((resolve) => (letWriteFinish = resolve))
    const append = storage.appendUpdates.bind(storage)
    storage.appendUpdates = async (name, updates) => {
      writes.push(`append ${name}`)
      if (name === 'board-d') await writeHeld
      return append(name, updates)
    }
    const compact = storage.compactDoc.bind(storage)
    storage.compactDoc = async (name, state, upToSeq) => {
      writes.push(`compact ${name}`)
      return compact(name, state, upToSeq)
    }
    const editor = await open(`${url}/board-d`)
    const other = await open(`${url}/board-o`)
    const room = await waitForRoom(sync, 'board-d')
    const writer = new Y.Doc()
    writer.getMap('m').set('note', 'first')
    editor.send(encodeUpdate(Y.encodeStateAsUpdate(writer)))
    await until(() => writes.includes('append board-d'))
    // A server change queued behind the write under way is refused, never stored.
    const serverChange = new Y.Doc()
    serverChange.getMap('m').set('revealed', true)
    const refused = room.applyServerUpdate(Y.encodeStateAsUpdate(serverChange)).then(
      () => 'stored',
      () => 'refused',
    )
    const closed = closeCode(editor)
    let dropped = false
    const dropping = sync
      .dropRooms((name) => name.startsWith('board-d'), 4410, 'board-deleted')
      .then((counts) => {
        dropped = true
        return counts
      })
    expect(await closed).toBe(4410)
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(dropped).toBe(false)
    letWriteFinish()
    expect(await dropping).toEqual({ rooms: 1, connections: 1 })
    expect(await refused).toBe('refused')
    await new Promise((resolve) => setTimeout(resolve, 100))
    // The write under way landed; nothing came after it: no second batch, no compaction on unload.
    expect(writes.filter((write) => write.endsWith('board-d'))).toEqual(['append board-d'])
    expect(await sync.getLoadedRoom('board-d')).toBeUndefined()
    expect((await storage.loadDoc('board-d')).updates).toHaveLength(1)
    expect(other.readyState).toBe(WebSocket.OPEN)
  })

  it('refuses to load a room mayLoad refuses: a connection gets its close code, server work an error', async () => {
    const { sync, url } = await startHarness({
      mayLoad: async (name) => (name.startsWith('gone') ? { code: 4410, reason: 'board-deleted' } : null),
    })
    expect(await closeCode(await open(`${url}/gone-1`))).toBe(4410)
    await expect(sync.withRoom('gone-1', async () => 'loaded')).rejects.toThrow(/board-deleted/)
    expect(await sync.withRoom('here-1', async () => 'loaded')).toBe('loaded')
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
    const update = Y.encodeStateAsUpdate(writer)
    room.handleMessage(fake, { kind: 'update', update, decoded: Y.decodeUpdate(update) })
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
