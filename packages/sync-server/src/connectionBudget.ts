/**
 * What one connection may cost the server. A stock y-websocket client stays far inside these: it asks for the
 * document once per connect, announces one presence (its tab) and reads what it is sent as fast as its link allows.
 */
export const CONNECTION_LIMITS = {
  /** Requests for the document (sync step 1) and for everyone's presence, each: a burst, then one a second. */
  requestBurst: 10,
  requestsPerSecond: 1,
  /** Presence client ids one connection may announce (a browser tab announces one per room). */
  presenceIds: 4,
  /** Largest presence state (a cursor, a name, a selection of a few thousand shapes). */
  presenceStateBytes: 128 * 1024,
  /**
   * Bytes that may wait to be sent to one connection beyond the message being sent: a reader that falls further
   * behind is disconnected and catches up by syncing when it reconnects. One message is always let through, so a
   * board of any size can still be loaded.
   */
  queuedBytes: 4 * 1024 * 1024,
} as const

/** A token bucket: `take` is false once the burst is spent, until time refills it. */
export class RequestBudget {
  private tokens: number
  private last = Date.now()
  private readonly burst: number
  private readonly perSecond: number

  constructor(burst: number, perSecond: number) {
    this.burst = burst
    this.perSecond = perSecond
    this.tokens = burst
  }

  take(now = Date.now()): boolean {
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.perSecond)
    this.last = now
    if (this.tokens < 1) return false
    this.tokens -= 1
    return true
  }
}
