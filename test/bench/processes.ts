import { fork, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { createTestDatabase } from '@cg/storage/testing'
import { createBoard } from '../support/boards.ts'
import { startTestRedis, type TestRedis } from '../support/redisServer.ts'
import { makeTempDir, removeTempDir } from '../support/tempDir.ts'
import type { FromProcessesProbe, ProcessesProbeSetup, ToProcessesProbe } from './processesProbe.ts'
import { cpuSeconds, startOurServer, stop, type OurServer } from './servers.ts'

export interface ProcessesParams {
  clients: number
  writers: number
  edits: number
  intervalMs: number
}

export interface ProcessesResult {
  setup: '1 process' | '3 processes'
  clients: number
  p50: number
  p99: number
  received: number
  expected: number
  /** User+system CPU seconds of all server processes together, from "go" to the last probe's result. */
  serverCpuS: number
  /** Set when the measurement failed (a probe could not sync, a wait timed out). */
  error?: string
}

/** Rejects after `ms`, so no wait of the bench can hang it. */
function bounded<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms)
  })
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
}

/** A probe process; `next(kind)` resolves with its next message of that kind, or rejects when it exits first. */
function spawnProbe(): {
  child: ChildProcess
  send(message: ToProcessesProbe): void
  next<K extends FromProcessesProbe['kind']>(kind: K): Promise<Extract<FromProcessesProbe, { kind: K }>>
} {
  const child = fork(fileURLToPath(new URL('./processesProbe.ts', import.meta.url)), [], { stdio: 'inherit' })
  const messages: FromProcessesProbe[] = []
  let wake = () => {}
  let exited = false
  child.on('message', (message: FromProcessesProbe) => (messages.push(message), wake()))
  child.once('exit', () => ((exited = true), wake()))
  return {
    child,
    send: (message) => child.send(message),
    async next(kind) {
      for (;;) {
        const at = messages.findIndex((m) => m.kind === kind)
        if (at >= 0) return messages.splice(at, 1)[0] as Extract<FromProcessesProbe, { kind: typeof kind }>
        if (exited) throw new Error(`a probe exited (${child.exitCode}) before sending '${kind}'`)
        await new Promise<void>((resolve) => (wake = resolve))
      }
    },
  }
}

const quantile = (sorted: number[], f: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(f * sorted.length))]! : NaN

/**
 * One measurement: `serverCount` server processes on one fresh PostgreSQL database (joined by a private Redis when
 * there are several), one board, `p.clients` stock clients spread round-robin over the processes.
 */
export async function measureProcesses(p: ProcessesParams, serverCount: 1 | 3): Promise<ProcessesResult> {
  const result: ProcessesResult = {
    setup: serverCount === 1 ? '1 process' : '3 processes',
    clients: p.clients,
    p50: NaN,
    p99: NaN,
    received: 0,
    expected: p.writers * p.edits * (p.clients - 1),
    serverCpuS: NaN,
  }
  const database = await createTestDatabase()
  let redis: TestRedis | undefined
  const dataDirs: string[] = []
  const servers: OurServer[] = []
  const probes: ReturnType<typeof spawnProbe>[] = []
  try {
    if (serverCount > 1) redis = await startTestRedis()
    const env = { DATABASE_URL: database.url, ...(redis ? { REDIS_URL: redis.url } : {}) }
    for (let i = 0; i < serverCount; i++) dataDirs.push(makeTempDir('cg-bench-processes-'))
    servers.push(...(await Promise.all(dataDirs.map((dir) => startOurServer(dir, [], env)))))
    const board = await createBoard(servers[0]!.url, 'bench')

    // More than one probe for big rooms, so the probe's own event loop is not what limits.
    const probeCount = p.clients <= 300 ? 1 : 4
    for (let index = 0; index < probeCount; index++) {
      const probe = spawnProbe()
      probes.push(probe)
      const setup: ProcessesProbeSetup = {
        urls: servers.map((s) => s.url),
        room: board.id,
        token: board.tokens.editor,
        ...p,
        probes: probeCount,
        index,
      }
      probe.send({ kind: 'setup', setup })
    }
    await bounded(Promise.all(probes.map((probe) => probe.next('ready'))), 180_000, 'every client to sync')

    const cpu = () => servers.reduce((sum, s) => sum + (cpuSeconds(s.child.pid) ?? NaN), 0)
    const cpuBefore = cpu()
    const results = probes.map((probe) => probe.next('result'))
    for (const probe of probes) probe.send({ kind: 'go' })
    // The edits, the probes' 30 s for stragglers, and slack for a loaded machine.
    const replies = await bounded(Promise.all(results), p.edits * p.intervalMs * 3 + 60_000, 'the results')
    result.serverCpuS = cpu() - cpuBefore

    const latencies = replies.flatMap((r) => r.latencies).sort((a, b) => a - b)
    result.p50 = quantile(latencies, 0.5)
    result.p99 = quantile(latencies, 0.99)
    result.received = replies.reduce((sum, r) => sum + r.received, 0)
    result.expected = replies.reduce((sum, r) => sum + r.expected, 0)
  } catch (error) {
    result.error = (error as Error).message
  } finally {
    for (const probe of probes) if (probe.child.exitCode === null) probe.child.kill('SIGKILL')
    for (const server of servers) {
      const code = await stop(server)
      if (code !== 0) console.warn(`  warning: a server process exited with ${code} on SIGTERM:\n${server.output()}`)
    }
    await redis?.stop()
    await database.drop()
    for (const dir of dataDirs) removeTempDir(dir)
  }
  return result
}
