import { connect, createServer, type AddressInfo, type Socket } from 'node:net'

/**
 * A TCP proxy in front of a server that counts every byte it carries, both ways: what a browser pointed at it moves
 * over the network, HTTP and websocket alike, service worker fetches included, compressed as it goes.
 */
export interface CountingProxy {
  url: string
  /** TCP payload bytes both ways since the last reset. */
  bytes(): number
  reset(): void
  /** Blocked: open connections are dropped and new ones refused, as when the link is gone. */
  setBlocked(blocked: boolean): void
  close(): Promise<void>
}

export async function startCountingProxy(serverUrl: string): Promise<CountingProxy> {
  const target = new URL(serverUrl)
  const sockets = new Set<Socket>()
  let counted = 0
  let blocked = false
  const proxy = createServer((client) => {
    if (blocked) return void client.destroy()
    const upstream = connect(Number(target.port), target.hostname)
    for (const socket of [client, upstream]) {
      sockets.add(socket)
      socket.on('data', (chunk: Buffer) => (counted += chunk.length))
      socket.on('close', () => sockets.delete(socket))
    }
    client.pipe(upstream)
    upstream.pipe(client)
    const end = () => {
      client.destroy()
      upstream.destroy()
    }
    client.on('close', end).on('error', end)
    upstream.on('close', end).on('error', end)
  })
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve))
  const { port } = proxy.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    bytes: () => counted,
    reset: () => void (counted = 0),
    setBlocked(value) {
      blocked = value
      if (blocked) for (const socket of sockets) socket.destroy()
    },
    async close() {
      for (const socket of sockets) socket.destroy()
      await new Promise<void>((resolve) => proxy.close(() => resolve()))
    },
  }
}
