/** What the person sees about the link to the server; derived from the provider's events and the browser. */
export type ConnectionStatus = 'connecting' | 'connected' | 'reconnecting' | 'offline'

export function deriveConnectionStatus(input: {
  socket: 'connecting' | 'connected' | 'disconnected'
  everConnected: boolean
  browserOnline: boolean
}): ConnectionStatus {
  if (input.socket === 'connected') return 'connected'
  if (!input.browserOnline) return 'offline'
  return input.everConnected ? 'reconnecting' : 'connecting'
}
