import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { WebSocket, WebSocketServer } from 'ws'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as Y from 'yjs'
import { SqliteStorage } from '@cg/storage'
import { encodeAwareness } from './protocol.ts'
import { SyncServer } from './SyncServer.ts'

const cleanups: (() => Promise<unknown> | void)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

interface Reported {
  docName: string
  grant: unknown
  value: string
}

/** A sync server whose rooms `board-*` watch `state.user.name`, each connection let in with its own grant. */
async function startWatchedServer(): Promise<{ url: string; reported: Reported[]; selected: () => number }> {
  const storage = new SqliteStorage(':memory:')
  const reported: Reported[] = []
  let selects = 0
  let connections = 0
  const sync = new SyncServer({
    storage,
    unloadGraceMs: 0,
    authorize: async () => ({ ok: true, grant: { connection: ++connections } }),
    presenceFromGrant: () => ({ role: 'editor' }),
    presenceWatch: (docName) =>
      docName.startsWith('board-')
        ? {
            select: (state) => {
              selects++
              if (state.breaksTheWatch) throw new Error('a bug in the app’s watch')
              const name = (state.user as { name?: unknown } | undefined)?.name
              return typeof name === 'string' ? name : null
            },
            changed: (room, grant, value) => reported.push({ docName: room, grant, value }),
          }
        : undefined,
  })
  const http = createServer()
  const wss = new WebSocketServer({ server: http })
  wss.on('connection', (socket, request) => void sync.handleConnection(socket, request.url!.slice(1), request))
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve))
  cleanups.push(async () => {
    await sync.close()
    wss.close()
    await new Promise((resolve) => http.close(resolve))
    await storage.close()
  })
  return { url: `ws://127.0.0.1:${(http.address() as AddressInfo).port}`, reported, selected: () => selects }
}

/** A tab: its presence, sent to the server as y-websocket sends it. */
async function tab(url: string) {
  const socket = new WebSocket(url)
  cleanups.push(() => socket.terminate())
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject))
  const awareness = new awarenessProtocol.Awareness(new Y.Doc())
  cleanups.push(() => awareness.destroy())
  const send = (state: Record<string, unknown>) => {
    awareness.setLocalState(state)
    socket.send(encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(awareness, [awareness.clientID])))
  }
  return { socket, send }
}

async function until(condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 5_000
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time')
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

describe('watching a value of each connection’s presence', () => {
  it('reports a connection’s value when it first shows and when it changes, not on every cursor move', async () => {
    const { url, reported, selected } = await startWatchedServer()
    const { send } = await tab(`${url}/board-a`)
    send({ cursor: { x: 1 } })
    await until(() => selected() === 1)
    expect(reported).toEqual([])
    for (let x = 2; x < 30; x++) send({ user: { name: 'مريم' }, cursor: { x } })
    await until(() => selected() === 29)
    expect(reported).toEqual([{ docName: 'board-a', grant: { connection: 1 }, value: 'مريم' }])
    send({ user: { name: 'Maryam' }, cursor: { x: 30 } })
    await until(() => reported.length === 2)
    expect(reported[1]).toEqual({ docName: 'board-a', grant: { connection: 1 }, value: 'Maryam' })

    // Another connection with the same name is its own; a room nobody watches costs nothing.
    const { send: other } = await tab(`${url}/board-a`)
    other({ user: { name: 'Maryam' } })
    await until(() => reported.length === 3)
    expect(reported[2]).toEqual({ docName: 'board-a', grant: { connection: 2 }, value: 'Maryam' })
    const { send: unwatched } = await tab(`${url}/workshop-a`)
    unwatched({ user: { name: 'Ahmed' } })
    send({ user: { name: 'Maryam' }, cursor: { x: 31 } })
    await until(() => selected() === 32)
    expect(reported).toHaveLength(3)
  })

  it('keeps the presence and the connection when the app’s watch fails', async () => {
    const { url, reported, selected } = await startWatchedServer()
    const { socket, send } = await tab(`${url}/board-b`)
    send({ breaksTheWatch: true, user: { name: 'Amina' } })
    send({ user: { name: 'Amina' } })
    await until(() => reported.length === 1)
    expect(selected()).toBe(2)
    expect(socket.readyState).toBe(WebSocket.OPEN)
  })
})
