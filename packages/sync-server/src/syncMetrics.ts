/**
 * What the sync server reports as it works, for an operator's metrics; the app decides how to keep them
 * (Prometheus in apps/server). Reasons are the protocol's fixed names, never a room's name.
 */
export interface SyncMetrics {
  /** A batch of updates written to storage: how many, their bytes, and how long the write took. */
  stored(updates: number, bytes: number, seconds: number): void
  /** A frame received from a peer. */
  received(bytes: number): void
  /** A message handed to a peer's socket. */
  sent(bytes: number): void
  /** A peer's update refused or corrected (see @cg/contract RefusalReason). */
  refused(reason: string): void
  /** A connection the server closed, by the close reason it gave. */
  closed(reason: string): void
  /** Updates this process applied that another process stored: heard through the bus, or read from storage. */
  heard(via: 'bus' | 'storage', updates: number): void
}

export const noMetrics: SyncMetrics = {
  stored: () => {},
  received: () => {},
  sent: () => {},
  refused: () => {},
  closed: () => {},
  heard: () => {},
}
