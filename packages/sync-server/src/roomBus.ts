/**
 * Several server processes serving the same rooms. Each room writes its peers' updates to the shared storage, then
 * tells the other processes through the bus; they apply what they hear and send it to their own peers. The bus is
 * not trusted to deliver everything (pub/sub drops messages when a subscriber or the broker falls behind or
 * restarts): every message carries the storage's sequence numbers, and a room that finds one missing reads it from
 * storage. Presence (cursors, names) crosses the bus too; it is not stored, and a lost presence message is renewed
 * by the client within seconds.
 */

/** A durable batch of one room: the storage's sequence numbers it took, and its merged update. */
export interface BusUpdates {
  firstSeq: number
  lastSeq: number
  update: Uint8Array
}

/** What a room hears from the other processes. */
export interface RoomBusListener {
  updates(message: BusUpdates): void
  /** A presence update (y-protocols awareness encoding) of peers connected to another process. */
  awareness(update: Uint8Array): void
  /** The bus may have dropped messages (it reconnected): look in storage for what was missed. */
  resync(): void
}

/** One room's link to the bus, from `join` until `leave`. */
export interface RoomChannel {
  publishUpdates(message: BusUpdates): void
  publishAwareness(update: Uint8Array): void
  leave(): void
}

/** The processes' shared bus (Redis pub/sub in the server app); the sync server knows only this. */
export interface RoomBus {
  /** Starts hearing one room's messages from other processes (never its own process's). */
  join(room: string, listener: RoomBusListener): RoomChannel
}
