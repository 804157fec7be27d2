/**
 * Hocuspocus as a fan-out reference: its server as it comes (no extensions, no persistence, its defaults), on a
 * free loopback port. Prints `listening <port>` once it accepts connections. Run by the bench as a child process.
 */
import { Server } from '@hocuspocus/server'

const server = new Server({ address: '127.0.0.1', port: 0, quiet: true, stopOnSignals: true })
await server.listen()
console.log(`listening ${server.address.port}`)
