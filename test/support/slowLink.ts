import { connect, createServer, type Server, type Socket } from 'node:net'
import type { AddressInfo } from 'node:net'

const TICK_MS = 20

export interface SlowLink {
  /** The proxy's address, to give clients instead of the server's. */
  url: string
  close(): Promise<void>
}

/**
 * A TCP proxy whose downlink (server to client) carries at most `bytesPerSecond`, as a field office's link does:
 * it reads from the server only as fast as it forwards, so the server's buffers fill as they would on a real slow
 * link. The uplink is not slowed.
 */
export async function startSlowLink(serverUrl: string, bytesPerSecond: number): Promise<SlowLink> {
  const target = new URL(serverUrl)
  const sockets = new Set<Socket>()
  const proxy: Server = createServer((client) => {
    const upstream = connect(Number(target.port), target.hostname)
    sockets.add(client).add(upstream)
    client.pipe(upstream)
    const queue: Buffer[] = []
    let queued = 0
    upstream.on('data', (chunk: Buffer) => {
      queue.push(chunk)
      queued += chunk.length
      if (queued > bytesPerSecond) upstream.pause()
    })
    const perTick = Math.max(1, Math.floor((bytesPerSecond * TICK_MS) / 1000))
    const pump = setInterval(() => {
      let budget = perTick
      while (budget > 0 && queue.length > 0) {
        const head = queue[0]!
        const part = head.subarray(0, budget)
        client.write(part)
        budget -= part.length
        queued -= part.length
        if (part.length === head.length) queue.shift()
        else queue[0] = head.subarray(part.length)
      }
      if (queued <= bytesPerSecond / 2) upstream.resume()
    }, TICK_MS)
    const end = () => {
      clearInterval(pump)
      client.destroy()
      upstream.destroy()
    }
    client.on('close', end).on('error', end)
    // The server dropping the connection drops what was still on its way too, as a reset does on a real link.
    upstream.on('close', end).on('error', end)
  })
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve))
  const { port } = proxy.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    async close() {
      for (const socket of sockets) socket.destroy()
      await new Promise<void>((resolve) => proxy.close(() => resolve()))
    },
  }
}
