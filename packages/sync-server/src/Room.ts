// Over 300 lines: one room's batch, rules, durable write, broadcast, presence ownership and catch-up share its state;
// the pure parts (protocol, update cost, net updates, dependencies, budgets) have their own files.
import * as encoding from 'lib0/encoding'
import { WebSocket } from 'ws'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as Y from 'yjs'
import type { DocStorage, StoredDoc, StoredUpdate } from '@cg/storage'
import { CloseCode, CloseReason, RefusalReason } from '@cg/contract'
import { closeSocket, isOpen, isRevoked } from './closeSocket.ts'
import type { Logger } from './logger.ts'
import {
  encodeAwareness,
  encodeRefusal,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeUpdate,
  filterAwarenessUpdate,
  presenceObject,
  stampPresence,
  type ClientMessage,
} from './protocol.ts'
import { CONNECTION_LIMITS, RequestBudget } from './connectionBudget.ts'
import type { BusUpdates, RoomBus, RoomChannel } from './roomBus.ts'
import { noMetrics, type SyncMetrics } from './syncMetrics.ts'
import type { PresenceWatch } from './presenceWatch.ts'
import type { RoomRules, RuleBreak } from './roomRules.ts'
import { addedLength, deletionOf, hasMissingDependencies, type DecodedUpdate } from './updateDependencies.ts'
import { updateCost } from './updateCost.ts'
import { clocksOf, updateSince, type DeleteSet } from './netUpdate.ts'

export interface RoomOptions {
  /** Compact the stored update log into one snapshot once this many updates have been logged. */
  compactAfterUpdates: number
  /** How logs name the room (default: its name). A room name may hold a secret that logs must not. */
  label?: string
  /** Refuse a peer's update that would grow the stored document past this many bytes (default: no limit). */
  maxDocBytes?: number
  /** Told of every message handed to a socket (liveness allows for what is still on its way). */
  onSent?: (socket: WebSocket, bytes: number) => void
  /**
   * Whether a connection still answers (a ping, allowing for what it is still receiving): asked before a
   * reconnected tab takes back its presence from its old connection. None: connections are taken as alive.
   */
  isAlive?: (socket: WebSocket) => Promise<boolean>
  /** Fields the server writes into each presence state a connection sends, from what it was granted. */
  presenceFromGrant?: (grant: unknown) => Record<string, unknown> | undefined
  /** A value of each connection's presence to report when it first shows and when it changes (see presenceWatch.ts). */
  presenceWatch?: PresenceWatch
  /** Other processes serving the same rooms (see roomBus.ts); none: this process is the only one. */
  bus?: RoomBus
  /** With a bus, how often the room also looks in storage for what other processes wrote (default 3 s). */
  catchUpIntervalMs?: number
  metrics?: SyncMetrics
}

/** Origin of changes that other processes made (already reviewed and stored there): not reviewed, not published. */
const FROM_ELSEWHERE = Symbol('another process')
/** How long one slice of a batch may hold the event loop before the rest waits for the next turn. */
const BATCH_SLICE_MS = 40
/** What `admit` says of an update whose sender has spent its budget (see CONNECTION_LIMITS.work…). */
const OVER_BUDGET = Symbol('over budget')
/** How long a missing sequence number may still arrive through the bus before storage is read for it. */
const GAP_WAIT_MS = 250

interface PendingUpdate {
  update: Uint8Array
  /** What Yjs decodes of it, when the protocol decoded it already. */
  decoded?: DecodedUpdate
  /** The connection that sent it, or null for an update made by the server itself. */
  source: WebSocket | null
}

/**
 * An update that passed, as it is stored and sent to others: the peer's update itself or, when the rules
 * corrected it, the net change of update and correction (what was refused is gone from it, content and all).
 * `correction` is what its sender gets back: the change that brings the sender's doc to what the room kept.
 */
interface AcceptedUpdate {
  /** What arrived. */
  received: PendingUpdate
  source: WebSocket | null
  update: Uint8Array
  correction: Uint8Array | null
}

/** A peer's update being applied, and the rule break the rules found in it. */
interface Review {
  item: PendingUpdate
  grant: unknown
  found: RuleBreak | null
  /** What the update's own transaction deleted. */
  deleted: DeleteSet | null
}

interface Connection {
  /** Awareness client ids this connection announced, removed when it leaves. */
  clients: Set<number>
  /** How many document and presence requests it may still make (see CONNECTION_LIMITS). */
  requests: RequestBudget
  /** How many updates, how many bytes of them, and how much work applying them, it may still send. */
  updates: RequestBudget
  updateBytes: RequestBudget
  work: RequestBudget
  /** Read-only connections receive everything and may announce presence, but their updates are dropped. */
  readOnly: boolean
  /** What the app's `authorize` granted this connection (its role), handed to the rules. */
  grant: unknown
  /** The value `presenceWatch` last reported for this connection. */
  watched: string | null
}

