import { WebSocket } from 'ws'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as Y from 'yjs'
import type { DocStorage } from '@cg/storage'
import { CloseCode, CloseReason } from '@cg/contract'
import type { Logger } from './logger.ts'
import { encodeAwareness, encodeSyncStep1, encodeSyncStep2, encodeUpdate, type ClientMessage } from './protocol.ts'

export interface RoomOptions {
  /** Compact the stored update log into one snapshot once this many updates have been logged. */
  compactAfterUpdates: number
  /** How logs name the room (default: its name). A room name may hold a secret that logs must not. */
  label?: string
}

interface PendingUpdate {
  update: Uint8Array
  /** The connection that sent it, or null for an update made by the server itself. */
  source: WebSocket | null
}

interface Connection {
  /** Awareness client ids this connection announced, removed when it leaves. */
  clients: Set<number>
  /** Read-only connections receive everything and may announce presence, but their updates are dropped. */
  readOnly: boolean
}

/**
 * One board's live document. Incoming updates are queued, written to storage in one transaction per tick,
 * and only then applied and broadcast: nobody ever sees an update that a crash could lose. The same
 * batching merges a burst of updates into one message per peer, which keeps fan-out cheap under load.
 */
export class Room {
  readonly doc = new Y.Doc()
  readonly awareness = new awarenessProtocol.Awareness(this.doc)
  private readonly connections = new Map<WebSocket, Connection>()
  private pending: PendingUpdate[] = []
  private flushScheduled = false
  private queue: Promise<void> = Promise.resolve()
  private changedAwareness = new Set<number>()
  private lastSeq: number
  private updatesSinceCompaction: number
  private compactionDisabled = false
  private readonly refusedServerUpdates = new Set<PendingUpdate>()

  readonly name: string
  readonly label: string
  private readonly storage: DocStorage
  private readonly options: RoomOptions
  private readonly log: Logger

  private constructor(
    name: string,
    storage: DocStorage,
    options: RoomOptions,
    log: Logger,
    lastSeq: number,
    loggedUpdates: number,
  ) {
    this.name = name
    this.label = options.label ?? name
    this.storage = storage
    this.options = options
    this.log = log
    this.lastSeq = lastSeq
    this.updatesSinceCompaction = loggedUpdates
    // The server itself is not a participant.
    this.awareness.setLocalState(null)
    this.awareness.on('update', this.onAwarenessUpdate)
  }

  static async load(name: string, storage: DocStorage, options: RoomOptions, log: Logger): Promise<Room> {
    const stored = await storage.loadDoc(name)
    const room = new Room(name, storage, options, log, stored.lastSeq, stored.updates.length)
    const parts = stored.snapshot ? [stored.snapshot, ...stored.updates] : stored.updates
    Y.transact(room.doc, () => {
      for (const [index, update] of parts.entries()) {
        try {
          Y.applyUpdate(room.doc, update, room)
        } catch (error) {
          // A damaged row must not make the whole board unreadable. It stays in storage for recovery: this room
          // never compacts, since a snapshot of what did load would overwrite it.
          room.compactionDisabled = true
          log.error(
            { room: options.label ?? name, index, err: error },
            'skipped a stored part that does not apply; compaction off',
          )
        }
      }
    })
    if (stored.updates.length >= options.compactAfterUpdates) await room.enqueue(() => room.compact())
    return room
  }

  get connectionCount(): number {
    return this.connections.size
  }

  addConnection(socket: WebSocket, options: { readOnly?: boolean } = {}): void {
    this.connections.set(socket, { clients: new Set(), readOnly: options.readOnly ?? false })
    // Ask the client for what we lack; the client asks us for the rest with its own step 1.
    this.send(socket, encodeSyncStep1(this.doc))
    if (this.awareness.getStates().size > 0) this.send(socket, this.encodeAwarenessOf())
  }

