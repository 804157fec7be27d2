import { createHash } from 'node:crypto'
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { Agent, request as httpRequest, type IncomingHttpHeaders } from 'node:http'
import { availableParallelism, loadavg } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Worker } from 'node:worker_threads'
import WebSocket from 'ws'
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest'
import * as Y from 'yjs'
import { ApiRoutes, PageRoutes, ServiceRoutes } from '@cg/contract'
import { getRecordsKeyValue } from '@cg/tldraw-yjs'
import { bearer, createBoard, type CreatedBoard } from '../support/boards.ts'
import {
  createHttpFuzzer,
  describeRequest,
  type FuzzRequest,
  type FuzzTargets,
  type HttpSend,
  type RawSend,
  type RouteSpec,
  type SlowSend,
} from '../support/httpFuzzer.ts'
import { heapAfterGcMiB, INSPECT_ARG } from '../support/inspector.ts'
import { solidPng } from '../support/png.ts'
import { createRandom } from '../support/prng.ts'
import { openTcp } from '../support/rawSockets.ts'
import { noteRecord } from '../support/records.ts'
import { rssMiB, spawnServer, type ServerProcess } from '../support/serverProcess.ts'
import { makeTempDir, removeTempDir } from '../support/tempDir.ts'
import { countRows } from '../support/testStorage.ts'
import { waitUntil } from '../support/waitUntil.ts'
import { connectSyncedClient } from '../support/yClient.ts'

/** Repeatable: HTTP_FUZZ_SEED replays a run, HTTP_FUZZ_REQUESTS sets its length, HTTP_FUZZ_ONLY sends one index. */
const SEED = Number(process.env.HTTP_FUZZ_SEED ?? 20261207)
const REQUESTS = Number(process.env.HTTP_FUZZ_REQUESTS ?? 2_000)
const ONLY = process.env.HTTP_FUZZ_ONLY === undefined ? undefined : Number(process.env.HTTP_FUZZ_ONLY)
/** Only the routes whose `METHOD /path` matches this pattern (to replay or narrow down a finding). */
const ROUTE_FILTER = process.env.HTTP_FUZZ_ROUTES === undefined ? undefined : new RegExp(process.env.HTTP_FUZZ_ROUTES)
/** Every this many requests, one very large restore body (24 to 120 MiB, in turn); 0 leaves them out. */
const HUGE_EVERY = Number(process.env.HTTP_FUZZ_HUGE_EVERY ?? 750)
/** Requests in flight at once ("many at once"). */
const CONCURRENCY = 20
/** A complete request must be answered within this (very large bodies included). */
const ANSWER_TIMEOUT_MS = 30_000
const PROBE_EVERY_MS = 50
/** The issue's bar: another board's requests are answered within this at p99 while the fuzzer runs. */
const OTHER_BOARD_P99_MS = 200
/** The server's memory once the fuzzer stops, after a settle period, against the baseline after warm-up. */
const RSS_SETTLE_MS = 10_000
const RSS_MARGIN_MIB = 150
const HEAP_MARGIN_MIB = 24
/** How long a body may rest (the server's BODY_IDLE_MS, shortened here to keep the test short). */
const BODY_IDLE_MS = 3_000
/** How long a restore body that stops arriving may keep other restores refused: the idle time, and a margin. */
const STALLED_RESTORE_LIMIT_MS = BODY_IDLE_MS + 3_000

const KiB = 1024
const MiB = 1024 * KiB
const MAX_ASSET_BYTES = MiB
const METRICS_TOKEN = 'fuzz-metrics-token-0123456789abcdef'
const RTL = '\u202e'
const WEB_DIST = fileURLToPath(new URL('../../apps/web/dist', import.meta.url))

/**
 * Every route the server has (apps/server/src/routes/*Routes.ts; their paths are @cg/contract's route table), as the
 * fuzzer needs to know it. The websocket upgrade (`GET /ws/:room`, routes/websocketUpgrade.ts) is fuzzed on its own
 * by the generator.
 */
