/**
 * What one connection may cost the server. A stock y-websocket client stays far inside these: it asks for the
 * document once per connect, announces one presence (its tab) and reads what it is sent as fast as its link allows.
 */
export const CONNECTION_LIMITS = {
  /** Requests for the document (sync step 1) and for everyone's presence, each: a burst, then one a second. */
  requestBurst: 10,
  requestsPerSecond: 1,
  /**
   * Updates (sync step 2 and update messages), each: a burst that takes a board's worth of offline backlog in
   * 256 KiB pieces (see @cg/update-chunks) many times over, then ten times what a browser writes (at most every
   * 50 ms, plus typing). A script with a stock client that writes faster is closed, reconnects and sends the rest
   * in its sync: slowed, never losing anything.
   */
  updateBurst: 1_000,
  updatesPerSecond: 200,
  /** Bytes of updates: a burst of a largest board, then far more than anyone types or draws. */
  updateBytesBurst: 32 * 1024 * 1024,
  updateBytesPerSecond: 1024 * 1024,
  /**
   * Work of applying updates, in structs, deleted ranges and list items walked to place them (see updateCost.ts):
   * a burst that takes a long offline day's backlog, then about a tenth of a second of the server's time each
   * second, whatever shape the updates have (a browser writing at its fastest uses a tenth of that).
   */
  workBurst: 60_000,
  workPerSecond: 3_000,
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

/**
 * A token bucket: `take` is false once the burst is spent, until time refills it. A cost larger than the whole
 * burst is let through when the bucket is full, and leaves it that much in debt.
 */
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

  take(cost = 1, now = Date.now()): boolean {
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.perSecond)
    this.last = now
    if (this.tokens < Math.min(cost, this.burst)) return false
    this.tokens -= cost
    return true
  }
}
