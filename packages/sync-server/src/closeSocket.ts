import { WebSocket } from 'ws'

/** How long a closed connection may take to answer the close frame before it is cut. */
export const CLOSE_GRACE_MS = 1_000

/**
 * Closes a connection for good: the close frame is sent, and if the peer has not finished the close handshake
 * after a short grace it is cut. Until then it is not open any more, so nothing it sends is handled (see
 * `isOpen`), and what it sent before that is still queued is dropped too (see `isRevoked`) unless `keepInput`
 * (a shutdown keeps what arrived before it): a revoked link stops working at once, and a refused client cannot
 * keep feeding the server: one that sends a frame after the close is not read any more (see `stopReading`).
 */
export function closeSocket(
  socket: WebSocket,
  code: number,
  reason: string,
  options: { keepInput?: boolean } = {},
): void {
  if (!options.keepInput) revoked.add(socket)
  if (socket.readyState === WebSocket.CLOSED) return
  // For whoever counts the server's refusals (the sync server's metrics), once per connection.
  if (socket.readyState !== WebSocket.CLOSING) socket.emit(CLOSED_BY_SERVER, reason)
  if (socket.readyState !== WebSocket.CLOSING) socket.close(code, reason)
  setTimeout(() => {
    if (socket.readyState !== WebSocket.CLOSED) socket.terminate()
  }, CLOSE_GRACE_MS).unref()
}

/** Event a socket emits when the server decides to close it, with the reason given. */
export const CLOSED_BY_SERVER = 'cg:closed-by-server'

/** Connections closed for cause: even what they sent before the close is dropped, not stored. */
const revoked = new WeakSet<WebSocket>()

export function isRevoked(socket: WebSocket): boolean {
  return revoked.has(socket)
}

/** Whether the server still listens to this connection (it has not decided to close it). */
export function isOpen(socket: WebSocket): boolean {
  return socket.readyState === WebSocket.OPEN
}

/**
 * For a frame that arrives after the server closed the connection: stop reading the socket, so a client that
 * keeps sending after its refusal costs one frame, not a buffer of everything it sends until it is cut. A client
 * that just answers the close frame never gets here, and its close handshake completes at once.
 */
export function stopReading(socket: WebSocket): void {
  socket.pause()
}
