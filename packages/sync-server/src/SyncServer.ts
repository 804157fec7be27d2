// Over 300 lines: the server's one class, whose connections, rooms (load, hold, unload, drop) and shutdown share its
// maps; what stands apart (heartbeat, closing sockets, the protocol, a room) has its own file.
import type { IncomingMessage } from 'node:http'
import type { WebSocket } from 'ws'
import type { DocStorage } from '@cg/storage'
import { CloseCode, CloseReason } from '@cg/contract'
import { Heartbeat } from './heartbeat.ts'
import { CLOSED_BY_SERVER, closeSocket, isOpen, stopReading } from './closeSocket.ts'
import { silentLogger, type Logger } from './logger.ts'
import { parseClientMessage, type ClientMessage } from './protocol.ts'
import type { PresenceWatch } from './presenceWatch.ts'
import { Room } from './Room.ts'
import type { RoomBus } from './roomBus.ts'
import { noMetrics, type SyncMetrics } from './syncMetrics.ts'
import type { ContentGuard } from './roomRules.ts'

/** How long a graceful shutdown waits for peers to answer the close frame before dropping them. */
const CLOSE_HANDSHAKE_MS = 2_000
/**
 * How long a connection has to answer a ping when another connection claims its presence (beyond what its link
 * needs for the data on its way): a live tab answers within a round trip, a dead socket never does.
 */
const PROBE_GRACE_MS = 3_000

/**
 * The app's verdict on a connection. `readOnly` connections get the document and presence but their updates
 * are dropped by the room; `grant` is any label the app wants to find the connection by later (e.g. its role).
 */
export type AuthorizeResult =
  | { ok: true; readOnly?: boolean; grant?: unknown }
  | { ok: false; code: CloseCode | number; reason: CloseReason | string }

/** Why a room may not be loaded at all (its content was deleted, say): the code and reason its connections get. */
export interface LoadRefusal {
  code: CloseCode | number
  reason: CloseReason | string
}

/** Hooks let the app decide who may join which room without the core knowing about boards or roles. */
export interface SyncServerHooks {
  authorize?(docName: string, request: IncomingMessage | undefined): Promise<AuthorizeResult>
  /**
   * Asked before each load of a room, by a connection or by server-side work: a refusal fails the load (a
   * connection is closed with it, `withRoom` throws). What a connection was let in with can be stale by the time its
   * room loads; this is decided at the last moment.
   */
  mayLoad?(docName: string): Promise<LoadRefusal | null>
}

/** A load refused by `mayLoad`. */
class RoomLoadRefused extends Error {
  readonly refusal: LoadRefusal

  constructor(docName: string, refusal: LoadRefusal) {
    super(`the room ${docName} may not be loaded: ${refusal.reason}`)
    this.refusal = refusal
  }
}

export interface SyncServerOptions extends SyncServerHooks {
  storage: DocStorage
  /** Content rules per room, checked on every peer's update before it is stored or sent (default: none). */
  guard?: ContentGuard
  /**
   * Refuse a peer's update that would grow a room's stored document past this many bytes, for every room or per
   * room name (default: no limit).
   */
  maxDocBytes?: number | ((docName: string) => number | undefined)
  log?: Logger
  /** Compact a room's stored update log once it holds this many updates (default 500). */
  compactAfterUpdates?: number
  /** How long an empty room stays in memory before it is compacted and unloaded (default 30 s). */
  unloadGraceMs?: number
  /** Interval of websocket pings; a connection that misses one is dropped (default 30 s). */
  heartbeatMs?: number
  /** How logs name a room (default: its name), for room names that carry a secret. */
  roomLabel?: (docName: string) => string
  /**
   * Fields written into every presence state a connection sends, from what `authorize` granted it (its role,
   * say): peers can trust them, as no client can set them for itself. Default: none.
   */
  presenceFromGrant?: (grant: unknown) => Record<string, unknown> | undefined
  /**
   * What to watch in the presence of each connection to a room (see presenceWatch.ts), asked once per room as it
   * loads: undefined for a room whose presence nobody watches. Default: none.
   */
  presenceWatch?: (docName: string) => PresenceWatch | undefined
  /** Other processes serving the same rooms from the same storage (see roomBus.ts). Default: none. */
  bus?: RoomBus
  /** Told of traffic, stored batches and refusals, for an operator's metrics. */
  metrics?: SyncMetrics
}

/**
 * The y-websocket protocol server: one room per document, any Yjs content (it knows nothing of tldraw).
 * Connections are handed over by the HTTP layer after the websocket upgrade.
 */
