/**
 * One value an application reads from each connection's presence (awareness) state, such as the name a person
 * gave: it is told when a connection's presence first shows the value and whenever it changes, never for the
 * cursor moves in between. `select` runs on every presence update a connection sends (many a second): it must be
 * cheap, and the state it gets is parsed already.
 */
export interface PresenceWatch {
  /** The value in a presence state, or null when it holds none. */
  select(state: Readonly<Record<string, unknown>>): string | null
  /** A connection to room `docName`, let in with `grant`, shows `value` in its presence: first, or changed. */
  changed(docName: string, grant: unknown, value: string): void
}