const ROUTES: readonly RouteSpec[] = [
  // boardsRoutes.ts
  {
    method: 'POST',
    path: '/api/boards',
    auth: 'none',
    body: 'json',
    mutates: true,
    limit: 16 * KiB,
    field: { name: 'title', type: 'string' },
    refusedBodies: [
      '{}',
      '{"title":""}',
      '{"title":"   \\t\\n "}',
      JSON.stringify({ title: 'x'.repeat(201) }),
      JSON.stringify({ title: RTL.repeat(201) }),
      '{"__proto__":{"title":"x"}}',
      '{"constructor":{"prototype":{"title":"x"}}}',
      '{"Title":"x"}',
      '{"title ":"x"}',
    ],
  },
  { method: 'GET', path: '/api/boards/:id', auth: 'viewer', body: 'none', mutates: false },
  {
    method: 'POST',
    path: '/api/boards/:id/links/rotate',
    auth: 'facilitator',
    body: 'json',
    mutates: true,
    limit: KiB,
    emptyBodyAccepted: true,
    field: { name: 'facilitator', type: 'boolean' },
    refusedBodies: ['{"facilitator":"true"}', '{"facilitator":1}', '{"facilitator":null}', '{"facilitator":[true]}'],
  },
  // trashRoutes.ts: deleting is always refused here (a fault in its token, path or method), so the boards the
  // fuzzer watches stay; the workshop is never in the trash, so undoing is refused whatever the request holds.
  { method: 'DELETE', path: '/api/boards/:id', auth: 'facilitator', body: 'none', mutates: true },
  {
    method: 'POST',
    path: '/api/boards/:id/undelete',
    auth: 'facilitator',
    body: 'none',
    mutates: true,
    alwaysRefused: 'the workshop is not in the trash',
  },
  // retentionRoutes.ts: both fields are needed, so a body the fuzzer makes of one field is always refused.
  {
    method: 'POST',
    path: '/api/boards/:id/retention',
    auth: 'facilitator',
    body: 'json',
    mutates: true,
    limit: KiB,
    field: { name: 'deleteOn', type: 'string' },
    refusedBodies: [
      '{}',
      '{"deleteOn":null}',
      '{"deleteOn":"2020-01-01","linksExpireAt":null}',
      '{"deleteOn":null,"linksExpireAt":"1970-01-01T00:00:00Z"}',
      '{"deleteOn":"tomorrow","linksExpireAt":null}',
      '{"deleteOn":null,"linksExpireAt":"2027-02-30"}',
      '{"deleteOn":"9999-12-31","linksExpireAt":null}',
      '{"deleteOn":1893456000000,"linksExpireAt":null}',
      '{"deleteOn":"2027-03-31T17:00:00","linksExpireAt":null}',
      '{"__proto__":{"deleteOn":null,"linksExpireAt":null}}',
    ],
  },
  // historyRoutes.ts
  { method: 'GET', path: '/api/boards/:id/versions', auth: 'facilitator', body: 'none', mutates: false },
  {
    method: 'POST',
    path: '/api/boards/:id/versions',
    auth: 'facilitator',
    body: 'json',
    mutates: true,
    limit: 4 * KiB,
    field: { name: 'name', type: 'string' },
    refusedBodies: [
      '{}',
      '{"name":""}',
      '{"name":"   "}',
      JSON.stringify({ name: 'x'.repeat(201) }),
      '{"reason":"named"}',
      '{"reason":"automatic"}',
      '{"name":"v","reason":"x"}',
      '{"name":null}',
    ],
  },
  { method: 'GET', path: '/api/boards/:id/versions/:versionId', auth: 'facilitator', body: 'none', mutates: false },
  {
    method: 'POST',
    path: '/api/boards/:id/versions/:versionId/restore',
    auth: 'facilitator',
    body: 'none',
    mutates: true,
  },
  // assetsRoutes.ts
  {
    method: 'POST',
    path: '/api/boards/:id/assets',
    auth: 'editor',
    body: 'raw',
    mutates: true,
    limit: MAX_ASSET_BYTES,
  },
  { method: 'GET', path: '/api/boards/:id/assets/:assetId', auth: 'none', body: 'none', mutates: false },
  // workshopRoutes.ts
  { method: 'GET', path: '/api/time', auth: 'none', body: 'none', mutates: false },
  {
    method: 'POST',
    path: '/api/boards/:id/votes/:sessionId/end',
    auth: 'facilitator',
    body: 'none',
    mutates: true,
    alwaysRefused: 'the board has no voting session',
  },
  {
    method: 'POST',
    path: '/api/boards/:id/private/reveal',
    auth: 'facilitator',
    body: 'json',
    mutates: true,
    limit: 4 * KiB,
    field: { name: 'anonymous', type: 'boolean' },
    refusedBodies: ['{}', '{"anonymous":"true"}', '{"anonymous":null}', '{"Anonymous":true}', '{"anonymous":1}'],
  },
  {
    method: 'POST',
    path: '/api/boards/:id/breakouts',
    auth: 'facilitator',
    body: 'json',
    mutates: true,
    limit: 16 * KiB,
    field: { name: 'groups', type: 'array' },
    refusedBodies: [
      '{}',
      '{"groups":[]}',
      '{"groups":[{"name":""}]}',
      '{"groups":[{"name":"   "}]}',
      '{"groups":[{}]}',
      JSON.stringify({ groups: Array.from({ length: 51 }, (_, i) => ({ name: `g${i}` })) }),
      JSON.stringify({ groups: [{ name: 'x'.repeat(201) }] }),
      '{"groups":[{"name":"ok"},{"name":5}]}',
    ],
  },
  { method: 'GET', path: '/api/boards/:id/breakouts', auth: 'viewer', body: 'none', mutates: false },
  // backupRoutes.ts
  { method: 'GET', path: '/api/boards/:id/backup', auth: 'facilitator', body: 'none', mutates: false },
  // auditRoutes.ts
  { method: 'GET', path: '/api/boards/:id/audit', auth: 'facilitator', body: 'none', mutates: false },
  { method: 'GET', path: '/api/boards/:id/audit/csv', auth: 'facilitator', body: 'none', mutates: false },
  { method: 'POST', path: '/api/boards/restore', auth: 'none', body: 'raw', mutates: true, limit: 200 * MiB },
  // exportRoutes.ts
  {
    method: 'POST',
    path: '/api/boards/:id/exports',
    auth: 'viewer',
    body: 'json',
    mutates: true,
    limit: 4 * KiB,
    emptyBodyAccepted: true,
    field: { name: 'paper', type: 'enum' },
    refusedBodies: [
      '{"paper":"a5"}',
      '{"orientation":"diagonal"}',
      '{"overview":"yes"}',
      '{"report":1}',
      '{"lang":"xx"}',
      '{"lang":"EN"}',
      '{"format":"exe"}',
      '{"format":"docx"}',
    ],
  },
  { method: 'GET', path: '/api/exports/:jobId', auth: 'none', body: 'none', mutates: false },
  { method: 'GET', path: '/api/exports/:jobId/file', auth: 'none', body: 'none', mutates: false },
  {
    method: 'DELETE',
    path: '/api/exports/:jobId',
    auth: 'none',
    body: 'none',
    mutates: true,
    alwaysRefused: 'no export runs',
  },
  // healthRoutes.ts, configRoutes.ts, templatesRoutes.ts, metricsRoutes.ts
  { method: 'GET', path: '/healthz', auth: 'none', body: 'none', mutates: false },
  { method: 'GET', path: '/api/config', auth: 'none', body: 'none', mutates: false },
  { method: 'GET', path: '/api/templates', auth: 'none', body: 'none', mutates: false },
  { method: 'GET', path: '/metrics', auth: 'metrics', body: 'none', mutates: false },
  // webRoutes.ts
  { method: 'GET', path: '/', auth: 'none', body: 'none', mutates: false },
  { method: 'GET', path: '/b/:id', auth: 'none', body: 'none', mutates: false },
  { method: 'GET', path: '/b/:id/print', auth: 'none', body: 'none', mutates: false },
  { method: 'GET', path: '/b/:id/versions/:versionId', auth: 'none', body: 'none', mutates: false },
  { method: 'GET', path: '/b/:id/outline', auth: 'none', body: 'none', mutates: false },
  { method: 'GET', path: ':file', auth: 'none', body: 'none', mutates: false },
]

