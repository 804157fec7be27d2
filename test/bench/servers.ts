import { spawn, type ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { fileURLToPath } from 'node:url'
import { wsBase } from '../support/boards.ts'
import { spawnServer, type ServerProcess } from '../support/serverProcess.ts'
import { waitUntil } from '../support/waitUntil.ts'

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url))
const REF_MAIN = fileURLToPath(new URL('../../node_modules/@y/websocket-server/src/server.js', import.meta.url))
const START_TIMEOUT_MS = 20_000

/** Every child the bench started, so an interrupted run does not leave servers behind. */
const children = new Set<ChildProcess>()
process.once('exit', () => {
  for (const child of children) child.kill('SIGKILL')
})
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    for (const child of children) child.kill('SIGKILL')
    process.exit(130)
  })
}
function track(child: ChildProcess): void {
  children.add(child)
  child.once('exit', () => children.delete(child))
}

/** SIGTERM, then SIGKILL if the process has not exited after `graceMs`. Resolves with the exit code. */
export async function stop(server: Pick<ServerProcess, 'stop'>, graceMs = 30_000): Promise<number | null> {
  const timer = setTimeout(() => void server.stop('SIGKILL'), graceMs)
  const { code } = await server.stop('SIGTERM')
  clearTimeout(timer)
  return code
}

/** User+system CPU seconds a process has used so far (Linux /proc; undefined elsewhere). */
export function cpuSeconds(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    // Fields after the command name start at field 3 (state); utime and stime are fields 14 and 15.
    return (Number(fields[11]) + Number(fields[12])) / 100
  } catch {
    return undefined
  }
}

export interface OurServer extends ServerProcess {
  /** ws://127.0.0.1:PORT/ws — append /<boardId>. */
  wsBase: string
}

/**
 * Our server as a real process (the tests' `spawnServer`): persistence on, in `dataDir`, on a free port; `env` adds
 * settings (e.g. `COMPRESSION: 'off'`).
 */
export async function startOurServer(
  dataDir: string,
  nodeArgs: string[] = [],
  env: Record<string, string> = {},
): Promise<OurServer> {
  // An empty PUBLIC_URL counts as unset, so the caller's shell does not leak into the bench.
  const server = await spawnServer(
    { HOST: '127.0.0.1', DATA_DIR: dataDir, PUBLIC_URL: '', ...env },
    { timeoutMs: START_TIMEOUT_MS, nodeArgs },
  )
  track(server.child)
  return { ...server, wsBase: wsBase(server.url) }
}

export interface RefServer extends Pick<ServerProcess, 'child' | 'stop'> {
  /** ws://127.0.0.1:PORT — append /<room>. */
  wsBase: string
}

const HOCUSPOCUS_MAIN = fileURLToPath(new URL('./hocuspocusServer.ts', import.meta.url))

/** Hocuspocus (see hocuspocusServer.ts) on a free port; ready once it says where it listens. */
export async function startHocuspocusServer(): Promise<RefServer> {
  const child = spawn(process.execPath, [HOCUSPOCUS_MAIN], { stdio: ['ignore', 'pipe', 'pipe'] })
  track(child)
  let output = ''
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  )
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Hocuspocus did not start:\n${output}`)), START_TIMEOUT_MS)
    const onData = (chunk: Buffer) => {
      output += chunk.toString()
      const match = /listening (\d+)/.exec(output)
      if (!match) return
      clearTimeout(timer)
      child.stdout.off('data', onData)
      resolve(Number(match[1]))
    }
    child.stdout.on('data', onData)
    child.stderr.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-8192)))
    void exited.then(() => reject(new Error(`Hocuspocus exited before it was ready:\n${output}`)))
  })
  return {
    child,
    wsBase: `ws://127.0.0.1:${port}`,
    async stop(signal = 'SIGKILL') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal)
      return exited
    },
  }
}

/** The reference @y/websocket-server (in memory, no persistence) on a free port; ready once it answers HTTP. */
export async function startRefServer(): Promise<RefServer> {
  const port = await freePort()
  const env: NodeJS.ProcessEnv = { ...process.env, HOST: '127.0.0.1', PORT: String(port) }
  delete env.YPERSISTENCE
  delete env.CALLBACK_URL
  const child = spawn(process.execPath, [REF_MAIN], { env, stdio: ['ignore', 'ignore', 'pipe'] })
  track(child)
  let errors = ''
  child.stderr.on('data', (chunk: Buffer) => (errors = (errors + chunk.toString()).slice(-8192)))
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  )
  const server: RefServer = {
    child,
    wsBase: `ws://127.0.0.1:${port}`,
    async stop(signal = 'SIGKILL') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal)
      return exited
    },
  }
  try {
    await waitUntil(
      'the reference server answers HTTP',
      async () => {
        if (child.exitCode !== null || child.signalCode !== null) {
          throw new Error(
            `reference server exited (${child.exitCode ?? child.signalCode}) before it was ready:\n${errors}`,
          )
        }
        const body = await fetch(`http://127.0.0.1:${port}/`).then(
          (response) => response.text(),
          () => '',
        )
        return body === 'okay'
      },
      { timeoutMs: START_TIMEOUT_MS, intervalMs: 20 },
    )
  } catch (error) {
    await server.stop()
    throw error
  }
  return server
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => resolve(port))
    })
  })
}
