import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { createBoard } from '../support/boards.ts'
import { makeTempDir, removeTempDir } from '../support/tempDir.ts'
import { cpuSeconds, REPO_ROOT, startOurServer, startRefServer, stop } from './servers.ts'

export const PROBE_DIR = resolve(REPO_ROOT, '../shared/bench')
export const PROBE = join(PROBE_DIR, 'fanout.mjs')

export interface FanoutParams {
  clients: number
  writers: number
  edits: number
  intervalMs: number
}

/** The probe's JSON line, plus what the bench measured around it. */
export interface FanoutResult {
  server: 'ours' | 'ref'
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
  /** Set when the probe failed without printing a result (e.g. sync timeout). */
  error?: string
}

/** Fails with a clear message if the probe is missing; installs its own dependencies on first use. */
export async function ensureProbe(): Promise<void> {
  if (!existsSync(PROBE)) {
    throw new Error(
      `The fan-out probe was not found at ${PROBE}. The bench expects the shared probe checked out next to this repo ` +
        `(../shared/bench/fanout.mjs, relative to ${REPO_ROOT}).`,
    )
  }
  if (existsSync(join(PROBE_DIR, 'node_modules'))) return
  console.log(`Installing the probe's dependencies in ${PROBE_DIR} …`)
  const npmCli = process.env.npm_execpath
  const [command, args] = npmCli
    ? [process.execPath, [npmCli, 'install', '--no-audit', '--no-fund']]
    : ['npm', ['install', '--no-audit', '--no-fund']]
  const code = await new Promise<number | null>((done, fail) => {
    const child = spawn(command, args, { cwd: PROBE_DIR, stdio: 'inherit' })
    child.once('error', fail)
    child.once('exit', done)
  })
  if (code !== 0) throw new Error(`npm install in ${PROBE_DIR} failed (exit ${code})`)
}

/** Runs the probe once against `serverUrl`/`room` and parses its one JSON line. */
function runProbe(
  serverUrl: string,
  room: string,
  p: FanoutParams,
  query = '',
): Promise<Omit<FanoutResult, 'server' | 'serverCpuS'>> {
  const args = [PROBE, serverUrl, room, p.clients, p.writers, p.edits, p.intervalMs, query].map(String)
  // 30 s to sync, the edits themselves, 20 s of waiting for stragglers, and slack for a loaded machine.
  const timeoutMs = 30_000 + p.edits * p.intervalMs * 3 + 20_000 + 60_000
  return new Promise((done) => {
    const child = spawn(process.execPath, args, { cwd: PROBE_DIR, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4096)))
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs)
    child.once('exit', (code, signal) => {
      clearTimeout(timer)
      const line = stdout
        .split('\n')
        .reverse()
        .find((l) => l.trim().startsWith('{'))
      const expected = p.writers * p.edits * (p.clients - 1)
      if (line) {
        const r = JSON.parse(line) as Omit<FanoutResult, 'server' | 'serverCpuS' | 'error'>
        done({ ...r, clients: p.clients })
        return
      }
      const why = signal ? `killed by ${signal} after ${timeoutMs} ms` : `exit ${code}`
      done({
        clients: p.clients,
        received: 0,
        expected,
        connectAndSyncMs: NaN,
        p50: NaN,
        p95: NaN,
        p99: NaN,
        max: NaN,
        wallMs: NaN,
        error: `probe printed no result (${why}): ${stderr.trim().split('\n').slice(-3).join(' | ')}`,
      })
    })
  })
}

/** One measurement against a fresh process of our server (fresh DATA_DIR, fresh board). */
export async function measureOurs(p: FanoutParams): Promise<FanoutResult> {
  const dataDir = makeTempDir('cg-bench-fanout-')
  try {
    const server = await startOurServer(dataDir)
    try {
      const board = await createBoard(server.url, 'bench')
      const cpuBefore = cpuSeconds(server.child.pid)
      const result = await runProbe(server.wsBase, board.id, p, `token=${board.tokens.editor}`)
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
    const result = await runProbe(server.wsBase, `bench-${Date.now()}`, p)
    return { server: 'ref', ...result, serverCpuS: cpuDelta(cpuBefore, cpuSeconds(server.child.pid)) }
  } finally {
    await stop(server, 5_000)
  }
}

function cpuDelta(before: number | undefined, after: number | undefined): number | undefined {
  return before === undefined || after === undefined ? undefined : after - before
}
