/** What the person sees about the link to the server; derived from the provider's events and the browser. */
export type ConnectionStatus = 'connecting' | 'connected' | 'reconnecting' | 'offline' | 'not-sending'

export function deriveConnectionStatus(input: {
  socket: 'connecting' | 'connected' | 'disconnected'
  everConnected: boolean
  browserOnline: boolean
  /** The server closed the link over a message too large for it (1009): some edit of this page cannot get through. */
  tooLargeToSend?: boolean
}): ConnectionStatus {
  // Never "Connected" while an edit keeps being refused: the link comes back each time, the edit never does.
  if (input.tooLargeToSend) return 'not-sending'
  if (input.socket === 'connected') return 'connected'
  if (!input.browserOnline) return 'offline'
  return input.everConnected ? 'reconnecting' : 'connecting'
}
