/**
 * Why the server closes a connection: websocket close codes and reasons are protocol data, so clients can tell
 * the person what happened ("board not found") instead of retrying blindly.
 */
export const CloseCode = {
  /** Server shutting down or room unloading: reconnect later. */
  GoingAway: 1001,
  /** A frame that is not a well-formed y-websocket message (unknown type, truncated, undecodable update). */
  ProtocolError: 1002,
  /** A text frame: the protocol is binary only. */
  UnsupportedData: 1003,
  /** A frame larger than the configured maximum (sent by `ws` itself through `maxPayload`). */
  MessageTooBig: 1009,
  /** The server failed while handling the message; the connection is closed, others keep going. */
  InternalError: 1011,
  /** The connection fell too far behind reading what it is sent; it reconnects and catches up by syncing. */
  FellBehind: 4008,
  /**
   * Too many requests of one kind in a short time (document or presence queries, updates, new private rooms); it
   * may reconnect later.
   */
  RateLimited: 4029,
  /** No token, or a token that opens no role on this board (wrong, or its link was rotated). */
  Unauthorized: 4401,
  /** A valid token whose role may not open this room (a viewer's private drafts). */
  Forbidden: 4403,
  /** No board with this id. */
  NotFound: 4404,
  /** The facilitator deleted the workshop (or it was purged): the client forgets every copy it keeps. */
  Gone: 4410,
} as const
export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode]

/** Short machine-readable reasons sent in the close frame (≤ 123 bytes by the websocket spec). */
export const CloseReason = {
  serverShutdown: 'server-shutdown',
  textFrame: 'binary-frames-only',
  malformedMessage: 'malformed-message',
  unknownMessageType: 'unknown-message-type',
  invalidUpdate: 'invalid-update',
  invalidAwareness: 'invalid-awareness',
  internalError: 'internal-error',
  boardNotFound: 'board-not-found',
  /** The workshop was deleted (4410). */
  boardDeleted: 'board-deleted',
  invalidToken: 'invalid-token',
  linkRotated: 'link-rotated',
  /** The participant and viewer links reached the expiry date their facilitator set (4401). */
  linkExpired: 'link-expired',
  roleForbidden: 'role-forbidden',
  fellBehind: 'fell-behind',
  rateLimited: 'rate-limited',
  /** More document updates, or update bytes, than a person's browser ever sends in that time. */
  tooManyUpdates: 'too-many-updates',
  /** The board already holds as many private rooms as the server keeps per board (4403). */
  privateRoomsFull: 'private-rooms-full',
} as const
export type CloseReason = (typeof CloseReason)[keyof typeof CloseReason]

/** Refusals a client must not retry: the link itself is wrong or was replaced. */
export type LinkRefusal =
  typeof CloseReason.invalidToken | typeof CloseReason.linkRotated | typeof CloseReason.linkExpired
