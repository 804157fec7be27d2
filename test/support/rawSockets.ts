import { randomBytes } from 'node:crypto'
import { connect, type Socket } from 'node:net'
import * as encoding from 'lib0/encoding'
import WebSocket from 'ws'
import { wsBase } from './boards.ts'

export interface CloseInfo {
  code: number
  reason: string
}

export interface RawWebSocket {
  socket: WebSocket
  opened: Promise<void>
  /** Settles when the connection closes, with the code and reason the server sent. */
  closed: Promise<CloseInfo>
}

/** A bare `ws` client on a board, speaking no protocol on its own: the test decides every frame. */
export function connectRawWebSocket(
  serverUrl: string,
  room: string,
  token?: string,
  { answerPings = true } = {},
): RawWebSocket {
  const query = token === undefined ? '' : `?token=${encodeURIComponent(token)}`
  const socket = new WebSocket(`${wsBase(serverUrl)}/${room}${query}`, { autoPong: answerPings })
  socket.on('error', () => {}) // a refused or reset connection shows up as its close code
  const closed = new Promise<CloseInfo>((resolve) =>
    socket.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  )
  const opened = new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve())
    void closed.then(({ code }) => reject(new Error(`closed (${code}) before opening`)))
  })
  opened.catch(() => {})
  return { socket, opened, closed }
}

/** Sends raw bytes over a plain TCP connection and collects everything the server answers until it closes. */
export interface RawTcpConnection {
  socket: Socket
  received(): Buffer
  /** Resolves when the server has ended or dropped the connection. */
  closed: Promise<void>
}

export function openTcp(serverUrl: string): Promise<RawTcpConnection> {
  const { hostname, port } = new URL(serverUrl)
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    const socket = connect(Number(port), hostname)
    socket.on('data', (chunk) => chunks.push(chunk))
    socket.on('error', () => {})
    const closed = new Promise<void>((done) => socket.once('close', () => done()))
    socket.once('connect', () => resolve({ socket, received: () => Buffer.concat(chunks), closed }))
    socket.once('error', reject)
  })
}

/** The request line and headers of a websocket handshake, as a browser would send them. */
export function upgradeRequest(path: string, host = 'localhost'): string {
  return [
    `GET ${path} HTTP/1.1`,
    `Host: ${host}`,
    'Upgrade: websocket',
    'Connection: Upgrade',
    `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`,
    'Sec-WebSocket-Version: 13',
    '',
    '',
  ].join('\r\n')
}

/** Opens a TCP connection and completes a websocket handshake on `path`; resolves once the 101 arrived. */
export async function upgradeOverTcp(serverUrl: string, path: string): Promise<RawTcpConnection> {
  const connection = await openTcp(serverUrl)
  connection.socket.write(upgradeRequest(path))
  await new Promise<void>((resolve, reject) => {
    const check = () => {
      const text = connection.received().toString('latin1')
      if (!text.includes('\r\n\r\n')) return
      connection.socket.off('data', check)
      if (text.startsWith('HTTP/1.1 101')) resolve()
      else reject(new Error(`handshake refused: ${text.split('\r\n')[0]}`))
    }
    connection.socket.on('data', check)
    void connection.closed.then(() => reject(new Error('closed during the handshake')))
  })
  return connection
}

export interface FrameOptions {
  opcode?: number
  /** Client frames must be masked (RFC 6455 §5.1); pass false to break that rule. */
  masked?: boolean
  /** RSV1 may only be set when an extension was negotiated; pass true to break that rule. */
  rsv1?: boolean
}

/** Encodes one websocket frame by hand (any length), so a test can write an invalid one or keep writing. */
export function encodeFrame(
  payload: Uint8Array,
  { opcode = 0x2, masked = true, rsv1 = false }: FrameOptions = {},
): Buffer {
  const first = 0x80 | (rsv1 ? 0x40 : 0) | opcode
  const maskBit = masked ? 0x80 : 0
  let head: Buffer
  if (payload.length < 126) head = Buffer.from([first, maskBit | payload.length])
  else if (payload.length < 65536) {
    head = Buffer.from([first, maskBit | 126, 0, 0])
    head.writeUInt16BE(payload.length, 2)
  } else {
    head = Buffer.from([first, maskBit | 127, 0, 0, 0, 0, 0, 0, 0, 0])
    head.writeBigUInt64BE(BigInt(payload.length), 2)
  }
  if (!masked) return Buffer.concat([head, payload])
  const mask = randomBytes(4)
  const body = Buffer.alloc(payload.length)
  for (let i = 0; i < payload.length; i++) body[i] = payload[i]! ^ mask[i % 4]!
  return Buffer.concat([head, mask, body])
}

export interface ServerFrame {
  opcode: number
  payload: Buffer
}

/** Splits what a server sent after the handshake into frames (server frames are never masked). */
export function decodeServerFrames(bytes: Buffer): ServerFrame[] {
  const frames: ServerFrame[] = []
  let pos = 0
  while (pos + 2 <= bytes.length) {
    const opcode = bytes[pos]! & 0x0f
    let length = bytes[pos + 1]! & 0x7f
    let offset = pos + 2
    if (length === 126) {
      length = bytes.readUInt16BE(offset)
      offset += 2
    } else if (length === 127) {
      length = Number(bytes.readBigUInt64BE(offset))
      offset += 8
    }
    if (offset + length > bytes.length) break
    frames.push({ opcode, payload: bytes.subarray(offset, offset + length) })
    pos = offset + length
  }
  return frames
}

/** The bytes after the HTTP response head of a handshake. */
export function afterHandshake(bytes: Buffer): Buffer {
  const end = bytes.indexOf('\r\n\r\n')
  return end < 0 ? Buffer.alloc(0) : bytes.subarray(end + 4)
}

/** A y-websocket sync frame as any client could craft it: message type 0, then the sync type and payload. */
export function syncFrame(syncType: number, payload: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, 0)
  encoding.writeVarUint(encoder, syncType)
  encoding.writeVarUint8Array(encoder, payload)
  return encoding.toUint8Array(encoder)
}

/** A y-websocket awareness frame announcing `entries` (client id, clock, state), as any client can write one. */
export function awarenessFrame(entries: readonly [number, number, unknown][]): Uint8Array {
  const inner = encoding.createEncoder()
  encoding.writeVarUint(inner, entries.length)
  for (const [id, clock, state] of entries) {
    encoding.writeVarUint(inner, id)
    encoding.writeVarUint(inner, clock)
    encoding.writeVarString(inner, JSON.stringify(state))
  }
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, 1)
  encoding.writeVarUint8Array(encoder, encoding.toUint8Array(inner))
  return encoding.toUint8Array(encoder)
}
