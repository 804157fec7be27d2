import { createHash } from 'node:crypto'
import { connect } from 'node:net'
import * as encoding from 'lib0/encoding'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { ApiErrorCode } from '@cg/contract'
import { BACKUP_FORMAT, BACKUP_VERSION } from '../../apps/server/src/backup/boardBackup.ts'
import { bearer, createBoard, type CreatedBoard } from '../support/boards.ts'
import { startLatencyProbe, type ProbeResult } from '../support/latencyProbe.ts'
import { rssMiB, spawnServer, type ServerProcess } from '../support/serverProcess.ts'
import { makeTempDir, removeTempDir } from '../support/tempDir.ts'
import { countRows } from '../support/testStorage.ts'

/*
 * Restore is anonymous: anyone who can reach the home page can send any file. Each file here is an attack that
 * once cost the server (a 120 MiB body of empty arrays grew the parsing worker until V8 ended the whole process;
 * a restore trickling a byte a second held the only restore place). What must hold for each: a fast refusal with
 * a clear code, the server alive, other boards answered within 200 ms at p99 meanwhile, nothing stored.
 */

const MiB = 1024 * 1024
// The server's own process, so its memory and its life are its own; a short pace so the slow body is cut soon.
let server: ServerProcess
let dataDir: string
let other: CreatedBoard

beforeAll(async () => {
  dataDir = makeTempDir('cg-restore-')
  server = await spawnServer({ DATA_DIR: dataDir, BODY_IDLE_MS: '2000', TRUST_PROXY: 'loopback' })
  other = await createBoard(server.url, 'Another workshop')
})
afterAll(async () => {
  await server?.stop()
  removeTempDir(dataDir)
})

/**
 * Runs `work` while a process of its own asks for another board's metadata every 20 ms (how long each answer
 * takes: the test's own work of building and sending huge bodies must not count), and the server's peak memory.
 */
async function whileProbing<T>(work: () => Promise<T>): Promise<{ value: T; probe: ProbeResult; peakMiB: number }> {
  const probe = await startLatencyProbe(`${server.url}/api/boards/${other.id}`, bearer(other.tokens.viewer))
  let peakMiB = rssMiB(server.child.pid!)
  const memory = setInterval(() => (peakMiB = Math.max(peakMiB, rssMiB(server.child.pid!))), 50)
  try {
    const value = await work()
    return { value, probe: await probe.stop(), peakMiB }
  } finally {
    clearInterval(memory)
  }
}

/**
 * Sends a restore over a raw TCP connection, as an attacker would: the body goes out in 1 MiB pieces until the
 * server answers, which is when the time is taken (not when a client library is done sending).
 */
async function restore(body: Uint8Array | string, address = '198.51.100.1') {
  const bytes =
    typeof body === 'string' ? Buffer.from(body) : Buffer.from(body.buffer, body.byteOffset, body.byteLength)
  const { hostname, port } = new URL(server.url)
  const socket = connect(Number(port), hostname)
  socket.on('error', () => {})
  let received = Buffer.alloc(0)
  const started = performance.now()
  let answeredAt = 0
  const answered = new Promise<void>((resolve) => {
    socket.on('data', (chunk: Buffer) => {
      answeredAt ||= performance.now()
      received = Buffer.concat([received, chunk])
      const head = received.indexOf('\r\n\r\n')
      const length = /content-length: (\d+)/i.exec(received.subarray(0, head).toString('latin1'))
      if (head >= 0 && length && received.length >= head + 4 + Number(length[1])) resolve()
    })
    socket.once('close', () => resolve())
  })
  await new Promise<void>((resolve) => socket.once('connect', () => resolve()))
  socket.write(
    `POST /api/boards/restore HTTP/1.1\r\nHost: x\r\nX-Forwarded-For: ${address}\r\n` +
      `Content-Type: application/json\r\nContent-Length: ${bytes.byteLength}\r\n\r\n`,
  )
  for (let at = 0; at < bytes.byteLength && !answeredAt && !socket.destroyed; at += MiB) {
    if (!socket.write(bytes.subarray(at, at + MiB))) await new Promise((resolve) => socket.once('drain', resolve))
  }
  await answered
  socket.destroy()
  const text = received.toString('utf8')
  const answer = JSON.parse(text.slice(text.indexOf('\r\n\r\n') + 4)) as { error?: { code: string } }
  return { status: Number(text.split(' ')[1]), code: answer.error?.code, ms: answeredAt - started }
}

/** A backup file as the server writes one, around `payload`, with a checksum that matches. */
function backupFile(payload: unknown): string {
  const sha256 = createHash('sha256').update(JSON.stringify(payload)).digest('hex')
  return JSON.stringify({ format: BACKUP_FORMAT, version: BACKUP_VERSION, exportedAt: '', sha256, payload })
}

/** A Yjs update of one struct claiming `length` deleted values in a few bytes. */
function claimedRun(length: number): Uint8Array {
  const encoder = encoding.createEncoder()
  for (const n of [1, 1, 77, 0]) encoding.writeVarUint(encoder, n)
  encoding.writeUint8(encoder, 1) // an item of deleted content, parent named
  encoding.writeVarUint(encoder, 1)
  encoding.writeVarString(encoder, 'tl_records')
  encoding.writeVarUint(encoder, length)
  encoding.writeVarUint(encoder, 0)
  return encoding.toUint8Array(encoder)
}

