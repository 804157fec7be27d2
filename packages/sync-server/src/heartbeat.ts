import type { WebSocket } from 'ws'

/**
 * The slowest link still counted as alive while it takes in what it was sent: a field office on a poor mobile
 * link (about 128 kbit/s). A ping waits behind the data sent before it — in our queue and in the kernel's, which
 * we cannot see — so its pong may come back late by the time those bytes need at this rate.
 */
export const SLOWEST_LINK_BYTES_PER_SECOND = 16 * 1024

interface Peer {
  /** Bytes sent to the peer so far. */
  sent: number
  /** The ping waiting for its pong, if one is. */
  ping: { at: number; sentBefore: number } | null
  /** Bytes sent before the last ping the peer answered: the peer has received at least those. */
  received: number
}

/**
 * Liveness of websocket peers: each check pings every peer whose last ping was answered, and drops one whose
 * pong is overdue. A pong is due one interval after its ping, plus the time the bytes sent before the ping (and
 * not known to have arrived) need at SLOWEST_LINK_BYTES_PER_SECOND: a client loading a large board over a slow
 * link is kept, a silent one is dropped within an interval of its data's reasonable delivery time.
 */
export class Heartbeat {
  private readonly peers = new Map<WebSocket, Peer>()
  private readonly intervalMs: number

  constructor(intervalMs: number) {
    this.intervalMs = intervalMs
  }

  add(socket: WebSocket): void {
    this.peers.set(socket, { sent: 0, ping: null, received: 0 })
    socket.on('pong', () => {
      const peer = this.peers.get(socket)
      if (!peer?.ping) return
      peer.received = peer.ping.sentBefore
      peer.ping = null
    })
  }

  remove(socket: WebSocket): void {
    this.peers.delete(socket)
  }

  /** Counts bytes handed to the socket for sending. */
  sent(socket: WebSocket, bytes: number): void {
    const peer = this.peers.get(socket)
    if (peer) peer.sent += bytes
  }

  get size(): number {
    return this.peers.size
  }

  sockets(): IterableIterator<WebSocket> {
    return this.peers.keys()
  }

  /**
   * Whether `socket` answers a ping now, within `graceMs` plus the time what it is still receiving needs on the
   * slowest link. One that does not is not dropped here: the caller decides.
   */
  probe(socket: WebSocket, graceMs: number): Promise<boolean> {
    const peer = this.peers.get(socket)
    if (!peer || socket.readyState !== socket.OPEN) return Promise.resolve(false)
    const inFlight = peer.sent - peer.received
    return new Promise((resolve) => {
      const answered = () => {
        clearTimeout(timer)
        resolve(true)
      }
      const timer = setTimeout(
        () => {
          socket.off('pong', answered)
          resolve(false)
        },
        graceMs + (inFlight / SLOWEST_LINK_BYTES_PER_SECOND) * 1000,
      )
      socket.once('pong', answered)
      try {
        socket.ping()
      } catch {
        // Closed meanwhile: it will not answer.
      }
    })
  }

  /** Pings who answered, drops who is overdue. */
  check(now = Date.now()): void {
    for (const [socket, peer] of this.peers) {
      if (peer.ping) {
        const inFlight = peer.ping.sentBefore - peer.received
        const dueAt = peer.ping.at + this.intervalMs + (inFlight / SLOWEST_LINK_BYTES_PER_SECOND) * 1000
        if (now >= dueAt) {
          this.peers.delete(socket)
          socket.terminate()
        }
        continue
      }
      peer.ping = { at: now, sentBefore: peer.sent }
      socket.ping()
    }
  }
}
