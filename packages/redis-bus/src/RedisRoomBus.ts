import { createHash, randomUUID } from 'node:crypto'
import { Redis } from 'ioredis'
import type { Logger, RoomBus, RoomBusListener, RoomChannel } from '@cg/sync-server'
import { decodeBusMessage, encodeBusMessage, type BusMessage } from './busMessage.ts'

export interface RedisRoomBusOptions {
  log?: Logger
  /** Told of each message heard from another process, with how long it took to arrive. */
  onHeard?: (kind: BusMessage['kind'], lagMs: number) => void
}

/**
 * The room bus over Redis pub/sub: one channel per room. Pub/sub keeps nothing and may drop messages (a slow
 * subscriber, a restart); rooms notice a missing sequence number and read it from storage, and after every
 * reconnection each room is told to look (`resync`). While Redis is down, processes keep serving and storing;
 * they hear each other again through storage, more slowly.
 */
export class RedisRoomBus implements RoomBus {
  /** Tells this process's messages from the others' on a shared channel. */
  readonly processId = randomUUID()
  private readonly publisher: Redis
  private readonly subscriber: Redis
  /** Plain commands for others that share Redis through the bus (the rate limits' counters). */
  private readonly commands: Redis
  private readonly listeners = new Map<string, RoomBusListener>()
  private readonly announcementHandlers = new Set<(event: unknown) => void>()
  private readonly reconnectHandlers = new Set<() => void>()
  private readonly log: Logger | undefined
  private readonly onHeard: RedisRoomBusOptions['onHeard']
  private everReady = false

  constructor(url: string, options: RedisRoomBusOptions = {}) {
    this.log = options.log
    this.onHeard = options.onHeard
    // A publish while Redis is away fails at once instead of queueing without end: storage carries it meanwhile.
    this.publisher = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 0, lazyConnect: false })
    this.subscriber = new Redis(url, { maxRetriesPerRequest: null })
    // Queued while connecting (a script is loaded at start), but a command fails after one retry when Redis is away.
    this.commands = new Redis(url, { maxRetriesPerRequest: 1 })
    for (const [role, client] of [
      ['publisher', this.publisher],
      ['subscriber', this.subscriber],
      ['commands', this.commands],
    ] as const) {
      client.on('error', (error: Error) => this.log?.warn({ err: error, role }, 'redis connection error'))
    }
    this.subscriber.on('messageBuffer', (channel: Buffer, message: Buffer) => this.deliver(channel, message))
    this.subscriber.subscribe(ANNOUNCEMENTS).catch((error: unknown) => {
      this.log?.warn({ err: error }, 'could not subscribe to announcements')
    })
    this.subscriber.on('ready', () => {
      // Subscriptions are renewed by the client on reconnection; what was published meanwhile is in storage.
      if (this.everReady) {
        for (const listener of this.listeners.values()) listener.resync()
        for (const handler of this.reconnectHandlers) handler()
      }
      this.everReady = true
    })
  }

  /** Resolves once both connections are up (for tests and start-up logs; the bus works without waiting). */
  async ready(): Promise<void> {
    await Promise.all([this.publisher, this.subscriber].map((client) => waitReady(client)))
  }

  join(room: string, listener: RoomBusListener): RoomChannel {
    const channel = channelOf(room)
    this.listeners.set(channel, listener)
    this.subscriber.subscribe(channel).catch((error: unknown) => {
      this.log?.warn({ err: error }, 'could not subscribe to a room; it will hear others through storage')
    })
    const publish = (message: BusMessage) => {
      this.publisher.publish(channel, Buffer.from(encodeBusMessage(message))).catch(() => {
        // Redis is away: the other processes read this batch from storage when they next look.
      })
    }
    let left = false
    return {
      publishUpdates: (message) => publish({ kind: 'updates', from: this.processId, sentAt: Date.now(), ...message }),
      publishAwareness: (update) => publish({ kind: 'awareness', from: this.processId, sentAt: Date.now(), update }),
      leave: () => {
        if (left) return
        left = true
        if (this.listeners.get(channel) !== listener) return
        this.listeners.delete(channel)
        this.subscriber.unsubscribe(channel).catch(() => {})
      },
    }
  }

  /**
   * Tells every other process of a server-wide event (JSON), e.g. links replaced: each closes the sockets that used
   * the old ones. Resolves once Redis took it; rejects when Redis is away.
   */
  async announce(event: unknown): Promise<void> {
    await this.publisher.publish(ANNOUNCEMENTS, JSON.stringify({ from: this.processId, event }))
  }

  /** Hears other processes' announcements (never this process's own). */
  onAnnouncement(handler: (event: unknown) => void): () => void {
    this.announcementHandlers.add(handler)
    return () => this.announcementHandlers.delete(handler)
  }

  /**
   * Called each time the bus is back after losing Redis: announcements made meanwhile were lost, so whoever relies
   * on them looks in storage for what changed.
   */
  onReconnected(handler: () => void): () => void {
    this.reconnectHandlers.add(handler)
    return () => this.reconnectHandlers.delete(handler)
  }

  /** Sends one raw command (as rate-limit-redis asks for one): counters every process shares. */
  readonly sendCommand = (command: string, ...args: string[]): Promise<unknown> => this.commands.call(command, ...args)

  async close(): Promise<void> {
    this.listeners.clear()
    this.publisher.disconnect()
    this.subscriber.disconnect()
    this.commands.disconnect()
  }

  private deliver(channel: Buffer, bytes: Buffer): void {
    if (channel.toString() === ANNOUNCEMENTS) return this.hearAnnouncement(bytes.toString())
    const listener = this.listeners.get(channel.toString())
    if (!listener) return
    const message = decodeBusMessage(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength))
    if (!message || message.from === this.processId) return
    this.onHeard?.(message.kind, Math.max(0, Date.now() - message.sentAt))
    if (message.kind === 'updates') listener.updates(message)
    else listener.awareness(message.update)
  }

  private hearAnnouncement(text: string): void {
    let parsed: { from?: unknown; event?: unknown }
    try {
      parsed = JSON.parse(text) as { from?: unknown; event?: unknown }
    } catch {
      return
    }
    if (parsed.from === this.processId) return
    for (const handler of this.announcementHandlers) handler(parsed.event)
  }
}

/** The channel of server-wide events, beside the rooms' channels. */
const ANNOUNCEMENTS = 'cg:announcements'

/** Room names can hold a secret (a private room's key): channels carry a digest of the name instead. */
function channelOf(room: string): string {
  return `cg:room:${createHash('sha256').update(room).digest('hex').slice(0, 40)}`
}

function waitReady(client: Redis): Promise<void> {
  if (client.status === 'ready') return Promise.resolve()
  return new Promise((resolve) => client.once('ready', () => resolve()))
}