export class SyncServer {
  private readonly rooms = new Map<string, Promise<Room>>()
  /** The same rooms once loaded, to tell one room instance from the next under the same name. */
  private readonly loaded = new Map<string, Room>()
  private readonly unloading = new Map<string, Promise<void>>()
  private readonly unloadTimers = new Map<string, NodeJS.Timeout>()
  /** Every open socket, with whether it answered the last heartbeat ping. */
  private readonly liveness: Heartbeat
  /** What `authorize` granted each open connection, with the room it is in. */
  private readonly grants = new Map<WebSocket, { docName: string; grant: unknown }>()
  /** Rooms a server-side job is working on: they must not unload under it. */
  private readonly inUse = new Map<string, number>()
  private readonly heartbeat: NodeJS.Timeout
  private readonly heartbeatMs: number
  private readonly log: Logger
  private readonly options: SyncServerOptions
  private readonly label: (docName: string) => string
  private readonly metrics: SyncMetrics
  private closed = false

  constructor(options: SyncServerOptions) {
    this.options = options
    this.log = options.log ?? silentLogger
    this.label = options.roomLabel ?? ((docName) => docName)
    this.metrics = options.metrics ?? noMetrics
    const heartbeatMs = options.heartbeatMs ?? 30_000
    this.heartbeatMs = heartbeatMs
    this.liveness = new Heartbeat(heartbeatMs)
    this.heartbeat = setInterval(() => this.liveness.check(), heartbeatMs)
    this.heartbeat.unref()
  }

  /** Serves one websocket for `docName` until it closes. */
  async handleConnection(socket: WebSocket, docName: string, request?: IncomingMessage): Promise<void> {
    this.liveness.add(socket)
    // Frames can arrive while the room loads: hold them in order until it is ready.
    const early: ClientMessage[] = []
    let room: Room | undefined
    let open = true
    socket.on(CLOSED_BY_SERVER, (reason: string) => this.metrics.closed(reason))
    socket.on('message', (data, isBinary) => {
      if (!isOpen(socket)) return stopReading(socket)
      this.metrics.received(messageBytes(data))
      if (!isBinary) return closeSocket(socket, CloseCode.UnsupportedData, CloseReason.textFrame)
      const parsed = parseClientMessage(toUint8Array(data))
      if (!parsed.ok) {
        this.log.warn(
          { room: this.label(docName), reason: parsed.reason },
          'closing a connection that sent a bad frame',
        )
        return closeSocket(socket, CloseCode.ProtocolError, parsed.reason)
      }
      if (room) room.handleMessage(socket, parsed.message)
      else early.push(parsed.message)
    })
    socket.on('error', (error) => this.log.warn({ room: this.label(docName), err: error }, 'websocket error'))
    socket.on('close', () => {
      open = false
      this.liveness.remove(socket)
      this.grants.delete(socket)
      if (room) this.leave(room, socket)
    })

    const shuttingDown = () => {
      if (this.closed) closeSocket(socket, CloseCode.GoingAway, CloseReason.serverShutdown, { keepInput: true })
      return this.closed
    }
    try {
      if (shuttingDown()) return
      const verdict = (await this.options.authorize?.(docName, request)) ?? { ok: true }
      if (!verdict.ok) return closeSocket(socket, verdict.code, verdict.reason)
      // Recorded at once, so a revocation (closeConnections) while the room still loads reaches this socket too.
      if (open) this.grants.set(socket, { docName, grant: verdict.grant })
      // Shutdown may have begun while we waited: it must not leave a socket or a room behind.
      if (shuttingDown()) return
      const loaded = await this.openRoom(docName)
      if (shuttingDown()) return
      if (!open) return this.scheduleUnloadIfEmpty(loaded)
      room = loaded
      this.cancelUnload(docName)
      room.addConnection(socket, { readOnly: verdict.readOnly ?? false, grant: verdict.grant })
      this.log.debug({ room: this.label(docName), readOnly: verdict.readOnly ?? false }, 'connection joined')
      for (const message of early.splice(0)) if (isOpen(socket)) room.handleMessage(socket, message)
    } catch (error) {
      if (error instanceof RoomLoadRefused) return closeSocket(socket, error.refusal.code, error.refusal.reason)
      this.log.error({ room: this.label(docName), err: error }, 'could not open room')
      closeSocket(socket, CloseCode.InternalError, CloseReason.internalError)
    }
  }