  /** Forgets a connection and tells everyone else its people left (so cursors vanish at once, not after 30 s). */
  removeConnection(socket: WebSocket): void {
    const clients = this.connections.get(socket)?.clients
    if (!clients) return
    this.connections.delete(socket)
    if (clients.size > 0) awarenessProtocol.removeAwarenessStates(this.awareness, [...clients], null)
  }

  handleMessage(socket: WebSocket, message: ClientMessage): void {
    switch (message.kind) {
      case 'syncStep1':
        this.send(socket, encodeSyncStep2(this.doc, message.stateVector))
        break
      case 'update':
        // Enforced here, whatever the client does: a read-only peer's sync step 2 and updates change nothing.
        // Dropped quietly rather than closing, since an honest viewer still answers the server's sync step 1.
        if (this.connections.get(socket)?.readOnly) {
          this.log.debug({ room: this.label }, 'dropped an update from a read-only connection')
          break
        }
        this.pending.push({ update: message.update, source: socket })
        this.scheduleFlush()
        break
      case 'emptyUpdate':
        // Nothing to store or send: skipping it spares a disk commit per joining client.
        break
      case 'awareness':
        try {
          awarenessProtocol.applyAwarenessUpdate(this.awareness, message.update, socket)
        } catch {
          this.log.warn({ room: this.label }, 'closing a connection that sent an invalid awareness update')
          socket.close(CloseCode.ProtocolError, CloseReason.invalidAwareness)
        }
        break
      case 'queryAwareness':
        this.send(socket, this.encodeAwarenessOf())
        break
    }
  }

  /**
   * Stores, applies and broadcasts an update made by the server itself (e.g. revealing private notes),
   * through the same queue as peers' updates. Resolves once it is durable and sent; rejects if it was refused.
   */
  async applyServerUpdate(update: Uint8Array): Promise<void> {
    const item: PendingUpdate = { update, source: null }
    this.pending.push(item)
    await this.flush()
    if (this.refusedServerUpdates.delete(item)) throw new Error(`the server's own update to ${this.name} was refused`)
  }

  /** Resolves once every update received so far is stored, applied and broadcast. */
  flush(): Promise<void> {
    return this.enqueue(() => this.flushBatch())
  }

  /** Flushes, compacts what is left in the log and frees memory. */
  async unload(): Promise<void> {
    await this.flush()
    if (this.updatesSinceCompaction > 0) await this.enqueue(() => this.compact())
    this.awareness.off('update', this.onAwarenessUpdate)
    this.awareness.destroy()
    this.doc.destroy()
  }

  closeAll(code: number, reason: string): void {
    for (const socket of this.connections.keys()) socket.close(code, reason)
  }

  private scheduleFlush(): void {
    if (this.flushScheduled) return
    this.flushScheduled = true
    setImmediate(() => {
      this.flushScheduled = false
      this.flush().catch(() => {}) // already logged by the queue
    })
  }

  /** Storage work runs one job at a time, in arrival order, so sequence numbers and snapshots never race. */
  private enqueue(job: () => Promise<void>): Promise<void> {
    const next = this.queue.then(job)
    // The chain itself never rejects, so one failed job does not stop the next.
    this.queue = next.catch((error: unknown) => this.log.error({ room: this.label, err: error }, 'storage job failed'))
    return next
  }