/** What came back for one request: a status (or what happened instead), and the start of the body. */
interface Outcome {
  request: FuzzRequest
  /** The HTTP status, or `reset`, `timeout`, `closed` (no answer before the server closed), `none` (we left first). */
  status: number | string
  /** Every status line in a raw answer (pipelined requests get several). */
  statuses: number[]
  headers?: IncomingHttpHeaders
  body: Buffer
  /** When it was sent (ms since the epoch, as the probes count) and how long it took. */
  at: number
  ms: number
}

/** Bodies are kept up to this size for the checks (a backup is larger; the start is enough). */
const BODY_CAP = 2 * MiB

let server: ServerProcess
let dataDir: string

beforeAll(async () => {
  dataDir = makeTempDir('cg-http-fuzz-')
  server = await spawnServer(
    {
      DATA_DIR: dataDir,
      ROOM_UNLOAD_GRACE_MS: '200',
      METRICS_TOKEN,
      MAX_ASSET_BYTES: String(MAX_ASSET_BYTES),
      BODY_IDLE_MS: String(BODY_IDLE_MS),
    },
    { nodeArgs: [INSPECT_ARG] },
  )
})
afterAll(async () => {
  await server?.stop()
  removeTempDir(dataDir)
})

/** The resident memory of a process and every process it started (a restore's checking process), in MiB. */
function treeRssMiB(pid: number): number {
  const children = new Map<number, number[]>()
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const parent = Number(readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1]!.split(' ')[1])
      children.set(parent, [...(children.get(parent) ?? []), Number(entry)])
    } catch {
      // gone meanwhile
    }
  }
  let total = 0
  const visit = (id: number) => {
    try {
      total += rssMiB(id)
    } catch {
      // gone meanwhile, or a zombie
    }
    for (const child of children.get(id) ?? []) visit(child)
  }
  visit(pid)
  return total
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

function sendHttp(baseUrl: string, agent: Agent, send: HttpSend, request: FuzzRequest): Promise<Outcome> {
  const { hostname, port } = new URL(baseUrl)
  const started = performance.now()
  return new Promise((resolve) => {
    let settled = false
    const finish = (outcome: Omit<Outcome, 'request' | 'at' | 'ms' | 'statuses'>) => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      const statuses = typeof outcome.status === 'number' ? [outcome.status] : []
      resolve({ ...outcome, statuses, request, at: performance.timeOrigin + started, ms: performance.now() - started })
    }
    const headers: Record<string, string> = { ...send.headers }
    const body = send.body
    if (body) headers['content-length'] = String(Buffer.isBuffer(body) ? body.length : body.size)
    let req: ReturnType<typeof httpRequest>
    try {
      req = httpRequest({ host: hostname, port, method: send.method, path: send.path, headers, agent })
    } catch (error) {
      // node:http refused to write it (never expected: the generator keeps to what it can send).
      throw new Error(`cannot send ${describeRequest(request)}: ${(error as Error).message}`, { cause: error })
    }
    const timer = setTimeout(() => {
      req.destroy()
      finish({ status: 'timeout', body: Buffer.alloc(0) })
    }, ANSWER_TIMEOUT_MS)
    req.on('response', (res) => {
      const chunks: Buffer[] = []
      let size = 0
      res.on('data', (chunk: Buffer) => {
        if (size < BODY_CAP) chunks.push(chunk)
        size += chunk.length
      })
      const done = () => finish({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) })
      res.on('end', done)
      res.on('error', done)
      res.on('close', done)
    })
    req.on('error', (error: NodeJS.ErrnoException) => finish({ status: error.code ?? 'reset', body: Buffer.alloc(0) }))
    if (!body) return void req.end()
    if (Buffer.isBuffer(body)) return void req.end(body)
    // A streamed body: written as the socket takes it, until the size or until the server answered or left.
    let written = 0
    const writeMore = () => {
      while (written < body.size && !settled && !req.destroyed) {
        const piece = written === 0 && body.head.length > 0 ? body.head : body.fill
        const chunk = piece.subarray(0, Math.min(piece.length, body.size - written))
        written += chunk.length
        if (!req.write(chunk)) return void req.once('drain', writeMore)
      }
      if (written >= body.size) req.end()
    }
    writeMore()
  })
}

/** All status codes at the start of a line of a raw answer (one per pipelined response). */
function statusesIn(bytes: Buffer): number[] {
  return [...bytes.toString('latin1').matchAll(/^HTTP\/1\.[01] (\d{3})/gm)].map((match) => Number(match[1]))
}

async function sendRaw(baseUrl: string, send: RawSend, request: FuzzRequest): Promise<Outcome> {
  const started = performance.now()
  let connection: Awaited<ReturnType<typeof openTcp>>
  try {
    connection = await openTcp(baseUrl)
  } catch (error) {
    return {
      request,
      status: (error as NodeJS.ErrnoException).code ?? 'reset',
      statuses: [],
      body: Buffer.alloc(0),
      at: performance.timeOrigin + started,
      ms: 0,
    }
  }
  connection.socket.write(send.bytes)
  if (send.halfClose) connection.socket.end()
  const closed = await Promise.race([connection.closed.then(() => true), sleep(send.waitMs).then(() => false)])
  connection.socket.destroy()
  const received = connection.received()
  const statuses = statusesIn(received)
  // `100 Continue` comes before the answer.
  const status = statuses.find((code) => code >= 200) ?? statuses[0] ?? (closed ? 'closed' : 'none')
  return {
    request,
    status,
    statuses,
    body: received,
    at: performance.timeOrigin + started,
    ms: performance.now() - started,
  }
}

