/**
 * One process of the fan-out probe: a share of the clients in one room, each a stock client of the server under
 * test (y-websocket's WebsocketProvider, or Hocuspocus's own HocuspocusProvider), driven by the parent over IPC.
 * Writers set `probe[key] = send time`; every client that did not write a key records receive time − send time.
 * Several such processes hold the clients between them, so one event loop decoding every update for a thousand
 * clients is not what the measurement shows.
 */
import { HocuspocusProvider } from '@hocuspocus/provider'
import WebSocket from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'

export type ClientKind = 'y-websocket' | 'hocuspocus'

export interface ProbeShare {
  kind: ClientKind
  /** ws://host:port/ws for y-websocket servers (the room is appended), ws://host:port for Hocuspocus. */
  url: string
  room: string
  params: Record<string, string>
  clients: number
  /** How many of this share's clients write, and what. */
  writers: number
  firstWriter: number
  edits: number
  intervalMs: number
}

export type ToShare = { kind: 'setup'; share: ProbeShare } | { kind: 'write' } | { kind: 'count' } | { kind: 'collect' }
export type FromShare =
  | { kind: 'synced' }
  | { kind: 'failed'; error: string }
  | { kind: 'written' }
  | { kind: 'count'; received: number }
  | { kind: 'latencies'; values: number[] }

// Every provider listens for the process's exit: a thousand of them are expected here.
process.setMaxListeners(0)
const send = (message: FromShare) => process.send!(message)
const now = () => performance.timeOrigin + performance.now()

interface Peer {
  map: Y.Map<number>
  synced: Promise<void>
  destroy(): void
}

function connect(share: ProbeShare, latencies: number[]): Peer {
  const doc = new Y.Doc()
  const map = doc.getMap<number>('probe')
  map.observe((event) => {
    if (event.transaction.local) return
    const at = now()
    for (const key of event.keysChanged) {
      const sent = map.get(key)
      if (typeof sent === 'number') latencies.push(at - sent)
    }
  })
  if (share.kind === 'hocuspocus') {
    const provider = new HocuspocusProvider({
      url: share.url,
      name: share.room,
      document: doc,
      WebSocketPolyfill: WebSocket,
    } as ConstructorParameters<typeof HocuspocusProvider>[0])
    const synced = new Promise<void>((resolve) => {
      if (provider.isSynced) resolve()
      else provider.on('synced', () => resolve())
    })
    return { map, synced, destroy: () => provider.destroy() }
  }
  const provider = new WebsocketProvider(share.url, share.room, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    params: share.params,
    disableBc: true,
  })
  const synced = new Promise<void>((resolve) => {
    if (provider.synced) resolve()
    else provider.once('sync', () => resolve())
  })
  return { map, synced, destroy: () => provider.destroy() }
}

let share: ProbeShare | undefined
const peers: Peer[] = []
const latencies: number[] = []

process.on('message', (message: ToShare) => {
  switch (message.kind) {
    case 'setup': {
      share = message.share
      for (let i = 0; i < share.clients; i++) peers.push(connect(share, latencies))
      const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('sync timeout')), 60_000))
      Promise.race([Promise.all(peers.map((peer) => peer.synced)), timeout]).then(
        () => send({ kind: 'synced' }),
        (error: Error) => send({ kind: 'failed', error: error.message }),
      )
      return
    }
    case 'write': {
      const { writers, firstWriter, edits, intervalMs } = share!
      void Promise.all(
        peers.slice(0, writers).map(async (peer, w) => {
          for (let e = 0; e < edits; e++) {
            peer.map.set(`w${firstWriter + w}-${e}`, now())
            await new Promise((resolve) => setTimeout(resolve, intervalMs))
          }
        }),
      ).then(() => send({ kind: 'written' }))
      return
    }
    case 'count':
      send({ kind: 'count', received: latencies.length })
      return
    case 'collect':
      // The parent ends this process once it has the (large) message.
      for (const peer of peers) peer.destroy()
      send({ kind: 'latencies', values: latencies })
  }
})