const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64')
const emptyState = base64(Y.encodeStateAsUpdate(new Y.Doc()))
const tinyBoard = (i: number) => ({ id: `b${i}`, title: 't', createdAt: 1, doc: emptyState, assets: [] })

const storedRows = () => countRows(dataDir, ['boards', 'doc_updates', 'doc_snapshots', 'assets'])

describe('a hostile backup file', () => {
  const files: [string, () => Uint8Array | string, number, ApiErrorCode][] = [
    [
      'a 120 MiB body of forty million empty arrays',
      () => Buffer.from(`[${'[],'.repeat(40_000_000)}[]]`),
      400,
      ApiErrorCode.backupTooComplex,
    ],
    [
      'an object nested ten million deep',
      () => Buffer.from('{"a":'.repeat(10_000_000)),
      400,
      ApiErrorCode.backupTooComplex,
    ],
    [
      'one string of 150 MiB',
      () => Buffer.concat([Buffer.from('"'), Buffer.alloc(150 * MiB, 0x41), Buffer.from('"')]),
      400,
      ApiErrorCode.backupTooComplex,
    ],
    [
      'a 200 MiB backup whose board is one run-on text',
      () =>
        Buffer.concat([
          Buffer.from('{"payload":{"board":{"doc":"'),
          Buffer.alloc(200 * MiB - 40, 0x41),
          Buffer.from('"}}}'),
        ]),
      400,
      ApiErrorCode.backupTooComplex,
    ],
    ['a file over MAX_BACKUP_BYTES', () => Buffer.alloc(200 * MiB + 1, 0x20), 413, ApiErrorCode.payloadTooLarge],
    [
      'a valid backup whose board claims a trillion deleted values',
      () =>
        backupFile({
          board: { ...tinyBoard(0), doc: base64(claimedRun(2 ** 40)), workshop: emptyState },
          breakouts: [],
        }),
      400,
      ApiErrorCode.backupTooComplex,
    ],
    [
      'a backup of 100,000 tiny boards',
      () =>
        backupFile({
          board: { ...tinyBoard(0), workshop: emptyState },
          breakouts: Array.from({ length: 100_000 }, (_, i) => tinyBoard(i + 1)),
        }),
      400,
      ApiErrorCode.backupTooComplex,
    ],
  ]

  for (const [name, make, status, code] of files) {
    it(`refuses ${name} in seconds, with the server alive and other boards answered`, async () => {
      const body = make()
      const before = await storedRows()
      const rssBefore = rssMiB(server.child.pid!)
      const { value: answer, probe, peakMiB } = await whileProbing(() => restore(body))
      console.log(
        `[restore] ${name}: ${answer.status} ${answer.code} in ${answer.ms.toFixed(0)} ms; other board ` +
          `p99 ${probe.p99.toFixed(0)} ms of ${probe.count}; server RSS ${rssBefore.toFixed(0)} → peak ${peakMiB.toFixed(0)} MiB`,
      )
      expect(answer).toMatchObject({ status, code })
      expect(answer.ms).toBeLessThan(10_000)
      expect(probe.failures).toBe(0)
      expect(probe.p99).toBeLessThan(200)
      // The file goes to the checking process as it arrives: the server never holds it.
      expect(peakMiB - rssBefore).toBeLessThan(128)
      expect(server.child.exitCode).toBeNull()
      expect(await storedRows()).toEqual(before)
    })
  }

  it('cuts a restore that sends a byte a second, and meanwhile another address restores', async () => {
    const { hostname, port } = new URL(server.url)
    const slow = connect(Number(port), hostname)
    let answered = ''
    slow.on('data', (chunk) => (answered += chunk.toString('latin1')))
    const closed = new Promise<void>((resolve) => slow.once('close', () => resolve()))
    slow.on('error', () => {})
    await new Promise<void>((resolve) => slow.once('connect', () => resolve()))
    const started = performance.now()
    slow.write(
      'POST /api/boards/restore HTTP/1.1\r\nHost: x\r\nX-Forwarded-For: 198.51.100.66\r\n' +
        'Content-Type: application/json\r\nContent-Length: 1000000\r\n\r\n{',
    )
    const trickle = setInterval(() => slow.write(' '), 1_000)
    try {
      // While it holds a place, a restore from elsewhere is heard (and refused for what it is, not as busy).
      await new Promise((resolve) => setTimeout(resolve, 500))
      expect(await restore('{"hello": "world"}', '198.51.100.67')).toMatchObject({
        status: 400,
        code: ApiErrorCode.backupNotRecognized,
      })
      await closed
    } finally {
      clearInterval(trickle)
      slow.destroy()
    }
    const seconds = (performance.now() - started) / 1000
    console.log(`[restore] a byte a second: cut after ${seconds.toFixed(1)} s with ${answered.split('\r\n')[0]}`)
    expect(answered).toMatch(/^HTTP\/1\.1 408/)
    expect(answered).toContain(ApiErrorCode.requestTooSlow)
    expect(seconds).toBeLessThan(10)
    // Its place is free again: the same address may restore.
    expect((await restore('{"hello": "world"}', '198.51.100.66')).status).toBe(400)
  })
})
