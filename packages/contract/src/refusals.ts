/**
 * A change the server did not accept. The room tells only the sender, in a message of its own type beside
 * y-websocket's (sync 0, awareness 1, auth 2, query awareness 3): `[varUint 20][varString reason]`. The sender's
 * doc is brought back to the board's real state by an update that comes with it; nobody else sees the change.
 */
export const REFUSAL_MESSAGE_TYPE = 20

export const RefusalReason = {
  /** Template scaffold is locked by the facilitator; participants may not change it. */
  scaffoldLocked: 'scaffold-locked',
  /** A record that is not a valid tldraw record of this server's schema. */
  invalidRecord: 'invalid-record',
  /** A stored schema this server cannot read (junk, or newer than the server). */
  invalidSchema: 'invalid-schema',
  /** The board would grow past the server's limit (`MAX_BOARD_BYTES`). */
  boardTooLarge: 'board-too-large',
  /** An update that depends on changes the server never received: it could never be shown. */
  missingDependencies: 'missing-dependencies',
  /** Something other than plain text in a co-drafted text. */
  invalidText: 'invalid-text',
  /**
   * An update whose structure would cost the server far more than its size (thousands of types nested in one
   * another, of items jostling for one place, of new clients or root types, of splits of one long item): no
   * browser writes one.
   */
  updateTooComplex: 'update-too-complex',
} as const
export type RefusalReason = (typeof RefusalReason)[keyof typeof RefusalReason]

export function isRefusalReason(value: unknown): value is RefusalReason {
  return typeof value === 'string' && (Object.values(RefusalReason) as string[]).includes(value)
}
