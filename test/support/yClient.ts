import WebSocket from 'ws'
import { messageAwareness, WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { wsBase } from './boards.ts'
import { nextEvent, type WaitOptions } from './waitUntil.ts'

/** A stock y-websocket client, as any peer would run it, plus what the tests want to know about it. */
export interface YClient {
  doc: Y.Doc
  provider: WebsocketProvider
  /** How many times its connection dropped (a well-behaved client on a healthy server: never). */
  disconnects: number
  /** Resolves once the client holds the server's state. */
  synced(options?: WaitOptions): Promise<void>
  /** Destroys provider, awareness and doc, leaving no timers behind. */
  destroy(): void
}

export interface ClientOptions {
  /**
   * false: the client still announces its own presence but drops everyone else's on arrival (the server's work is
   * the same). Lets one probe process hold hundreds of clients: decoding 500 peers' presence in each of 500 clients
   * is what held a soak's probe up, not anything the server did.
   */
  receivesPresence?: boolean
}

/** Joins room `room` (a board id, or another room of a board) with a link's secret token. */
export function connectClient(serverUrl: string, room: string, token: string, options: ClientOptions = {}): YClient {
  const doc = new Y.Doc()
  const provider = new WebsocketProvider(wsBase(serverUrl), room, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    params: { token },
  })
  if (options.receivesPresence === false) provider.messageHandlers[messageAwareness] = () => {}
  const client: YClient = {
    doc,
    provider,
    disconnects: 0,
    async synced(options) {
      while (!provider.synced) await nextEvent(provider, 'sync', options)
    },
    destroy() {
      provider.destroy()
      provider.awareness.destroy()
      doc.destroy()
    },
  }
  provider.on('status', ({ status }) => {
    if (status === 'disconnected') client.disconnects++
  })
  return client
}

export async function connectSyncedClient(serverUrl: string, room: string, token: string): Promise<YClient> {
  const client = connectClient(serverUrl, room, token)
  try {
    await client.synced()
  } catch (error) {
    client.destroy()
    throw error
  }
  return client
}
