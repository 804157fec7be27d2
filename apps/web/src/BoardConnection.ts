import { IndexeddbPersistence } from 'y-indexeddb'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { deriveConnectionStatus, type ConnectionStatus } from './connectionStatus.ts'

const CACHE_WAIT_MS = 3_000

/** Why the server turned the link away for good (it does not retry these). */
export type BoardRefusal = 'invalid-token' | 'link-rotated'
export type BoardClosedReason = 'board-not-found' | BoardRefusal | 'server-refused'

export interface BoardConnectionEvents {
  status: (status: ConnectionStatus) => void
  closed: (reason: BoardClosedReason) => void
}

/** What a close frame from our server means for the person (codes and reasons of @cg/sync-server). */
export function closedReasonOf(code: number, reason: string): BoardClosedReason {
  if (code === 4404) return 'board-not-found'
  if (code === 4401) return reason === 'link-rotated' ? 'link-rotated' : 'invalid-token'
  return 'server-refused'
}

/**
 * One board's Y.Doc, cached in the browser (IndexedDB) and synced with the server (y-websocket).
 * Edits made offline live in the cache and merge when the socket comes back.
 */
export class BoardConnection {
  readonly doc = new Y.Doc()
  readonly provider: WebsocketProvider
  private readonly cache: IndexeddbPersistence
  private socket: 'connecting' | 'connected' | 'disconnected' = 'connecting'
  private everConnected = false
  private readonly listeners = new Set<Partial<BoardConnectionEvents>>()

  /** `room` is a board id or another room of a board (see @cg/facilitation roomName); `token` its link's secret. */
  constructor(room: string, token: string) {
    this.cache = new IndexeddbPersistence(`cg-board-${room}`, this.doc)
    const wsUrl = `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}/ws`
    // Cap the backoff so a field office on a flaky link is back within a few seconds.
    this.provider = new WebsocketProvider(wsUrl, room, this.doc, { maxBackoffTime: 5000, params: { token } })
    // "Connected" only once both sides have exchanged what the other lacked (the sync handshake), so the
    // badge never claims a link that has not yet carried the offline edits.
    this.provider.on('status', ({ status }) => {
      this.socket = status === 'connected' && !this.provider.synced ? 'connecting' : status
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
    })
  }

  /**
   * Resolves when the board can be shown: at once if this browser has it cached (the server's news merges in
   * when it arrives), else after the first sync with the server. Binding an empty doc before that would push a
   * fresh tab's default page into the shared board.
   */
  async ready(): Promise<void> {
    // A browser that blocks IndexedDB (some private modes) never answers: go on without the cache.
    await Promise.race([this.cache.whenSynced, new Promise((resolve) => setTimeout(resolve, CACHE_WAIT_MS))])
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
    void this.cache.destroy()
    this.doc.destroy()
  }

  private readonly emitStatus = (): void => {
    const status = this.status
    for (const listener of this.listeners) listener.status?.(status)
  }
}
