import WebSocket from 'ws'
import type { ServerProcess } from './serverProcess.ts'

/** Node flag for spawnServer: an inspector on a free port, so a test can read the process's heap. */
export const INSPECT_ARG = '--inspect=127.0.0.1:0'

/**
 * The JS heap a server process still uses after a full garbage collection, in MiB, read through the inspector
 * (Chrome DevTools Protocol). RSS keeps memory V8 and malloc once took; this is what the server really holds.
 */
export async function heapAfterGcMiB(server: ServerProcess): Promise<number> {
  const url = /Debugger listening on (ws:\/\/\S+)/.exec(server.output())?.[1]
  if (!url) throw new Error(`the server was not started with ${INSPECT_ARG}:\n${server.output()}`)
  const socket = new WebSocket(url)
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject))
  let id = 0
  const call = (method: string) =>
    new Promise<Record<string, unknown>>((resolve) => {
      const mine = ++id
      const onMessage = (data: WebSocket.RawData) => {
        const message = JSON.parse(data.toString()) as { id?: number; result?: Record<string, unknown> }
        if (message.id !== mine) return
        socket.off('message', onMessage)
        resolve(message.result ?? {})
      }
      socket.on('message', onMessage)
      socket.send(JSON.stringify({ id: mine, method }))
    })
  try {
    await call('HeapProfiler.collectGarbage')
    const { usedSize } = (await call('Runtime.getHeapUsage')) as { usedSize: number }
    return usedSize / 2 ** 20
  } finally {
    socket.close()
  }
}
