import type { Server } from 'node:http'
import { WebSocketServer } from 'ws'
import { SocketRoute } from '@cg/contract'
import type { SyncServer } from '@cg/sync-server'

/**
 * The document name of a websocket URL (`/ws/<name>`, SocketRoute), or undefined for any other path. Never throws: a
 * request target that is not a URL (`//`) or has broken percent-encoding (`/ws/%E0%A4%A`) must not escape the
 * upgrade handler, where an exception would crash the process.
 */
function docNameOf(requestUrl: string | undefined): string | undefined {
  try {
    return SocketRoute.roomOf(new URL(requestUrl ?? '/', 'http://localhost').pathname)
  } catch {
    return undefined
  }
}

/**
 * permessage-deflate for the large messages (a board's first sync shrinks several times), not the small ones
 * (fan-out of an edit stays a plain copy). No context is kept between messages, and a small window: a connection
 * that was sent one large message keeps a zlib stream of about 96 KiB, not 256 KiB.
 */
function websocketCompression(minBytes: number) {
  return {
    threshold: minBytes,
    serverNoContextTakeover: true,
    clientNoContextTakeover: true,
    serverMaxWindowBits: 13,
    zlibDeflateOptions: { memLevel: 7, level: 6 },
    concurrencyLimit: 4,
  }
}

/**
 * Takes `httpServer`'s websocket upgrades (`GET /ws/<room>`) and hands each connection to the sync server, which
 * authorizes it for its room; any other path is answered 404. Returns the websocket server, to close on shutdown.
 */
export function websocketUpgrade(
  httpServer: Server,
  sync: SyncServer,
  options: { maxMessageBytes: number; compression: boolean; wsCompressMinBytes: number },
): WebSocketServer {
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: options.maxMessageBytes,
    perMessageDeflate: options.compression ? websocketCompression(options.wsCompressMinBytes) : false,
  })
  httpServer.on('upgrade', (request, socket, head) => {
    const docName = docNameOf(request.url)
    if (docName === undefined) {
      // Node drops its own error listener before 'upgrade': without one, a client that resets the
      // connection while we answer would crash the process with an unhandled ECONNRESET.
      socket.on('error', () => socket.destroy())
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n')
      return
    }
    wss.handleUpgrade(request, socket, head, (ws) => void sync.handleConnection(ws, docName, request))
  })
  return wss
}