  /** Open connections and loaded rooms, for an operator's metrics. */
  stats(): { connections: number; rooms: number } {
    return { connections: this.liveness.size, rooms: this.loaded.size }
  }

  /** The names of the rooms open or opening now whose name starts with `prefix`. */
  openRoomNames(prefix: string): string[] {
    return [...this.rooms.keys()].filter((name) => name.startsWith(prefix))
  }

  /** The loaded room for a document, if any (for tests, metrics and server-side tools). */
  async getLoadedRoom(docName: string): Promise<Room | undefined> {
    return this.rooms.get(docName)
  }

  /**
   * Runs server-side work on a document, loading it if nobody has it open, and keeps it loaded meanwhile.
   * Changes go through `room.applyServerUpdate`, so open connections see them like any peer's edit.
   */
  async withRoom<T>(docName: string, work: (room: Room) => Promise<T>): Promise<T> {
    if (this.closed) throw new Error('the sync server is shutting down')
    const { room, release } = await this.holdRoom(docName)
    try {
      return await work(room)
    } finally {
      release()
    }
  }

  /**
   * Keeps a room loaded until `release` is called (e.g. the rules of one room reading another's state), loading
   * it if needed.
   */
  async holdRoom(docName: string): Promise<{ room: Room; release: () => void }> {
    this.inUse.set(docName, (this.inUse.get(docName) ?? 0) + 1)
    this.cancelUnload(docName)
    let released = false
    const release = () => {
      if (released) return
      released = true
      const left = (this.inUse.get(docName) ?? 1) - 1
      if (left > 0) this.inUse.set(docName, left)
      else this.inUse.delete(docName)
      void this.rooms
        .get(docName)
        ?.then((room) => this.scheduleUnloadIfEmpty(room))
        .catch(() => {})
    }
    try {
      return { room: await this.openRoom(docName), release }
    } catch (error) {
      release()
      throw error
    }
  }

  /** What each open connection was let in with (the authorizer's grants), e.g. to check its link still holds. */
  connectionGrants(): unknown[] {
    return [...this.grants.values()].map(({ grant }) => grant)
  }

  /** Closes the open connections whose room and grant match, e.g. those opened with a link just rotated. */
  closeConnections(which: (docName: string, grant: unknown) => boolean, code: number, reason: string): number {
    let closed = 0
    for (const [socket, { docName, grant }] of this.grants) {
      if (!which(docName, grant)) continue
      closeSocket(socket, code, reason)
      closed++
    }
    return closed
  }

  /**
   * Closes the connections of the rooms whose name matches (with `code` and `reason`) and drops those rooms without
   * writing anything more: what they queued is not stored, their logs are not compacted (see Room.discard). For
   * rooms whose content is being deleted. Resolves once the writes already under way (a batch, an unload's
   * compaction) are done, so nothing of those rooms reaches storage from this process after it.
   */
  async dropRooms(
    which: (docName: string) => boolean,
    code: number,
    reason: string,
  ): Promise<{ rooms: number; connections: number }> {
    const connections = this.closeConnections((docName) => which(docName), code, reason)
    const names = [...this.rooms.keys()].filter((name) => which(name))
    const dropped = names.map(async (name) => {
      const room = this.rooms.get(name)!
      this.rooms.delete(name)
      this.loaded.delete(name)
      this.cancelUnload(name)
      const loaded = await room.catch(() => undefined)
      await loaded?.discard(code, reason)
    })
    const unloading = [...this.unloading].filter(([name]) => which(name)).map(([, done]) => done)
    await Promise.all([...dropped, ...unloading])
    return { rooms: names.length, connections }
  }

  /** Closes every connection, stores and compacts every room. Safe to call once on shutdown. */
  async close(): Promise<void> {
    this.closed = true
    clearInterval(this.heartbeat)
    for (const timer of this.unloadTimers.values()) clearTimeout(timer)
    this.unloadTimers.clear()
    const rooms = await Promise.allSettled(this.rooms.values())
    for (const result of rooms) {
      if (result.status === 'fulfilled') result.value.closeAll(CloseCode.GoingAway, CloseReason.serverShutdown)
    }
    await Promise.all(
      rooms.map((result) => (result.status === 'fulfilled' ? result.value.unload() : Promise.resolve())),
    )
    await Promise.all(this.unloading.values())
    this.rooms.clear()
    this.loaded.clear()
    // A peer that never answers its close frame must not hold the process: give the handshakes a moment.
    const sockets = [...this.liveness.sockets()]
    const closes = sockets.map((socket) => new Promise((resolve) => socket.once('close', resolve)))
    await Promise.race([Promise.all(closes), new Promise((resolve) => setTimeout(resolve, CLOSE_HANDSHAKE_MS))])
    for (const socket of sockets) socket.terminate()
  }