/**
 * One board's live document. Incoming updates are queued and handled in one batch per tick: each is checked
 * (it must not depend on changes the room lacks, nor grow the document past its limit), applied, reviewed by the
 * room's content rules (a rule break is reverted by a correction made on the spot), and the batch is written to
 * storage in one transaction. Only once that write is durable are the updates broadcast, and peers who ask for
 * the document meanwhile are answered after it: nobody ever sees an update that a crash could lose. The same
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
  /** Presence changed by this process's own connections, for the other processes. */
  private changedHere = new Set<number>()
  /** Every stored update up to this sequence number is in the doc. */
  private appliedSeq: number
  /** Sequence ranges in the doc beyond `appliedSeq` (written here, or heard), with a gap before them. */
  private ahead: [first: number, last: number][] = []
  private catchUpTimer: NodeJS.Timeout | null = null
  /** Updates heard from other processes this tick, not yet sent to this process's peers. */
  private heard: Uint8Array[] = []
  private readonly catchUpInterval: NodeJS.Timeout | null = null
  private readonly channel: RoomChannel | null
  private unloaded = false
  /** Dropped without writing (see `discard`): nothing of it may reach storage any more. */
  private discarded = false
  private updatesSinceCompaction: number
  private compactionDisabled = false
  private readonly refusedServerUpdates = new Set<PendingUpdate>()
  /** Bytes of the stored document (snapshot and log): a cheap bound on its size, exact after compaction. */
  private storedBytes: number
  /** The write in progress, if any: the doc already holds its updates, so requests for the doc wait for it. */
  private writing: Promise<unknown> | null = null
  /** Set when a write failed after its updates were applied: the doc is ahead of storage and must be dropped. */
  private brokenDoc = false
  private rules: RoomRules | undefined
  /** The peer update being applied and what the rules found in it (see `applyUpdate`). */
  private reviewing: Review | null = null
  /** The connection each presence id belongs to (another process's, for presence heard from there). */
  private readonly presenceOwners = new Map<number, WebSocket | typeof FROM_ELSEWHERE>()
  /**
   * Connections being asked whether they still answer, because another connection with the same grant claims
   * one of their presence ids (a tab that reconnected before its old socket was noticed dead), with the claims
   * to apply if they do not.
   */
  private readonly challenged = new Map<WebSocket, Map<number, { claimant: WebSocket; update: Uint8Array }>>()

  readonly name: string
  readonly label: string
  private readonly storage: DocStorage
  private readonly options: RoomOptions
  private readonly log: Logger
  private readonly metrics: SyncMetrics

  private constructor(
    name: string,
    storage: DocStorage,
    options: RoomOptions,
    log: Logger,
    lastSeq: number,
    loggedUpdates: number,
    storedBytes: number,
    channel: RoomChannel | null,
  ) {
    this.name = name
    this.label = options.label ?? name
    this.storage = storage
    this.options = options
    this.log = log
    this.appliedSeq = lastSeq
    this.channel = channel
    this.metrics = options.metrics ?? noMetrics
    if (channel) {
      // Pub/sub may drop a message, and the last one of a burst leaves no later one to reveal the gap.
      this.catchUpInterval = setInterval(() => this.scheduleCatchUp(0), options.catchUpIntervalMs ?? 3_000)
      this.catchUpInterval.unref()
    }
    this.updatesSinceCompaction = loggedUpdates
    this.storedBytes = storedBytes
    // The server itself is not a participant.
    this.awareness.setLocalState(null)
    this.awareness.on('update', this.onAwarenessUpdate)
    this.doc.on('afterTransaction', this.onAfterTransaction)
  }

  static async load(name: string, storage: DocStorage, options: RoomOptions, log: Logger): Promise<Room> {
    // The bus is joined before storage is read, so what another process writes meanwhile is heard, not lost.
    let room: Room | null = null
    const early: ((room: Room) => void)[] = []
    const channel =
      options.bus?.join(name, {
        updates: (message) => (room ? room.hearUpdates(message) : early.push((r) => r.hearUpdates(message))),
        awareness: (update) => (room ? room.hearAwareness(update) : early.push((r) => r.hearAwareness(update))),
        resync: () => room?.scheduleCatchUp(0),
      }) ?? null
    let stored: Awaited<ReturnType<DocStorage['loadDoc']>>
    try {
      stored = await storage.loadDoc(name)
    } catch (error) {
      channel?.leave()
      throw error
    }
    const storedBytes = [stored.snapshot, ...stored.updates].reduce((sum, part) => sum + (part?.byteLength ?? 0), 0)
    room = new Room(name, storage, options, log, stored.lastSeq, stored.updates.length, storedBytes, channel)
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
    for (const heard of early) heard(room)
    const loaded = room
    if (stored.updates.length >= options.compactAfterUpdates) await loaded.enqueue(() => loaded.compact())
    return loaded
  }

  get connectionCount(): number {
    return this.connections.size
  }

  /** True once a failed write left the doc ahead of storage: the room must be dropped and loaded again. */
  get broken(): boolean {
    return this.brokenDoc
  }

  /** The room's content rules, set once before anyone joins (see ContentGuard). */
  setRules(rules: RoomRules | undefined): void {
    this.rules = rules
  }

  addConnection(socket: WebSocket, options: { readOnly?: boolean; grant?: unknown } = {}): void {
    this.connections.set(socket, {
      clients: new Set(),
      requests: new RequestBudget(CONNECTION_LIMITS.requestBurst, CONNECTION_LIMITS.requestsPerSecond),
      updates: new RequestBudget(CONNECTION_LIMITS.updateBurst, CONNECTION_LIMITS.updatesPerSecond),
      updateBytes: new RequestBudget(CONNECTION_LIMITS.updateBytesBurst, CONNECTION_LIMITS.updateBytesPerSecond),
      work: new RequestBudget(CONNECTION_LIMITS.workBurst, CONNECTION_LIMITS.workPerSecond),
      readOnly: options.readOnly ?? false,
      grant: options.grant,
      watched: null,
    })
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
    if (!isOpen(socket)) return
    const connection = this.connections.get(socket)
    // Each request makes the server encode and send the whole document (or everyone's presence): a few are
    // normal, a stream of them is an attack on memory and CPU.
    if ((message.kind === 'syncStep1' || message.kind === 'queryAwareness') && !connection?.requests.take()) {
      this.log.warn({ room: this.label, kind: message.kind }, 'closing a connection that asks too often')
      return closeSocket(socket, CloseCode.RateLimited, CloseReason.rateLimited, { keepInput: true })
    }
    // Every update costs decoding, checking and applying, whether it is kept or not: a browser sends a few a
    // second (a backlog in a burst of pieces); a stream of them is an attack on everyone else's latency.
    if (message.kind === 'update' || message.kind === 'emptyUpdate') {
      const bytes = message.kind === 'update' ? message.update.byteLength : 0
      if (!connection?.updates.take() || !connection.updateBytes.take(bytes)) {
        this.log.warn({ room: this.label }, 'closing a connection that sends too many updates')
        return closeSocket(socket, CloseCode.RateLimited, CloseReason.tooManyUpdates, { keepInput: true })
      }
    }
    switch (message.kind) {
      case 'syncStep1':
        // While a batch is being written the doc already holds it: answer once it is durable.
        if (this.writing) {
          const answer = () => this.send(socket, encodeSyncStep2(this.doc, message.stateVector))
          void this.writing.then(answer, answer)
        } else {
          this.send(socket, encodeSyncStep2(this.doc, message.stateVector))
        }
        break
      case 'update':
        // Enforced here, whatever the client does: a read-only peer's sync step 2 and updates change nothing.
        // Dropped quietly rather than closing, since an honest viewer still answers the server's sync step 1.
        if (this.connections.get(socket)?.readOnly) {
          this.log.debug({ room: this.label }, 'dropped an update from a read-only connection')
          break
        }
        this.pending.push({ update: message.update, decoded: message.decoded, source: socket })
        this.scheduleFlush()
        break
      case 'emptyUpdate':
        // Nothing to store or send: skipping it spares a disk commit per joining client.
        break
      case 'awareness':
        try {
          const own = connection ? this.ownPresence(socket, connection, message.update) : null
          if (own) awarenessProtocol.applyAwarenessUpdate(this.awareness, own, socket)
        } catch {
          this.log.warn({ room: this.label }, 'closing a connection that sent an invalid awareness update')
          closeSocket(socket, CloseCode.ProtocolError, CloseReason.invalidAwareness)
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
    if (this.discarded) throw new Error(`the room ${this.label} was dropped`)
    const item: PendingUpdate = { update, source: null }
    this.pending.push(item)
    await this.flush()
    if (this.refusedServerUpdates.delete(item)) throw new Error(`the server's own update to ${this.name} was refused`)
  }

  /**
   * Resolves once the doc holds everything storage held when this was called, what other processes wrote included:
   * for server-side work that reads, decides and writes under a lock (a reveal, counting a vote).
   */
  catchUpWithStorage(): Promise<void> {
    return this.enqueue(() => this.catchUp())
  }

  /** Resolves once every update received so far is stored, applied and broadcast. */
  flush(): Promise<void> {
    return this.enqueue(async () => {
      // A batch that takes too long is handled in slices, the event loop free in between (see flushBatch).
      const last = this.pending.at(-1)
      await this.flushBatch()
      while (last && this.pending.includes(last) && !this.brokenDoc) {
        await new Promise((resolve) => setImmediate(resolve))
        await this.flushBatch()
      }
    })
  }

  /** True once the room was dropped without writing (`discard`). */
  get dropped(): boolean {
    return this.discarded
  }

  /** Flushes, compacts what is left in the log and frees memory. */
  async unload(): Promise<void> {
    if (this.unloaded) return
    this.stopHearing()
    // A broken doc is ahead of storage: it must never be written as a snapshot.
    if (!this.brokenDoc) {
      await this.flush()
      if (this.updatesSinceCompaction > 0) await this.enqueue(() => this.compact())
    }
    this.rules?.dispose()
    this.destroy()
  }

  /**
   * Drops the room without writing anything more (what is queued is not stored, the log is not compacted), for a
   * room whose content is being deleted: its connections are closed with `code`, server updates still queued are
   * refused, and a write already under way is waited for, so nothing of the room reaches storage once this resolves.
   */
  async discard(code: number, reason: string): Promise<void> {
    if (this.unloaded) return
    this.discarded = true
    this.stopHearing()
    this.closeAll(code, reason)
    for (const item of this.pending) if (!item.source) this.refusedServerUpdates.add(item)
    this.pending = []
    await this.queue
    this.rules?.dispose({ discarded: true })
    this.destroy()
  }

  private stopHearing(): void {
    this.unloaded = true
    if (this.catchUpInterval) clearInterval(this.catchUpInterval)
    if (this.catchUpTimer) clearTimeout(this.catchUpTimer)
    this.channel?.leave()
  }

  private destroy(): void {
    this.doc.off('afterTransaction', this.onAfterTransaction)
    this.awareness.off('update', this.onAwarenessUpdate)
    this.awareness.destroy()
    this.doc.destroy()
  }

  /** Closes every connection; what they sent before stays queued only for a shutdown (`GoingAway`). */
  closeAll(code: number, reason: string): void {
    const keepInput = code === CloseCode.GoingAway
    for (const socket of this.connections.keys()) closeSocket(socket, code, reason, { keepInput })
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
    if (batch.length === 0 || this.brokenDoc || this.discarded) return
    this.pending = []
    const accepted: AcceptedUpdate[] = []
    let caughtUp = false
    const started = performance.now()
    for (const [index, item] of batch.entries()) {
      // Updates that cost much (each within its limits) hold everyone else up only so long: the rest of the
      // batch waits for the next turn of the event loop, in order, ahead of what arrives meanwhile.
      if (index > 0 && performance.now() - started > BATCH_SLICE_MS) {
        this.pending = [...batch.slice(index), ...this.pending]
        break
      }
      // A connection closed for cause (a revoked link, a bad frame) is not heard, even for what it sent before.
      if (item.source && isRevoked(item.source)) continue
      let refusal = item.source ? this.admit(item) : null
      // A peer who came over from another process may build on what that process stored and this one has not
      // heard yet: read storage once before calling it missing.
      if (refusal === RefusalReason.missingDependencies && this.channel && !caughtUp) {
        caughtUp = true
        await this.catchUp()
        refusal = this.admit(item)
      }
      if (refusal === OVER_BUDGET) continue
      if (refusal) {
        this.refuse(item, refusal)
        continue
      }
      const applied = this.applyUpdate(item)
      if (this.brokenDoc) {
        for (const done of accepted) if (!done.source) this.refusedServerUpdates.add(done.received)
        return
      }
      if (applied) accepted.push(applied)
    }
    if (accepted.length === 0) return
    const parts = accepted.map((item) => item.update)
    // One row per batch: a slow store (a database over the network) takes larger batches, not more rows.
    const merged = mergeUpdates(parts)
    const write = this.storage.appendUpdates(this.name, [merged])
    this.writing = write
    const writeStarted = performance.now()
    let lastSeq: number
    try {
      lastSeq = await write
    } catch (error) {
      // The doc holds updates that storage does not: nobody may see them. Everyone is sent away and the room is
      // loaded again from storage; the senders still hold their edits and resend them when they reconnect.
      this.log.error({ room: this.label, err: error }, 'could not store updates; closing the room')
      this.brokenDoc = true
      for (const item of accepted) if (!item.source) this.refusedServerUpdates.add(item.received)
      this.closeAll(CloseCode.InternalError, CloseReason.internalError)
      return
    } finally {
      this.writing = null
    }
    this.metrics.stored(parts.length, merged.byteLength, (performance.now() - writeStarted) / 1000)
    this.storedBytes += merged.byteLength
    this.markApplied(lastSeq, lastSeq)
    this.broadcast(accepted)
    // Durable first, then heard by the other processes' peers too.
    this.channel?.publishUpdates({ firstSeq: lastSeq, lastSeq, update: merged })
    this.updatesSinceCompaction += parts.length
    if (this.updatesSinceCompaction >= this.options.compactAfterUpdates) await this.compact()
  }

  /**
   * Why a peer's update may not even be applied, or null; `OVER_BUDGET` when its sender has spent what it may
   * cost (the sender is then closed). Everything here costs the update's size, whatever it claims.
   */
  private admit(item: PendingUpdate): string | typeof OVER_BUDGET | null {
    const limit = this.options.maxDocBytes
    // What an update claims counts, not only its bytes: a deleted run of any length is a few bytes.
    const decoded = (item.decoded ??= Y.decodeUpdate(item.update))
    if (limit !== undefined && addedLength(this.doc, decoded) > limit) return RefusalReason.boardTooLarge
    if (hasMissingDependencies(this.doc, decoded)) return RefusalReason.missingDependencies
    if (limit !== undefined && this.storedBytes + item.update.byteLength > limit) return RefusalReason.boardTooLarge
    const cost = updateCost(this.doc, decoded)
    if (!cost.ok) {
      this.log.warn({ room: this.label, limit: cost.why }, 'an update would cost far more than its size')
      return RefusalReason.updateTooComplex
    }
    const ruled = this.rules?.admit?.(decoded)
    if (ruled) return ruled
    const connection = item.source ? this.connections.get(item.source) : undefined
    if (item.source && connection && !connection.work.take(cost.work)) {
      this.log.warn({ room: this.label }, 'closing a connection whose updates cost too much')
      closeSocket(item.source, CloseCode.RateLimited, CloseReason.tooManyUpdates, { keepInput: true })
      return OVER_BUDGET
    }
    return null
  }

  /**
   * Tells the sender, and takes the update back out of the sender's doc (a deletion of what it inserted), so the
   * sender sees the board as it is. Nothing is stored; the sender stays connected.
   */
  private refuse(item: PendingUpdate, reason: string): void {
    this.log.warn({ room: this.label, reason, bytes: item.update.byteLength }, 'refused an update')
    this.metrics.refused(reason)
    if (!item.source) return
    this.send(item.source, encodeRefusal(reason))
    if (reason !== RefusalReason.missingDependencies) {
      this.send(item.source, encodeUpdate(deletionOf(item.decoded ?? item.update)))
    }
  }

  /**
   * Applies one update to the doc; for a peer's, the rules review it and what breaks a rule is reverted at once
   * by a correction of the room's own. Null when the update does not apply (it is then neither stored nor sent).
   */
  private applyUpdate(item: PendingUpdate): AcceptedUpdate | null {
    const connection = item.source ? this.connections.get(item.source) : undefined
    const review: Review | null =
      item.source && this.rules ? { item, grant: connection?.grant, found: null, deleted: null } : null
    // The clocks of the clients the update and a correction can add to (not every client of the doc: a board
    // written from many sessions would make each update cost a step per session).
    const stateBefore = review
      ? clocksOf(this.doc, [...clientsOf(item.decoded ?? Y.decodeUpdate(item.update)), this.doc.clientID])
      : null
    this.reviewing = review
    try {
      Y.applyUpdate(this.doc, item.update, item)
    } catch (error) {
      // Some damaged updates decode but throw when applied. Peers must not get one: merged into the broadcast it
      // would throw for them too and take the batch's good updates down with it. Nor must storage keep it.
      this.log.warn({ room: this.label, err: error }, 'an update failed to apply; closing its sender')
      if (item.source) closeSocket(item.source, CloseCode.ProtocolError, CloseReason.invalidUpdate)
      else this.refusedServerUpdates.add(item)
      this.dropIfDocBroken()
      return null
    } finally {
      this.reviewing = null
    }
    const found = review?.found
    if (!found || !stateBefore) return { received: item, source: item.source, update: item.update, correction: null }
    this.log.info({ room: this.label, reason: found.reason }, 'reverted a change that breaks a rule')
    this.metrics.refused(found.reason)
    if (item.source) this.send(item.source, encodeRefusal(found.reason))
    let correction: ReturnType<Room['correction']>
    try {
      correction = this.correction(found)
    } catch (error) {
      this.log.error({ room: this.label, err: error }, 'a correction failed; the room is loaded again')
      if (item.source) closeSocket(item.source, CloseCode.ProtocolError, CloseReason.invalidUpdate)
      this.dropDoc()
      return null
    }
    // The net effect of update and correction, with the refused content already collected as garbage: what
    // others get and what is stored never holds it, and carries only the deletions these two made.
    const deleted = [review.deleted, correction.deleted].filter((set): set is DeleteSet => set !== null)
    const update = updateSince(this.doc, stateBefore, deleted)
    return { received: item, source: item.source, update, correction: correction.update }
  }

  /**
   * After a throw inside Yjs: if the throw came out of a transaction's cleanup (a stack overflow, say), Yjs never
   * finishes that cleanup and the doc stops reporting transactions (so the rules would stop seeing them). Such a
   * doc is dropped: everyone is sent away and the room is loaded again from storage, which never held the update.
   */
  private dropIfDocBroken(): void {
    const pending = (this.doc as unknown as { _transactionCleanups: unknown[] })._transactionCleanups
    if (pending.length > 0) {
      this.log.error({ room: this.label }, 'an update left the doc in a broken state; the room is loaded again')
      this.dropDoc()
    }
  }

  /** The doc holds what storage does not (or cannot be trusted): everyone is sent away and it is loaded again. */
  private dropDoc(): void {
    this.brokenDoc = true
    this.closeAll(CloseCode.InternalError, CloseReason.internalError)
  }

  private readonly onAfterTransaction = (transaction: Y.Transaction): void => {
    const reviewing = this.reviewing
    if (!reviewing || transaction.origin !== reviewing.item || !this.rules) return
    reviewing.deleted = transaction.deleteSet
    reviewing.found = this.rules.review(transaction, reviewing.grant)
  }

  /** Runs a rule break's revert as the room's own transaction: the update it made, and what it deleted. */
  private correction(found: RuleBreak): { update: Uint8Array | null; deleted: DeleteSet | null } {
    const made: { update: Uint8Array | null; deleted: DeleteSet | null } = { update: null, deleted: null }
    const captureUpdate = (update: Uint8Array) => (made.update = update)
    const captureDeleted = (transaction: Y.Transaction) => {
      if (transaction.origin === this) made.deleted = transaction.deleteSet
    }
    this.doc.on('update', captureUpdate)
    this.doc.on('afterTransaction', captureDeleted)
    try {
      this.doc.transact(() => found.revert(), this)
    } finally {
      this.doc.off('update', captureUpdate)
      this.doc.off('afterTransaction', captureDeleted)
    }
    return made
  }

  /**
   * Sends each peer one merged message: the updates it did not send itself, and the corrections of its own
   * updates, which bring its doc back to what the room kept.
   */
  private broadcast(batch: AcceptedUpdate[]): void {
    const sources = new Set(batch.map((item) => item.source))
    const corrected = batch.some((item) => item.correction)
    const mergedAll = encodeUpdate(mergeUpdates(batch.map((item) => item.update)))
    for (const socket of this.connections.keys()) {
      if (!sources.has(socket)) {
        this.send(socket, mergedAll)
        continue
      }
      if (sources.size === 1 && !corrected) continue
      const forSocket = batch.flatMap((item) => {
        if (item.source !== socket) return [item.update]
        return item.correction ? [item.correction] : []
      })
      if (forSocket.length > 0) this.send(socket, encodeUpdate(mergeUpdates(forSocket)))
    }
  }

  private async compact(): Promise<void> {
    if (this.compactionDisabled || this.brokenDoc || this.discarded) return
    // Only what is known to be in the doc: an update another process stored and this one has not heard yet stays
    // in the log (the snapshot is taken up to the first gap).
    const upToSeq = this.appliedSeq
    const state = Y.encodeStateAsUpdate(this.doc)
    await this.storage.compactDoc(this.name, state, upToSeq)
    this.storedBytes = state.byteLength
    this.log.debug({ room: this.label, bytes: state.byteLength, upToSeq }, 'compacted')
    this.updatesSinceCompaction = 0
  }

  private readonly onAwarenessUpdate = (
    change: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    const changed = [...change.added, ...change.updated, ...change.removed]
    if (this.channel && origin !== FROM_ELSEWHERE) for (const id of changed) this.changedHere.add(id)
    // Each id belongs to the connection that announced it (ownPresence lets nobody else change it).
    const owner = origin instanceof WebSocket || origin === FROM_ELSEWHERE ? origin : undefined
    if (owner) {
      for (const id of [...change.added, ...change.updated]) {
        this.presenceOwners.set(id, owner)
        if (owner !== FROM_ELSEWHERE) this.connections.get(owner)?.clients.add(id)
      }
    }
    for (const id of change.removed) {
      const previous = this.presenceOwners.get(id)
      this.presenceOwners.delete(id)
      if (previous instanceof WebSocket) this.connections.get(previous)?.clients.delete(id)
    }
    // Cursor moves arrive many times a second from every peer: send them at most once per tick.
    const firstInTick = this.changedAwareness.size === 0
    for (const id of changed) this.changedAwareness.add(id)
    if (firstInTick) setImmediate(this.flushAwareness)
  }

  private readonly flushAwareness = (): void => {
    const clients = [...this.changedAwareness]
    this.changedAwareness.clear()
    if (this.changedHere.size > 0 && !this.unloaded) {
      const here = [...this.changedHere]
      this.changedHere.clear()
      this.channel?.publishAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, here))
    }
    if (clients.length === 0 || this.connections.size === 0) return
    const message = this.encodeAwarenessOf(clients)
    for (const socket of this.connections.keys()) this.send(socket, message)
  }

  /** An awareness message with the states of `clients` (everyone present by default). */
  private encodeAwarenessOf(clients = [...this.awareness.getStates().keys()]): Uint8Array {
    return encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, clients))
  }

  /**
   * The part of a presence update a connection may make: its own client ids (at most a few), with states of a
   * bounded size. An id belongs to the connection that announced it first, not to the link it shares with
   * others: nobody else's presence can be changed or removed. A claim on another connection's id with the same
   * grant (a tab that reconnected before its old socket was noticed dead) asks that connection whether it still
   * answers; if it does not, it is let go and the claim applies.
   */
  private ownPresence(socket: WebSocket, connection: Connection, update: Uint8Array): Uint8Array | null {
    const stamp = this.options.presenceFromGrant?.(connection.grant)
    const watch = this.options.presenceWatch
    let taken = connection.clients.size
    return filterAwarenessUpdate(update, (clientId, state, clock) => {
      if (state.length > CONNECTION_LIMITS.presenceStateBytes) return null
      // Parsed once, for both, and only when either needs it.
      const object = stamp || watch ? presenceObject(state) : null
      const stamped = stamp ? stampPresence(state, stamp, object) : state
      const owner = this.presenceOwners.get(clientId)
      if (owner === socket) return this.watchPresence(connection, object, stamped)
      if (owner === undefined) {
        if (taken >= CONNECTION_LIMITS.presenceIds) return null
        taken++
        return this.watchPresence(connection, object, stamped)
      }
      if (owner !== FROM_ELSEWHERE && this.sameGrant(owner, connection)) {
        this.challenge(owner, clientId, { claimant: socket, update: presenceUpdate(clientId, clock, stamped) })
      }
      return null
    })
  }

  /**
   * Reports the watched value of a presence state this connection may set, when it differs from the last; `kept`.
   * The app's watch failing is the app's: it never refuses the presence nor closes the connection.
   */
  private watchPresence(connection: Connection, state: Record<string, unknown> | null, kept: string): string {
    const watch = this.options.presenceWatch
    if (!watch || !state) return kept
    try {
      const value = watch.select(state)
      if (value !== null && value !== connection.watched) {
        connection.watched = value
        watch.changed(this.name, connection.grant, value)
      }
    } catch (error) {
      this.log.warn({ room: this.label, err: error }, 'watching a presence failed')
    }
    return kept
  }

  private sameGrant(socket: WebSocket, connection: Connection): boolean {
    const other = this.connections.get(socket)
    return other !== undefined && JSON.stringify(other.grant) === JSON.stringify(connection.grant)
  }

  /** Asks `owner` whether it still answers; if not, it is let go and the latest claim on each of its ids applies. */
  private challenge(owner: WebSocket, clientId: number, claim: { claimant: WebSocket; update: Uint8Array }): void {
    const pending = this.challenged.get(owner)
    if (pending) {
      pending.set(clientId, claim)
      return
    }
    const isAlive = this.options.isAlive
    if (!isAlive) return
    const claims = new Map([[clientId, claim]])
    this.challenged.set(owner, claims)
    // A connection already closing is not asked: it is gone.
    const asked = isOpen(owner) ? isAlive(owner).catch(() => false) : Promise.resolve(false)
    void asked.then((alive) => {
      this.challenged.delete(owner)
      if (alive || this.unloaded) return
      this.log.info({ room: this.label }, 'letting go of a connection that no longer answers, for its reconnected tab')
      this.removeConnection(owner)
      owner.terminate()
      for (const { claimant, update } of claims.values()) {
        if (this.connections.has(claimant) && isOpen(claimant)) {
          awarenessProtocol.applyAwarenessUpdate(this.awareness, update, claimant)
        }
      }
    })
  }

  /** A batch another process stored: applied and sent to this process's peers, unless heard already. */
  private hearUpdates(message: BusUpdates): void {
    if (this.unloaded || this.brokenDoc || this.isApplied(message.firstSeq)) return
    try {
      Y.applyUpdate(this.doc, message.update, FROM_ELSEWHERE)
    } catch (error) {
      // Storage holds what the other process wrote: read it from there.
      this.log.warn({ room: this.label, err: error }, 'an update heard from another process did not apply')
      return this.scheduleCatchUp(0)
    }
    this.storedBytes += message.update.byteLength
    this.markApplied(message.firstSeq, message.lastSeq)
    this.metrics.heard('bus', message.lastSeq - message.firstSeq + 1)
    // Batches from several processes arriving in one tick go out merged, one message per peer.
    if (this.heard.length === 0) setImmediate(this.sendHeard)
    this.heard.push(message.update)
  }

  private readonly sendHeard = (): void => {
    const heard = this.heard
    this.heard = []
    if (heard.length > 0 && !this.unloaded) this.sendToAll(encodeUpdate(mergeUpdates(heard)))
  }

  /** Presence of peers connected to another process. */
  private hearAwareness(update: Uint8Array): void {
    if (this.unloaded) return
    try {
      awarenessProtocol.applyAwarenessUpdate(this.awareness, update, FROM_ELSEWHERE)
    } catch (error) {
      this.log.warn({ room: this.label, err: error }, 'a presence update heard from another process did not apply')
    }
  }

  private isApplied(seq: number): boolean {
    return seq <= this.appliedSeq || this.ahead.some(([first, last]) => first <= seq && seq <= last)
  }

  /** Records that sequence numbers `first`..`last` are in the doc; a gap before them is looked up soon. */
  private markApplied(first: number, last: number): void {
    if (first <= this.appliedSeq + 1) this.appliedSeq = Math.max(this.appliedSeq, last)
    else this.ahead.push([first, last])
    this.ahead.sort((a, b) => a[0] - b[0])
    while (this.ahead.length > 0 && this.ahead[0]![0] <= this.appliedSeq + 1) {
      this.appliedSeq = Math.max(this.appliedSeq, this.ahead.shift()![1])
    }
    if (this.ahead.length > 0) this.scheduleCatchUp(GAP_WAIT_MS)
  }

  private scheduleCatchUp(delayMs: number): void {
    if (this.unloaded || this.catchUpTimer) return
    this.catchUpTimer = setTimeout(() => {
      this.catchUpTimer = null
      this.enqueue(() => this.catchUp()).catch(() => {}) // already logged by the queue
    }, delayMs)
  }

  /**
   * Reads from storage what other processes wrote after `appliedSeq` and this one has not heard, applies it and
   * sends it to this process's peers. If another process compacted it away meanwhile, its snapshot holds it.
   */
  private async catchUp(): Promise<void> {
    if (this.unloaded || this.brokenDoc) return
    const from = this.appliedSeq
    const { updates: rows, compactedThrough } = await this.storage.loadUpdatesSince(this.name, from)
    // Another process compacted updates this room has not applied: they are only in the snapshot now.
    const compactedAway = compactedThrough > from
    // The usual answer, every few seconds for every open board: nothing new.
    if (rows.length === 0 && !compactedAway) return
    const stored = compactedAway ? await this.storage.loadDoc(this.name) : null
    // Sent on as the updates these rows made, not as a diff of the doc (whose delete set is the whole board's).
    const made: Uint8Array[] = []
    const capture = (update: Uint8Array) => made.push(update)
    this.doc.on('update', capture)
    let heard: number
    try {
      heard = stored ? this.applyStoredDoc(stored) : this.applyRows(rows)
    } finally {
      this.doc.off('update', capture)
    }
    if (heard === 0) return
    this.log.debug({ room: this.label, heard, appliedSeq: this.appliedSeq }, 'caught up from storage')
    this.metrics.heard('storage', heard)
    if (made.length > 0) this.sendToAll(encodeUpdate(mergeUpdates(made)))
  }

  /** Applies the stored doc, when what this room lacks was compacted away; how many stored parts it read. */
  private applyStoredDoc(stored: StoredDoc): number {
    for (const part of stored.snapshot ? [stored.snapshot, ...stored.updates] : stored.updates) {
      Y.applyUpdate(this.doc, part, FROM_ELSEWHERE)
    }
    this.appliedSeq = Math.max(this.appliedSeq, stored.lastSeq)
    this.ahead = this.ahead.filter(([, last]) => last > this.appliedSeq)
    return stored.updates.length + 1
  }

  /** Applies the rows this room has not applied yet; how many. */
  private applyRows(rows: readonly StoredUpdate[]): number {
    let heard = 0
    for (const row of rows) {
      if (this.isApplied(row.seq)) continue
      Y.applyUpdate(this.doc, row.data, FROM_ELSEWHERE)
      this.storedBytes += row.data.byteLength
      this.markApplied(row.seq, row.seq)
      heard++
    }
    return heard
  }

  private sendToAll(message: Uint8Array): void {
    for (const socket of this.connections.keys()) this.send(socket, message)
  }

  private send(socket: WebSocket, message: Uint8Array): void {
    if (!isOpen(socket)) return
    // A reader that does not keep up is let go rather than buffered without end (it resyncs when it returns).
    if (socket.bufferedAmount > 0 && socket.bufferedAmount + message.byteLength > CONNECTION_LIMITS.queuedBytes) {
      this.log.warn({ room: this.label, queued: socket.bufferedAmount }, 'closing a connection that fell behind')
      return closeSocket(socket, CloseCode.FellBehind, CloseReason.fellBehind, { keepInput: true })
    }
    this.options.onSent?.(socket, message.byteLength)
    socket.send(message, { binary: true }, (error) => {
      if (error) socket.terminate()
    })
  }
}

/** The clients an update brings structs of. */
function clientsOf(update: DecodedUpdate): Set<number> {
  return new Set(update.structs.map((struct) => struct.id.client))
}

/** An awareness update of one entry, in y-protocols' format. */
function presenceUpdate(clientId: number, clock: number, state: string): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, 1)
  encoding.writeVarUint(encoder, clientId)
  encoding.writeVarUint(encoder, clock)
  encoding.writeVarString(encoder, state)
  return encoding.toUint8Array(encoder)
}

function mergeUpdates(updates: Uint8Array[]): Uint8Array {
  return updates.length === 1 ? updates[0]! : Y.mergeUpdates(updates)
}