async function sendSlow(baseUrl: string, send: SlowSend, request: FuzzRequest): Promise<Outcome> {
  const started = performance.now()
  let connection: Awaited<ReturnType<typeof openTcp>>
  try {
    connection = await openTcp(baseUrl)
  } catch (error) {
    return {
      request,
      status: (error as NodeJS.ErrnoException).code ?? 'reset',
      statuses: [],
      body: Buffer.alloc(0),
      at: performance.timeOrigin + started,
      ms: 0,
    }
  }
  connection.socket.write(send.head)
  const pieces = [...send.pieces]
  const trickle = setInterval(() => {
    const piece = pieces.shift()
    if (piece && !connection.socket.destroyed) connection.socket.write(piece)
  }, send.everyMs)
  await Promise.race([connection.closed, sleep(send.holdMs)])
  clearInterval(trickle)
  connection.socket.destroy()
  const received = connection.received()
  const statuses = statusesIn(received)
  const at = performance.timeOrigin + started
  const status = statuses.find((code) => code >= 200) ?? statuses[0] ?? 'none'
  return { request, status, statuses, body: received, at, ms: performance.now() - started }
}

/** How long a request the server refuses as busy (429) is sent again, when the generator asks for that. */
const RESEND_WHILE_BUSY_MS = 20_000

async function send(baseUrl: string, agent: Agent, request: FuzzRequest): Promise<Outcome> {
  const how = request.send
  if (how.via === 'http' && request.resendWhileBusy) {
    const until = performance.now() + RESEND_WHILE_BUSY_MS
    for (;;) {
      const outcome = await sendHttp(baseUrl, agent, how, request)
      if (outcome.status !== 429 || performance.now() > until) return outcome
      await sleep(100)
    }
  }
  if (how.via === 'http') return sendHttp(baseUrl, agent, how, request)
  if (how.via === 'raw') return sendRaw(baseUrl, how, request)
  return sendSlow(baseUrl, how, request)
}

/**
 * Health checks and another board's metadata, every PROBE_EVERY_MS from a thread of its own (so the fuzzer's
 * own work in this thread does not count as the server's latency).
 */
const PROBE_WORKER = `
const { parentPort, workerData } = require('node:worker_threads')
const { healthUrl, boardUrl, token, everyMs } = workerData
const results = { health: [], board: [], failures: [] }
let running = true
parentPort.on('message', () => (running = false))
async function probe(url, headers, into) {
  const started = performance.now()
  try {
    const response = await fetch(url, { headers, signal: AbortSignal.timeout(10000) })
    await response.arrayBuffer()
    if (response.status !== 200) results.failures.push(url + ' answered ' + response.status)
  } catch (error) {
    results.failures.push(url + ' failed: ' + error.message)
  }
  into.push([performance.timeOrigin + started, performance.now() - started])
}
;(async () => {
  // The first fetch of a thread loads its HTTP client and connects: not the server's time.
  await probe(healthUrl, {}, [])
  await probe(boardUrl, { authorization: 'Bearer ' + token }, [])
  results.failures.length = 0
  parentPort.postMessage('ready')
  while (running) {
    await Promise.all([
      probe(healthUrl, {}, results.health),
      probe(boardUrl, { authorization: 'Bearer ' + token }, results.board),
    ])
    await new Promise((resolve) => setTimeout(resolve, everyMs))
  }
  parentPort.postMessage(results)
})()
`

/** Each probe's start (ms since the epoch) and latency (ms). */
interface ProbeResults {
  health: [number, number][]
  board: [number, number][]
  failures: string[]
}

/**
 * The slowest probes, each with the requests in flight then that had been running longest (raw and slow
 * connections that wait on purpose left out): what most likely held the server up.
 */
function slowProbeSuspects(probes: [number, number][], outcomes: Outcome[], slowerThanMs: number): string {
  const waitsOnPurpose = (outcome: Outcome) => outcome.request.send.via !== 'http'
  return probes
    .filter(([, ms]) => ms > slowerThanMs)
    .sort(([, a], [, b]) => b - a)
    .slice(0, 6)
    .map(([at, ms]) => {
      const suspects = outcomes
        .filter((outcome) => !waitsOnPurpose(outcome) && outcome.at < at + ms && outcome.at + outcome.ms > at)
        .sort((a, b) => a.at - b.at)
        .slice(0, 3)
        .map(
          (outcome) =>
            `#${outcome.request.index} ${outcome.request.route} {${outcome.request.tags.join(',')}} ${outcome.ms.toFixed(0)} ms`,
        )
      return `  a probe of ${ms.toFixed(0)} ms; running longest then: ${suspects.join('; ')}`
    })
    .join('\n')
}

function startProbes(baseUrl: string, other: CreatedBoard): { started: Promise<void>; stop(): Promise<ProbeResults> } {
  const worker = new Worker(PROBE_WORKER, {
    eval: true,
    workerData: {
      healthUrl: `${baseUrl}/healthz`,
      boardUrl: `${baseUrl}/api/boards/${other.id}`,
      token: other.tokens.viewer,
      everyMs: PROBE_EVERY_MS,
    },
  })
  let ready: () => void = () => {}
  const started = new Promise<void>((resolve) => (ready = resolve))
  const results = new Promise<ProbeResults>((resolve, reject) => {
    worker.on('message', (message: ProbeResults | 'ready') => (message === 'ready' ? ready() : resolve(message)))
    worker.once('error', reject)
  })
  return {
    started,
    async stop() {
      worker.postMessage('stop')
      const done = await results
      await worker.terminate()
      return done
    },
  }
}

