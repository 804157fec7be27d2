import { fork, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { createBoard } from '../support/boards.ts'
import { makeTempDir, removeTempDir } from '../support/tempDir.ts'
import type { FromShare, ProbeShare, ToShare } from './fanoutProbe.ts'
import { cpuSeconds, startHocuspocusServer, startOurServer, startRefServer, stop } from './servers.ts'

export interface FanoutParams {
  clients: number
  writers: number
  edits: number
  intervalMs: number
  /** Processes the clients are spread over (see fanoutProbe.ts). */
  probes: number
}

export type FanoutServer = 'ours' | 'ref' | 'hocuspocus'

/** What the probe measured, plus what the bench measured around it. */
export interface FanoutResult {
  server: FanoutServer
  clients: number
  received: number
  expected: number
  connectAndSyncMs: number
  p50: number
  p95: number
  p99: number
  max: number
  wallMs: number
  /** CPU seconds the server process used while the probe ran (startup excluded). */
  serverCpuS: number | undefined
  /** Set when the probe failed (e.g. sync timeout). */
  error?: string
}

const PROBE = fileURLToPath(new URL('./fanoutProbe.ts', import.meta.url))
const STRAGGLERS_MS = 20_000

/** Waits for the next message of `kind` from a probe process. */
function next<K extends FromShare['kind']>(child: ChildProcess, kind: K): Promise<Extract<FromShare, { kind: K }>> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: FromShare) => {
      if (message.kind === 'failed') return done(() => reject(new Error(message.error)))
      if (message.kind === kind) done(() => resolve(message as Extract<FromShare, { kind: K }>))
    }
    const onExit = (code: number | null) => done(() => reject(new Error(`probe process exited (${code})`)))
    const done = (settle: () => void) => {
      child.off('message', onMessage)
      child.off('exit', onExit)
      settle()
    }
    child.on('message', onMessage)
    child.once('exit', onExit)
  })
}

/**
 * Runs the probe against one room: the clients spread over `p.probes` processes (writers too), all synced before
 * anyone writes; then every writer's edits, and a wait for every client to have received every other writer's.
 */
async function runProbe(
  target: Omit<ProbeShare, 'clients' | 'writers' | 'firstWriter' | 'edits' | 'intervalMs'>,
  p: FanoutParams,
) {
  const expected = p.writers * p.edits * (p.clients - 1)
  const children = Array.from({ length: Math.min(p.probes, p.clients) }, () => fork(PROBE, [], { stdio: 'inherit' }))
  const failed = (error: string) => ({
    clients: p.clients,
    received: 0,
    expected,
    connectAndSyncMs: NaN,
    p50: NaN,
    p95: NaN,
    p99: NaN,
    max: NaN,
    wallMs: NaN,
    error,
  })
  try {
    const t0 = performance.now()
    let firstWriter = 0
    children.forEach((child, i) => {
      const clients = Math.floor(p.clients / children.length) + (i < p.clients % children.length ? 1 : 0)
      const writers = Math.floor(p.writers / children.length) + (i < p.writers % children.length ? 1 : 0)
      const share: ProbeShare = { ...target, clients, writers, firstWriter, edits: p.edits, intervalMs: p.intervalMs }
      firstWriter += writers
      child.send({ kind: 'setup', share } satisfies ToShare)
    })
    await Promise.all(children.map((child) => next(child, 'synced')))
    const connectAndSyncMs = performance.now() - t0
    const writeStart = performance.now()
    const written = children.map((child) => next(child, 'written'))
    for (const child of children) child.send({ kind: 'write' } satisfies ToShare)
    await Promise.all(written)
    const deadline = performance.now() + STRAGGLERS_MS
    let received = 0
    while (performance.now() < deadline) {
      const counts = children.map((child) => next(child, 'count'))
      for (const child of children) child.send({ kind: 'count' } satisfies ToShare)
      received = (await Promise.all(counts)).reduce((sum, count) => sum + count.received, 0)
      if (received >= expected) break
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
    const wallMs = performance.now() - writeStart
    const collected = children.map((child) => next(child, 'latencies'))
    for (const child of children) child.send({ kind: 'collect' } satisfies ToShare)
    const latencies = (await Promise.all(collected)).flatMap((share) => share.values).sort((a, b) => a - b)
    const q = (f: number) =>
      latencies.length ? latencies[Math.min(latencies.length - 1, Math.floor(f * latencies.length))]! : NaN
    return {
      clients: p.clients,
      received: latencies.length,
      expected,
      connectAndSyncMs,
      p50: q(0.5),
      p95: q(0.95),
      p99: q(0.99),
      max: q(0.9999),
      wallMs,
    }
  } catch (error) {
    return failed(`probe failed: ${(error as Error).message}`)
  } finally {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL')
  }
}

/** One measurement against a fresh process of our server (fresh DATA_DIR, fresh board). */
export async function measureOurs(p: FanoutParams): Promise<FanoutResult> {
  const dataDir = makeTempDir('cg-bench-fanout-')
  try {
    const server = await startOurServer(dataDir)
    try {
      const board = await createBoard(server.url, 'bench')
      const cpuBefore = cpuSeconds(server.child.pid)
      const target = {
        kind: 'y-websocket' as const,
        url: server.wsBase,
        room: board.id,
        params: { token: board.tokens.editor },
      }
      const result = await runProbe(target, p)
      return { server: 'ours', ...result, serverCpuS: cpuDelta(cpuBefore, cpuSeconds(server.child.pid)) }
    } finally {
      const code = await stop(server)
      if (code !== 0) console.warn(`  warning: our server exited with ${code} on SIGTERM:\n${server.output()}`)
    }
  } finally {
    removeTempDir(dataDir)
  }
}

/** One measurement against a fresh process of the reference server. */
export async function measureRef(p: FanoutParams): Promise<FanoutResult> {
  const server = await startRefServer()
  try {
    const cpuBefore = cpuSeconds(server.child.pid)
    const target = { kind: 'y-websocket' as const, url: server.wsBase, room: `bench-${Date.now()}`, params: {} }
    const result = await runProbe(target, p)
    return { server: 'ref', ...result, serverCpuS: cpuDelta(cpuBefore, cpuSeconds(server.child.pid)) }
  } finally {
    await stop(server, 5_000)
  }
}

/** One measurement against a fresh process of Hocuspocus (no extensions), its clients through its own provider. */
export async function measureHocuspocus(p: FanoutParams): Promise<FanoutResult> {
  const server = await startHocuspocusServer()
  try {
    const cpuBefore = cpuSeconds(server.child.pid)
    const target = { kind: 'hocuspocus' as const, url: server.wsBase, room: `bench-${Date.now()}`, params: {} }
    const result = await runProbe(target, p)
    return { server: 'hocuspocus', ...result, serverCpuS: cpuDelta(cpuBefore, cpuSeconds(server.child.pid)) }
  } finally {
    await stop(server, 5_000)
  }
}

function cpuDelta(before: number | undefined, after: number | undefined): number | undefined {
  return before === undefined || after === undefined ? undefined : after - before
}
