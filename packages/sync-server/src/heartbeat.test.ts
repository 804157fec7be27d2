import { EventEmitter } from 'node:events'
import { describe, expect, it } from 'vitest'
import type { WebSocket } from 'ws'
import { Heartbeat, SLOWEST_LINK_BYTES_PER_SECOND } from './heartbeat.ts'

/** Just what the heartbeat uses of a socket: pings, pongs, terminate. */
function fakeSocket() {
  const socket = Object.assign(new EventEmitter(), { pings: 0, terminated: false })
  return Object.assign(socket, {
    ping: () => socket.pings++,
    terminate: () => (socket.terminated = true),
    pong: () => socket.emit('pong'),
  })
}
const asWebSocket = (socket: ReturnType<typeof fakeSocket>) => socket as unknown as WebSocket

describe('Heartbeat', () => {
  it('pings a peer that answered, and drops one whose pong is an interval late', () => {
    const heartbeat = new Heartbeat(1000)
    const socket = fakeSocket()
    heartbeat.add(asWebSocket(socket))
    heartbeat.check(0)
    socket.pong()
    heartbeat.check(1000)
    expect(socket.pings).toBe(2)
    heartbeat.check(1999)
    expect(socket.terminated).toBe(false)
    heartbeat.check(2000)
    expect(socket.terminated).toBe(true)
  })

  it('waits longer for a pong that queued behind data, as long as that data takes at the slowest link', () => {
    const heartbeat = new Heartbeat(1000)
    const socket = fakeSocket()
    heartbeat.add(asWebSocket(socket))
    heartbeat.sent(asWebSocket(socket), 10 * SLOWEST_LINK_BYTES_PER_SECOND) // ten seconds of a slow link
    heartbeat.check(0)
    heartbeat.check(10_999)
    expect(socket.terminated).toBe(false)
    expect(socket.pings).toBe(1)
    heartbeat.check(11_000)
    expect(socket.terminated).toBe(true)
  })

  it('counts only what the peer has not yet acknowledged: data before an answered ping arrived', () => {
    const heartbeat = new Heartbeat(1000)
    const socket = fakeSocket()
    heartbeat.add(asWebSocket(socket))
    heartbeat.sent(asWebSocket(socket), 100 * SLOWEST_LINK_BYTES_PER_SECOND)
    heartbeat.check(0)
    socket.pong() // the big board arrived
    heartbeat.check(1000)
    heartbeat.check(2000)
    expect(socket.terminated).toBe(true)
  })

  it('forgets a removed socket', () => {
    const heartbeat = new Heartbeat(1000)
    const socket = fakeSocket()
    heartbeat.add(asWebSocket(socket))
    heartbeat.remove(asWebSocket(socket))
    heartbeat.check(0)
    heartbeat.check(5000)
    expect(socket.pings).toBe(0)
    expect([...heartbeat.sockets()]).toEqual([])
  })
})
