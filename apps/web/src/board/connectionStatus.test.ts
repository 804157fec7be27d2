import { describe, expect, it } from 'vitest'
import { deriveConnectionStatus } from './connectionStatus.ts'

describe('deriveConnectionStatus', () => {
  it('says Connected only when the socket is synced', () => {
    expect(deriveConnectionStatus({ socket: 'connected', everConnected: true, browserOnline: true })).toBe('connected')
  })
  it('tells a first connection from a reconnection', () => {
    expect(deriveConnectionStatus({ socket: 'connecting', everConnected: false, browserOnline: true })).toBe(
      'connecting',
    )
    expect(deriveConnectionStatus({ socket: 'disconnected', everConnected: true, browserOnline: true })).toBe(
      'reconnecting',
    )
  })
  it('says the board is loading while a first sync arrives, and Reconnecting while a later one does', () => {
    expect(deriveConnectionStatus({ socket: 'syncing', everConnected: false, browserOnline: true })).toBe('loading')
    expect(deriveConnectionStatus({ socket: 'syncing', everConnected: true, browserOnline: true })).toBe('reconnecting')
  })
  it('says Offline when the browser has no network', () => {
    expect(deriveConnectionStatus({ socket: 'disconnected', everConnected: true, browserOnline: false })).toBe(
      'offline',
    )
  })
  it('says Not sending, even while connected, once the server refused an edit as too large to take', () => {
    for (const socket of ['connected', 'connecting', 'disconnected'] as const) {
      expect(deriveConnectionStatus({ socket, everConnected: true, browserOnline: true, tooLargeToSend: true })).toBe(
        'not-sending',
      )
    }
  })
})