const latencies = (probes: [number, number][]) => probes.map(([, ms]) => ms)

function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!
}

/** Evaluates `expression` in the server process through its inspector (started with INSPECT_ARG); its value. */
async function evaluateInServer(expression: string): Promise<unknown> {
  const url = /Debugger listening on (ws:\/\/\S+)/.exec(server.output())?.[1]
  if (!url) throw new Error('the server has no inspector')
  const socket = new WebSocket(url)
  try {
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject))
    return await new Promise((resolve) => {
      socket.on('message', (data: WebSocket.RawData) => {
        const message = JSON.parse(data.toString()) as { id?: number; result?: { result?: { value?: unknown } } }
        if (message.id === 1) resolve(message.result?.result?.value)
      })
      socket.send(JSON.stringify({ id: 1, method: 'Runtime.evaluate', params: { expression, returnByValue: true } }))
    })
  } finally {
    socket.close()
  }
}

/**
 * The server's own event-loop delay (perf_hooks, read through the inspector): what its JS thread made requests
 * wait, apart from this machine's other load and this test process.
 */
const eventLoopDelay = {
  start: () =>
    evaluateInServer(
      `globalThis.__fuzzDelay = process.getBuiltinModule('node:perf_hooks').monitorEventLoopDelay({ resolution: 10 }); globalThis.__fuzzDelay.enable(); true`,
    ),
  read: async () =>
    (await evaluateInServer(
      `(() => { const h = globalThis.__fuzzDelay; h.disable(); return { p50: h.percentile(50) / 1e6, p99: h.percentile(99) / 1e6, max: h.max / 1e6 } })()`,
    )) as { p50: number; p99: number; max: number },
}

const sha256 = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex')

/** A room state's content, whatever its encoding: the sorted state vector and delete set. */
function docContent(base64: string): string {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, Buffer.from(base64, 'base64'))
  const stateVector = [...Y.decodeStateVector(Y.encodeStateVector(doc))].sort(([a], [b]) => a - b)
  const deleted = [...Y.createDeleteSetFromStructStore(doc.store).clients]
    .sort(([a], [b]) => a - b)
    .map(([client, items]) => [client, items.map((item) => [item.clock, item.len])])
  const pending = doc.store.pendingStructs !== null
  doc.destroy()
  return JSON.stringify({ stateVector, deleted, pending })
}

interface BackupBoard {
  doc: string
  workshop?: string
  assets: { id: string; mimeType: string; data: string }[]
}

/** A backup file without what differs between two downloads of the same boards (its time, its state encoding). */
/** A page of the audit log without backup downloads (taking a fingerprint downloads backups, which is recorded). */
function withoutDownloads(page: unknown): unknown {
  const { entries } = page as { entries?: { kind: string }[] }
  return entries ? entries.filter((entry) => entry.kind !== 'backup-downloaded') : page
}

function backupContent(text: string): unknown {
  const file = JSON.parse(text) as {
    exportedAt?: string
    sha256?: string
    payload: { board: BackupBoard; breakouts: BackupBoard[]; audit?: { kind: string }[] }
  }
  delete file.exportedAt
  delete file.sha256
  // Every entry of the audit log must stay as it was but the downloads this fingerprint makes.
  if (file.payload.audit) file.payload.audit = file.payload.audit.filter((entry) => entry.kind !== 'backup-downloaded')
  for (const board of [file.payload.board, ...file.payload.breakouts]) {
    board.doc = docContent(board.doc)
    if (board.workshop) board.workshop = docContent(board.workshop)
    for (const asset of board.assets) asset.data = sha256(asset.data)
  }
  return file
}

describe('the HTTP fuzzer’s routes', () => {
  it('are every route of the route table, so a new one is fuzzed from the day it is added', () => {
    const key = (method: string, path: string) => `${method} ${path}`
    const table = [
      ...Object.values(ApiRoutes).map((endpoint) => key(endpoint.method, endpoint.pattern)),
      ...Object.values(ServiceRoutes).map((endpoint) => key(endpoint.method, endpoint.pattern)),
      ...Object.values(PageRoutes).map((page) => key('GET', page.pattern)),
    ]
    const fuzzed = ROUTES.map((route) => key(route.method, route.path)).filter((route) => route !== 'GET :file')
    expect([...fuzzed].sort()).toEqual([...table].sort())
  })
})