  private async flushBatch(): Promise<void> {
    const batch = this.pending
    if (batch.length === 0) return
    this.pending = []
    try {
      this.lastSeq = await this.storage.appendUpdates(
        this.name,
        batch.map((item) => item.update),
      )
    } catch (error) {
      // Not stored, so not applied or sent: the senders still hold their edits and resend them on reconnect.
      this.log.error({ room: this.label, err: error }, 'could not store updates; closing their senders')
      for (const item of batch) {
        if (item.source) item.source.close(CloseCode.InternalError, CloseReason.internalError)
        else this.refusedServerUpdates.add(item)
      }
      return
    }
    const applied: PendingUpdate[] = []
    const rejectedSeqs: number[] = []
    const firstSeq = this.lastSeq - batch.length + 1
    for (const [index, item] of batch.entries()) {
      try {
        Y.applyUpdate(this.doc, item.update, this)
        applied.push(item)
      } catch (error) {
        this.log.warn({ room: this.label, err: error }, 'an update failed to apply; closing its sender')
        if (item.source) item.source.close(CloseCode.ProtocolError, CloseReason.invalidUpdate)
        else this.refusedServerUpdates.add(item)
        rejectedSeqs.push(firstSeq + index)
      }
    }
    // Some damaged updates decode but throw when applied. Peers must not get one: merged into the broadcast it
    // would throw for them too and take the batch's good updates down with it. Nor must storage keep it.
    if (rejectedSeqs.length > 0) await this.storage.deleteUpdates(this.name, rejectedSeqs)
    if (applied.length > 0) this.broadcast(applied)
    this.updatesSinceCompaction += applied.length
    if (this.updatesSinceCompaction >= this.options.compactAfterUpdates) await this.compact()
  }

  /** Sends each peer one merged message with the updates it did not send itself. */
  private broadcast(batch: PendingUpdate[]): void {
    const sources = new Set(batch.map((item) => item.source))
    const mergedAll = encodeUpdate(mergeUpdates(batch.map((item) => item.update)))
    for (const socket of this.connections.keys()) {
      if (!sources.has(socket)) {
        this.send(socket, mergedAll)
      } else if (sources.size > 1) {
        const fromOthers = batch.filter((item) => item.source !== socket).map((item) => item.update)
        this.send(socket, encodeUpdate(mergeUpdates(fromOthers)))
      }
    }
  }

  private async compact(): Promise<void> {
    if (this.compactionDisabled) return
    const state = Y.encodeStateAsUpdate(this.doc)
    await this.storage.compactDoc(this.name, state, this.lastSeq)
    this.log.debug({ room: this.label, bytes: state.byteLength, upToSeq: this.lastSeq }, 'compacted')
    this.updatesSinceCompaction = 0
  }

  private readonly onAwarenessUpdate = (
    change: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    const changed = [...change.added, ...change.updated, ...change.removed]
    const owned = origin instanceof WebSocket ? this.connections.get(origin)?.clients : undefined
    if (owned) {
      for (const id of [...change.added, ...change.updated]) {
        if (owned.has(id)) continue
        // A client that reconnects keeps its id: the old, dying socket must not take it along when it goes.
        for (const other of this.connections.values()) other.clients.delete(id)
        owned.add(id)
      }
      for (const id of change.removed) owned.delete(id)
    }
    // Cursor moves arrive many times a second from every peer: send them at most once per tick.
    const firstInTick = this.changedAwareness.size === 0
    for (const id of changed) this.changedAwareness.add(id)
    if (firstInTick) setImmediate(this.flushAwareness)
  }

  private readonly flushAwareness = (): void => {
    const clients = [...this.changedAwareness]
    this.changedAwareness.clear()
    if (clients.length === 0 || this.connections.size === 0) return
    const message = this.encodeAwarenessOf(clients)
    for (const socket of this.connections.keys()) this.send(socket, message)
  }

  /** An awareness message with the states of `clients` (everyone present by default). */
  private encodeAwarenessOf(clients = [...this.awareness.getStates().keys()]): Uint8Array {
    return encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, clients))
  }

  private send(socket: WebSocket, message: Uint8Array): void {
    if (socket.readyState !== WebSocket.OPEN) return
    socket.send(message, { binary: true }, (error) => {
      if (error) socket.terminate()
    })
  }
}

function mergeUpdates(updates: Uint8Array[]): Uint8Array {
  return updates.length === 1 ? updates[0]! : Y.mergeUpdates(updates)
}
