import { IndexeddbPersistence } from 'y-indexeddb'
import { WebsocketProvider } from 'y-websocket'
import { sendInChunks } from '@cg/update-chunks'
import * as Y from 'yjs'
import * as decoding from 'lib0/decoding'
import {
  CloseCode,
  CloseReason,
  isRefusalReason,
  REFUSAL_MESSAGE_TYPE,
  type LinkRefusal,
  type RefusalReason,
  SocketRoute,
} from '@cg/contract'
import { deriveConnectionStatus, type ConnectionStatus, type SocketState } from './connectionStatus.ts'

const CACHE_WAIT_MS = 3_000

/** The IndexedDB database a board's content is cached in (see offline/: a board this browser opened before). */
export const boardCacheName = (room: string) => `cg-board-${room}`

/**
 * Largest message this page sends: a long offline backlog or a big paste goes out in pieces this size, well under
 * the server's MAX_MESSAGE_BYTES (16 MiB by default; keep it at 1 MiB or more), and short enough on a slow link.
 */
const SEND_CHUNK_BYTES = 256 * 1024

export type BoardClosedReason =
  | typeof CloseReason.boardNotFound
  | typeof CloseReason.boardDeleted
  | typeof CloseReason.privateRoomsFull
  | LinkRefusal
  | 'server-refused'

export interface BoardConnectionEvents {
  status: (status: ConnectionStatus) => void
  closed: (reason: BoardClosedReason) => void
  /** The server did not accept one of this page's changes (and sent the update that takes it back). */
  refused: (reason: RefusalReason) => void
}

/** What a close frame from our server means for the person. */
export function closedReasonOf(code: number, reason: string): BoardClosedReason {
  if (code === CloseCode.NotFound) return CloseReason.boardNotFound
  if (code === CloseCode.Gone) return CloseReason.boardDeleted
  if (code === CloseCode.Forbidden && reason === CloseReason.privateRoomsFull) return CloseReason.privateRoomsFull
  if (code === CloseCode.Unauthorized) {
    if (reason === CloseReason.linkRotated || reason === CloseReason.linkExpired) return reason
    return CloseReason.invalidToken
  }
  return 'server-refused'
}

export interface BoardConnectionOptions {
  /** Keep the doc in IndexedDB, so edits made offline survive a closed tab (default true). */
  cache?: boolean
  /** Announce this person's presence (default true); a look into another board announces nobody. */
  announce?: boolean
}

/**
 * One room's Y.Doc, synced with the server (y-websocket) and by default cached in the browser (IndexedDB):
 * edits made offline live in the cache and merge when the socket comes back. Every room a page opens (a board,
 * its workshop state, a private room, a breakout seen from the plenary) comes through here.
 */
export class BoardConnection {
  readonly doc = new Y.Doc()
  readonly provider: WebsocketProvider
  private readonly cache: IndexeddbPersistence | null
  private socket: SocketState = 'connecting'
  private everConnected = false
  private tooLargeToSend = false
  private readonly listeners = new Set<Partial<BoardConnectionEvents>>()

  /** `room` is a board id or another room of a board (see @cg/contract roomName); `token` its link's secret. */
  constructor(room: string, token: string, options: BoardConnectionOptions = {}) {
    this.cache = options.cache === false ? null : new IndexeddbPersistence(boardCacheName(room), this.doc)
    const wsUrl = `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}${SocketRoute.base}`
    // Cap the backoff so a field office on a flaky link is back within a few seconds.
    this.provider = new WebsocketProvider(wsUrl, room, this.doc, { maxBackoffTime: 5000, params: { token } })
    if (options.announce === false) this.provider.awareness.setLocalState(null)
    sendInChunks(this.provider, SEND_CHUNK_BYTES)
    this.provider.on('connection-close', (event) => {
      if (event?.code !== CloseCode.MessageTooBig) return
      this.tooLargeToSend = true
      this.emitStatus()
    })
    // A new local edit (undoing the big one, say) may make what is unsent small enough: try it before saying more.
    this.doc.on('update', (_update, origin) => {
      if (!this.tooLargeToSend || origin === this.provider) return
      this.tooLargeToSend = false
      this.emitStatus()
    })
    this.provider.messageHandlers[REFUSAL_MESSAGE_TYPE] = (_encoder, decoder) => {
      const reason = decoding.readVarString(decoder)
      if (!isRefusalReason(reason)) return
      for (const listener of this.listeners) listener.refused?.(reason)
    }
    // "Connected" only once both sides have exchanged what the other lacked (the sync handshake), so the
    // badge never claims a link that has not yet carried the offline edits; meanwhile the board is arriving.
    this.provider.on('status', ({ status }) => {
      this.socket = status === 'connected' && !this.provider.synced ? 'syncing' : status
      this.emitStatus()
    })
    this.provider.on('sync', (synced) => {
      if (!synced || !this.provider.wsconnected) return
      this.socket = 'connected'
      this.everConnected = true
      this.emitStatus()
    })
    this.provider.on('closed', ({ code, reason }) => {
      for (const listener of this.listeners) listener.closed?.(closedReasonOf(code, reason))
    })
    window.addEventListener('online', this.emitStatus)
    window.addEventListener('offline', this.emitStatus)
  }

  get status(): ConnectionStatus {
    return deriveConnectionStatus({
      socket: this.socket,
      everConnected: this.everConnected,
      browserOnline: navigator.onLine,
      tooLargeToSend: this.tooLargeToSend,
    })
  }

  /**
   * Resolves when the board can be shown: at once if this browser has it cached (the server's news merges in
   * when it arrives), else after the first sync with the server. Binding an empty doc before that would push a
   * fresh tab's default page into the shared board.
   */
  async ready(): Promise<void> {
    // A browser that blocks IndexedDB (some private modes) never answers: go on without the cache.
    if (this.cache) {
      await Promise.race([this.cache.whenSynced, new Promise((resolve) => setTimeout(resolve, CACHE_WAIT_MS))])
    }
    if (this.provider.synced || this.doc.store.clients.size > 0) return
    await new Promise<void>((resolve) => {
      const onSync = (synced: boolean) => {
        if (!synced) return
        this.provider.off('sync', onSync)
        resolve()
      }
      this.provider.on('sync', onSync)
    })
  }

  subscribe(listener: Partial<BoardConnectionEvents>): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  destroy(): void {
    window.removeEventListener('online', this.emitStatus)
    window.removeEventListener('offline', this.emitStatus)
    this.listeners.clear()
    this.provider.destroy()
    void this.cache?.destroy()
    this.doc.destroy()
  }

  private readonly emitStatus = (): void => {
    const status = this.status
    for (const listener of this.listeners) listener.status?.(status)
  }
}
