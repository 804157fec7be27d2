/** What the person sees about the link to the server; derived from the provider's events and the browser. */
export type ConnectionStatus = 'connecting' | 'loading' | 'connected' | 'reconnecting' | 'offline' | 'not-sending'

/** The socket as the provider reports it; `syncing`: open, with the sync handshake still under way. */
export type SocketState = 'connecting' | 'syncing' | 'connected' | 'disconnected'

export function deriveConnectionStatus(input: {
  socket: SocketState
  everConnected: boolean
  browserOnline: boolean
  /** The server closed the link over a message too large for it (1009): some edit of this page cannot get through. */
  tooLargeToSend?: boolean
}): ConnectionStatus {
  // Never "Connected" while an edit keeps being refused: the link comes back each time, the edit never does.
  if (input.tooLargeToSend) return 'not-sending'
  if (input.socket === 'connected') return 'connected'
  if (!input.browserOnline) return 'offline'
  // A first visit on a slow link can spend a while receiving the board: say so, rather than "Connecting…".
  if (input.socket === 'syncing' && !input.everConnected) return 'loading'
  return input.everConnected ? 'reconnecting' : 'connecting'
}