  private async openRoom(docName: string): Promise<Room> {
    // A room that is still unloading must finish writing before it is read again.
    await this.unloading.get(docName)
    // A room whose write failed is ahead of storage: load it again rather than serve what was never stored.
    if (this.loaded.get(docName)?.broken) {
      this.rooms.delete(docName)
      this.loaded.delete(docName)
    }
    let room = this.rooms.get(docName)
    if (!room) {
      room = this.loadRoom(docName)
      this.rooms.set(docName, room)
      const loading = room
      // A room dropped while it loaded (dropRooms) is no longer the one under its name.
      loading.then(
        (loaded) => {
          if (this.rooms.get(docName) === loading) this.loaded.set(docName, loaded)
        },
        () => {
          if (this.rooms.get(docName) === loading) this.rooms.delete(docName)
        },
      )
    }
    return room
  }

  private async loadRoom(docName: string): Promise<Room> {
    const refusal = await this.options.mayLoad?.(docName)
    if (refusal) throw new RoomLoadRefused(docName, refusal)
    const room = await Room.load(
      docName,
      this.options.storage,
      {
        compactAfterUpdates: this.options.compactAfterUpdates ?? 500,
        label: this.label(docName),
        onSent: (socket, bytes) => {
          this.liveness.sent(socket, bytes)
          this.metrics.sent(bytes)
        },
        isAlive: (socket) => this.liveness.probe(socket, Math.min(PROBE_GRACE_MS, this.heartbeatMs)),
        metrics: this.metrics,
        ...(this.options.presenceFromGrant ? { presenceFromGrant: this.options.presenceFromGrant } : {}),
        ...this.presenceWatchOf(docName),
        ...this.maxDocBytesOf(docName),
        ...(this.options.bus ? { bus: this.options.bus } : {}),
      },
      this.log,
    )
    try {
      room.setRules(await this.options.guard?.watch({ name: docName, doc: room.doc }))
    } catch (error) {
      // It served nobody and holds nothing unstored: let go of it without writing (its room may be one being deleted).
      await room.discard(CloseCode.InternalError, CloseReason.internalError)
      throw error
    }
    return room
  }

  private presenceWatchOf(docName: string): { presenceWatch?: PresenceWatch } {
    const watch = this.options.presenceWatch?.(docName)
    return watch ? { presenceWatch: watch } : {}
  }

  private maxDocBytesOf(docName: string): { maxDocBytes?: number } {
    const { maxDocBytes } = this.options
    const limit = typeof maxDocBytes === 'function' ? maxDocBytes(docName) : maxDocBytes
    return limit === undefined ? {} : { maxDocBytes: limit }
  }

  private leave(room: Room, socket: WebSocket): void {
    room.removeConnection(socket)
    this.scheduleUnloadIfEmpty(room)
  }

  private scheduleUnloadIfEmpty(room: Room): void {
    const busy = () => room.connectionCount > 0 || this.inUse.has(room.name)
    if (busy() || this.closed || room.dropped || this.unloadTimers.has(room.name)) return
    const timer = setTimeout(() => {
      this.unloadTimers.delete(room.name)
      if (busy()) return
      if (this.loaded.get(room.name) === room) {
        this.rooms.delete(room.name)
        this.loaded.delete(room.name)
      }
      const done = room
        .unload()
        .catch((error: unknown) => this.log.error({ room: room.label, err: error }, 'unload failed'))
        .finally(() => this.unloading.delete(room.name))
      this.unloading.set(room.name, done)
    }, this.options.unloadGraceMs ?? 30_000)
    this.unloadTimers.set(room.name, timer)
  }

  private cancelUnload(docName: string): void {
    const timer = this.unloadTimers.get(docName)
    if (timer) clearTimeout(timer)
    this.unloadTimers.delete(docName)
  }
}

function toUint8Array(data: Buffer | ArrayBuffer | Buffer[]): Uint8Array {
  if (Array.isArray(data)) return Buffer.concat(data)
  return data instanceof ArrayBuffer ? new Uint8Array(data) : data
}

function messageBytes(data: Buffer | ArrayBuffer | Buffer[]): number {
  return Array.isArray(data) ? data.reduce((sum, part) => sum + part.byteLength, 0) : data.byteLength
}