describe('HTTP fuzzer', () => {
  let board: CreatedBoard
  let other: CreatedBoard
  let breakoutId: string
  let versionId: string
  let assetId: string

  async function getOk(path: string, token?: string): Promise<Response> {
    const response = await fetch(`${server.url}${path}`, { headers: token ? bearer(token) : {} })
    if (response.status !== 200) throw new Error(`GET ${path}: ${response.status} ${await response.text()}`)
    return response
  }

  /**
   * Everything stored about the two boards and the workshop, read through the API and the database. An answer
   * that is not 200 (a link no longer valid) is kept as its status and body, so a change shows as a difference.
   */
  async function fingerprint(): Promise<Record<string, unknown>> {
    const read = async (path: string, token: string | undefined, content: (response: Response) => Promise<unknown>) => {
      const response = await fetch(`${server.url}${path}`, { headers: token ? bearer(token) : {} })
      return response.status === 200 ? content(response) : { status: response.status, body: await response.text() }
    }
    const json = (path: string, token: string) => read(path, token, (response) => response.json())
    const backup = (path: string, token: string) =>
      read(path, token, async (response) => backupContent(await response.text()))
    const facilitator = board.tokens.facilitator
    return {
      board: await json(`/api/boards/${board.id}`, facilitator),
      breakout: await json(`/api/boards/${breakoutId}`, facilitator),
      other: await json(`/api/boards/${other.id}`, other.tokens.facilitator),
      versions: await json(`/api/boards/${board.id}/versions`, facilitator),
      breakoutVersions: await json(`/api/boards/${breakoutId}/versions`, facilitator),
      otherVersions: await json(`/api/boards/${other.id}/versions`, other.tokens.facilitator),
      breakouts: await json(`/api/boards/${board.id}/breakouts`, board.tokens.viewer),
      backup: await backup(`/api/boards/${board.id}/backup`, facilitator),
      otherBackup: await backup(`/api/boards/${other.id}/backup`, other.tokens.facilitator),
      asset: await read(`/api/boards/${board.id}/assets/${assetId}`, undefined, async (response) =>
        sha256(Buffer.from(await response.arrayBuffer())),
      ),
      rows: await countRows(dataDir, ['boards', 'board_access', 'doc_versions', 'assets', 'export_jobs']),
      audit: await json(`/api/boards/${board.id}/audit?limit=200`, facilitator).then(withoutDownloads),
    }
  }

  function staticFiles(): string[] {
    const assets = existsSync(join(WEB_DIST, 'assets'))
      ? readdirSync(join(WEB_DIST, 'assets'))
          .filter((name) => !/\.(br|gz)$/.test(name))
          .sort()
          .slice(0, 6)
          .map((name) => `/assets/${name}`)
      : []
    return ['/sw.js', '/index.html', ...assets]
  }

  /** What is wrong with one answer, if anything. */
  function faultsOf(outcome: Outcome, secrets: { board: CreatedBoard; facilitatorToken: string }[]): string[] {
    const { request, status, body } = outcome
    const faults: string[] = []
    const text = body.toString('latin1')
    const jsonCode = () => {
      try {
        return (JSON.parse(body.toString('utf8')) as { error?: { code?: unknown } }).error?.code
      } catch {
        return undefined
      }
    }
    for (const code of outcome.statuses) {
      if (code >= 500 && !(code === 503 && jsonCode() === 'pdf-unavailable')) faults.push(`answered ${code}`)
    }
    if (status === 'timeout') faults.push(`no answer within ${ANSWER_TIMEOUT_MS} ms`)
    if (request.expect === 'refused' && typeof status === 'number' && status >= 200 && status < 300) {
      faults.push(`accepted (${status}) a request built to be refused: ${text.slice(0, 200)}`)
    }
    const method = request.send.via === 'http' ? request.send.method : ''
    if (
      request.api &&
      request.send.via === 'http' &&
      typeof status === 'number' &&
      status >= 400 &&
      method !== 'HEAD'
    ) {
      // Node's own refusals (a header too large, an expectation it does not know) come with no body at all: the
      // application never saw the request. Anything the application answers is JSON.
      const bare = body.length === 0 && !outcome.headers?.['content-type']
      let shaped = false
      try {
        const parsed = JSON.parse(body.toString('utf8')) as { error?: { code?: unknown; message?: unknown } }
        shaped = typeof parsed.error?.code === 'string' && typeof parsed.error.message === 'string'
      } catch {
        // not JSON: not shaped
      }
      if (!bare && !shaped) faults.push(`error body is not {"error":{"code","message"}}: ${text.slice(0, 200)}`)
    }
    // Nothing secret or outside the build leaks: a board's links only to its facilitator, no files of the machine,
    // no stack traces.
    const how = request.send
    const sent =
      how.via === 'http' ? JSON.stringify(how.headers) : (how.via === 'raw' ? how.bytes : how.head).toString('latin1')
    for (const { board: owner, facilitatorToken } of secrets) {
      for (const token of Object.values(owner.tokens)) {
        if (text.includes(token) && !sent.includes(facilitatorToken)) faults.push(`leaks a token of board ${owner.id}`)
      }
    }
    if (text.includes(METRICS_TOKEN)) faults.push('leaks the metrics token')
    if (/root:x:0:0|"workspaces"\s*:|boards\.sqlite|node:internal|\.ts:\d+:\d+/.test(text)) {
      faults.push(`leaks a file or a stack trace: ${text.slice(0, 200)}`)
    }
    return faults
  }

  it(
    `${REQUESTS} seeded hostile requests to every route, ${CONCURRENCY} at once: the process lives, no 5xx, nothing stored changes, health answers, memory comes back`,
    async () => {
      console.log(`[http-fuzz] HTTP_FUZZ_SEED=${SEED} HTTP_FUZZ_REQUESTS=${REQUESTS} (set both to replay this run)`)
      const pid = server.child.pid!
      board = await createBoard(server.url, 'Fuzzed board')
      other = await createBoard(server.url, 'Another board')
      // Something on the board, a file, a version and a breakout: every route has something real to aim at.
      const writer = await connectSyncedClient(server.url, board.id, board.tokens.editor)
      getRecordsKeyValue(writer.doc).set('shape:fuzzed', noteRecord('shape:fuzzed', `كل طفل ${RTL}note`))
      await waitUntil('the note is stored', async () => {
        const reader = await connectSyncedClient(server.url, board.id, board.tokens.viewer)
        const stored = getRecordsKeyValue(reader.doc).has('shape:fuzzed')
        reader.destroy()
        return stored
      })
      writer.destroy()
      const png = solidPng(4, 4)
      const upload = await fetch(`${server.url}/api/boards/${board.id}/assets`, {
        method: 'POST',
        headers: { ...bearer(board.tokens.editor), 'content-type': 'image/png' },
        body: png,
      })
      expect(upload.status).toBe(201)
      assetId = ((await upload.json()) as { id: string }).id
      const saved = await fetch(`${server.url}/api/boards/${board.id}/versions`, {
        method: 'POST',
        headers: { ...bearer(board.tokens.facilitator), 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'Before the fuzzer' }),
      })
      expect(saved.status).toBe(201)
      versionId = ((await saved.json()) as { id: string }).id
      const breakouts = await fetch(`${server.url}/api/boards/${board.id}/breakouts`, {
        method: 'POST',
        headers: { ...bearer(board.tokens.facilitator), 'content-type': 'application/json' },
        body: JSON.stringify({ groups: [{ name: 'Group 1' }] }),
      })
      expect(breakouts.status).toBe(201)
      breakoutId = ((await breakouts.json()) as { boards: { id: string }[] }).boards[0]!.id
      const backup = Buffer.from(
        await (await getOk(`/api/boards/${board.id}/backup`, board.tokens.facilitator)).arrayBuffer(),
      )

      const targets: FuzzTargets = {
        boardId: board.id,
        breakoutId,
        tokens: board.tokens,
        otherBoardId: other.id,
        otherTokens: other.tokens,
        versionId,
        assetId,
        metricsToken: METRICS_TOKEN,
        staticFiles: staticFiles(),
        backup,
        png,
      }
      const secrets = [
        { board, facilitatorToken: board.tokens.facilitator },
        { board: other, facilitatorToken: other.tokens.facilitator },
      ]
      const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY })

      // Warm-up: a few hundred requests of another seed load every code path (workers, image decoding) before
      // the baseline, then the rooms they opened unload.
      const warmUp = createHttpFuzzer(createRandom(SEED ^ 0x5eed), ROUTES, targets, { hugeEvery: 0 })
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async (_, lane) => {
          for (let i = lane; i < 300; i += CONCURRENCY) await send(server.url, agent, warmUp(i))
        }),
      )
      await sleep(2_000)
      const before = await fingerprint()
      await sleep(1_000)
      const rssBefore = rssMiB(pid)
      const treeBefore = treeRssMiB(pid)
      const heapBefore = await heapAfterGcMiB(server)

      // The run.
      const random = createRandom(SEED)
      const routes = ROUTE_FILTER
        ? ROUTES.filter((route) => ROUTE_FILTER.test(`${route.method} ${route.path}`))
        : ROUTES
      const next = createHttpFuzzer(random, routes, targets, { hugeEvery: HUGE_EVERY, allRoutes: ROUTES })
      const outcomes: Outcome[] = []
      const inFlight = new Map<number, FuzzRequest>()
      let diedWith: string[] | undefined
      void server.exited.then(() => (diedWith ??= [...inFlight.values()].map(describeRequest)))
      let rssPeak = rssBefore
      let treePeak = treeBefore
      // A process that exited has no VmRSS line (a zombie until reaped): NaN then.
      const rssNow = () => {
        try {
          return rssMiB(pid)
        } catch {
          return Number.NaN
        }
      }
      const sampler = setInterval(() => {
        rssPeak = Math.max(rssPeak, rssNow() || 0)
        treePeak = Math.max(treePeak, treeRssMiB(pid))
      }, 200)
      onTestFinished(() => clearInterval(sampler))
      const serverCpuSeconds = () => {
        try {
          const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
          return (Number(fields[11]) + Number(fields[12])) / 100
        } catch {
          return Number.NaN
        }
      }
      // The server's main thread: time on a CPU, and time ready to run but waiting for one (this machine's load).
      const mainThreadSchedule = () => {
        try {
          const [onCpu, waiting] = readFileSync(`/proc/${pid}/task/${pid}/schedstat`, 'utf8').split(' ').map(Number)
          return { onCpu: onCpu! / 1e9, waiting: waiting! / 1e9 }
        } catch {
          return { onCpu: Number.NaN, waiting: Number.NaN }
        }
      }
      const cpuBefore = { server: serverCpuSeconds(), test: process.cpuUsage(), main: mainThreadSchedule() }
      // The same probes with nothing else sent first: how fast this machine answers them at all.
      const idleProbes = startProbes(server.url, other)
      await idleProbes.started
      await sleep(3_000)
      const idle = await idleProbes.stop()
      const probes = startProbes(server.url, other)
      await probes.started
      await eventLoopDelay.start()
      const loadBefore = loadavg()[0]!
      let index = 0
      const started = performance.now()
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          while (index < REQUESTS && !diedWith) {
            const request = next(index++)
            if (ONLY !== undefined && request.index !== ONLY) continue
            inFlight.set(request.index, request)
            outcomes.push(await send(server.url, agent, request))
            inFlight.delete(request.index)
          }
        }),
      )
      const seconds = (performance.now() - started) / 1000
      const testCpu = process.cpuUsage(cpuBefore.test)
      const main = mainThreadSchedule()
      const cpu =
        `CPU: server ${(serverCpuSeconds() - cpuBefore.server).toFixed(1)} s (its main thread ` +
        `${(main.onCpu - cpuBefore.main.onCpu).toFixed(1)} s, and ${(main.waiting - cpuBefore.main.waiting).toFixed(1)} s ` +
        `waiting for a CPU), this test process ${((testCpu.user + testCpu.system) / 1e6).toFixed(1)} s`
      const probed = await probes.stop()
      const loop = diedWith ? undefined : await eventLoopDelay.read()
      const loadAfter = loadavg()[0]!
      agent.destroy()

      // Memory settles: RSS is read until it is back within the margin, or the settle period ends.
      const settleUntil = performance.now() + RSS_SETTLE_MS
      let rssAfter = rssNow()
      let treeAfter = treeRssMiB(pid)
      const settled = () => rssAfter - rssBefore <= RSS_MARGIN_MIB && treeAfter - treeBefore <= RSS_MARGIN_MIB
      while (!diedWith && !settled() && performance.now() < settleUntil) {
        await sleep(500)
        rssAfter = rssNow()
        treeAfter = treeRssMiB(pid)
      }
      clearInterval(sampler)

      const histogram = new Map<string, number>()
      for (const { status } of outcomes) histogram.set(String(status), (histogram.get(String(status)) ?? 0) + 1)
      const statuses = [...histogram]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([status, n]) => `${status}×${n}`)
        .join(' ')

      const probeLine = (name: string, values: number[]) =>
        `${name} p50 ${percentile(values, 50).toFixed(0)} / p99 ${percentile(values, 99).toFixed(0)} / max ${Math.max(0, ...values).toFixed(0)} ms (${values.length})`
      const heapAfter = diedWith ? Number.NaN : await heapAfterGcMiB(server)
      console.log(
        `[http-fuzz] seed ${SEED}: ${outcomes.length} requests in ${seconds.toFixed(1)} s; statuses ${statuses}; ` +
          `${probeLine('health', latencies(probed.health))}, ${probeLine('other board', latencies(probed.board))} ` +
          `(idle before: ${probeLine('other board', latencies(idle.board))}); ` +
          `server event-loop delay p50 ${loop?.p50.toFixed(0)} / p99 ${loop?.p99.toFixed(0)} / max ${loop?.max.toFixed(0)} ms; ` +
          `load average ${loadBefore.toFixed(1)} → ${loadAfter.toFixed(1)} on ${availableParallelism()} CPUs; ` +
          `server RSS ${rssBefore.toFixed(0)} → peak ${rssPeak.toFixed(0)} → ${rssAfter.toFixed(0)} MiB ` +
          `(with its child processes ${treeBefore.toFixed(0)} → ${treePeak.toFixed(0)} → ${treeAfter.toFixed(0)}); ` +
          `heap after GC ${heapBefore.toFixed(1)} → ${heapAfter.toFixed(1)} MiB; ${cpu}`,
      )

      // The process lives.
      expect(
        diedWith,
        `the server exited (${server.child.exitCode ?? server.child.signalCode}) with these requests in flight ` +
          `(HTTP_FUZZ_SEED=${SEED}):\n${(diedWith ?? []).join('\n')}\n${server.output().slice(-3000)}`,
      ).toBeUndefined()
      expect(server.child.exitCode).toBeNull()

      // Every answer: no 5xx, nothing built to be refused accepted, API errors in our shape, nothing leaked.
      const faults = outcomes.flatMap((outcome) =>
        faultsOf(outcome, secrets).map((fault) => `${describeRequest(outcome.request)}\n    → ${fault}`),
      )
      expect
        .soft(faults, `HTTP_FUZZ_SEED=${SEED}: ${faults.length} faulty answers:\n${faults.slice(0, 30).join('\n')}`)
        .toEqual([])

      // Every route was aimed at (at the default size and above).
      if (ONLY === undefined && ROUTE_FILTER === undefined && REQUESTS >= 1_000) {
        for (const route of ROUTES) {
          const label = `${route.method} ${route.path}`
          expect(outcomes.filter((outcome) => outcome.request.route === label).length, label).toBeGreaterThan(5)
        }
        expect(outcomes.filter((outcome) => outcome.request.route.startsWith('GET /ws/')).length).toBeGreaterThan(5)
      }

      // Health answered throughout, and another board's requests were answered in time.
      expect.soft(probed.failures, probed.failures.slice(0, 10).join('\n')).toEqual([])
      expect(probed.health.length).toBeGreaterThan(0)
      expect
        .soft(
          percentile(latencies(probed.board), 99),
          `another board's requests, p99 (HTTP_FUZZ_SEED=${SEED}; idle before the run: p99 ` +
            `${percentile(latencies(idle.board), 99).toFixed(0)} ms; the server's event-loop delay p99 ` +
            `${loop?.p99.toFixed(0)} ms, max ${loop?.max.toFixed(0)} ms); slow probes happened with:\n` +
            slowProbeSuspects([...probed.board, ...probed.health], outcomes, OTHER_BOARD_P99_MS),
        )
        .toBeLessThanOrEqual(OTHER_BOARD_P99_MS)

      // Nothing stored changed.
      await sleep(1_000)
      expect.soft(await fingerprint()).toEqual(before)

      // Memory came back.
      expect.soft(rssAfter - rssBefore, 'RSS after settling, above the baseline (MiB)').toBeLessThan(RSS_MARGIN_MIB)
      expect
        .soft(treeAfter - treeBefore, 'RSS with child processes after settling, above the baseline (MiB)')
        .toBeLessThan(RSS_MARGIN_MIB)
      expect.soft(heapAfter - heapBefore, 'heap after GC, above the baseline (MiB)').toBeLessThan(HEAP_MARGIN_MIB)
    },
    180_000 + REQUESTS * 20,
  )

  it(
    'a restore whose body stops arriving does not keep every other restore refused',
    async () => {
      const stalled = await openTcp(server.url)
      stalled.socket.write(
        'POST /api/boards/restore HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n' +
          `Content-Length: ${MiB}\r\n\r\n{"format":"common-ground-board","payload":[`,
      )
      await sleep(200)
      const started = performance.now()
      let refusedFor = 0
      let lastStatus = 0
      while (performance.now() - started < STALLED_RESTORE_LIMIT_MS + 2_000) {
        const response = await fetch(`${server.url}/api/boards/restore`, { method: 'POST', body: 'not a backup' })
        lastStatus = response.status
        await response.arrayBuffer()
        if (response.status !== 429) break
        refusedFor = performance.now() - started
        await sleep(250)
      }
      const answered = statusesIn(stalled.received())
      stalled.socket.destroy()
      console.log(
        `[http-fuzz] a stalled restore body kept other restores refused (429) for ${(refusedFor / 1000).toFixed(1)} s; ` +
          `then ${lastStatus}; the stalled request was answered ${answered.join(', ') || 'nothing'}`,
      )
      expect(lastStatus).toBe(400)
      expect(refusedFor).toBeLessThan(STALLED_RESTORE_LIMIT_MS)
    },
    STALLED_RESTORE_LIMIT_MS + 30_000,
  )
})
