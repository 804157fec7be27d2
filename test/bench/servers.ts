import { spawn, type ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { fileURLToPath } from 'node:url'

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url))
const OUR_MAIN = fileURLToPath(new URL('../../apps/server/src/main.ts', import.meta.url))
const REF_MAIN = fileURLToPath(new URL('../../node_modules/@y/websocket-server/src/server.js', import.meta.url))

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

export interface Started {
  child: ChildProcess
  /** Last few KB of the child's stdout+stderr, for error messages. */
  output(): string
  exited: Promise<number | null>
}

/** Spawns a child, keeps draining its pipes (a full pipe would stall it) and resolves once `ready` matches. */
export function startChild(
  args: string[],
  env: NodeJS.ProcessEnv,
  ready: RegExp,
  what: string,
  timeoutMs = 20_000,
): Promise<Started & { match: RegExpExecArray }> {
  const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] })
  children.add(child)
  let tail = ''
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      children.delete(child)
      resolve(code)
    }),
  )
  const started: Started = { child, output: () => tail, exited }
  return new Promise((resolve, reject) => {
    let done = false
    const timer = setTimeout(() => {
      if (done) return
      done = true
      child.kill('SIGKILL')
      reject(new Error(`${what} did not start within ${timeoutMs} ms:\n${tail}`))
    }, timeoutMs)
    const onData = (chunk: Buffer) => {
      tail = (tail + chunk.toString()).slice(-8192)
      if (done) return
      const match = ready.exec(tail)
      if (match) {
        done = true
        clearTimeout(timer)
        resolve({ ...started, match })
      }
    }
    child.stdout!.on('data', onData)
    child.stderr!.on('data', onData)
    void exited.then((code) => {
      if (done) return
      done = true
      clearTimeout(timer)
      reject(new Error(`${what} exited with ${code} before it was ready:\n${tail}`))
    })
  })
}

/** SIGTERM, then SIGKILL if the process has not exited after `graceMs`. Resolves with the exit code. */
export async function stop(started: Started, graceMs = 30_000): Promise<number | null> {
  if (started.child.exitCode !== null || started.child.signalCode !== null) return started.exited
  started.child.kill('SIGTERM')
  const timer = setTimeout(() => started.child.kill('SIGKILL'), graceMs)
  const code = await started.exited
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

export interface OurServer extends Started {
  /** http://127.0.0.1:PORT */
  httpUrl: string
  /** ws://127.0.0.1:PORT/ws — append /<boardId>. */
  wsBase: string
}

/** Our server as a real process: persistence on, in `dataDir`, on a free port. */
export async function startOurServer(dataDir: string): Promise<OurServer> {
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn' }
  delete env.PUBLIC_URL
  const started = await startChild([OUR_MAIN], env, /Common Ground is running at (\S+)/, 'our server')
  const httpUrl = started.match[1]!.replace(/\/+$/, '')
  return { ...started, httpUrl, wsBase: `${httpUrl.replace(/^http/, 'ws')}/ws` }
}

export async function createBoard(server: OurServer, title = 'bench'): Promise<string> {
  const response = await fetch(`${server.httpUrl}/api/boards`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ title }),
  })
  if (response.status !== 201) throw new Error(`POST /api/boards answered ${response.status}: ${await response.text()}`)
  const body = (await response.json()) as { id: string }
  return body.id
}

export interface RefServer extends Started {
  /** ws://127.0.0.1:PORT — append /<room>. */
  wsBase: string
}

/** The reference @y/websocket-server (in memory, no persistence) on a free port. */
export async function startRefServer(): Promise<RefServer> {
  const port = await freePort()
  const env: NodeJS.ProcessEnv = { ...process.env, HOST: '127.0.0.1', PORT: String(port) }
  delete env.YPERSISTENCE
  delete env.CALLBACK_URL
  const started = await startChild([REF_MAIN], env, /running at/, 'reference server')
  return { ...started, wsBase: `ws://127.0.0.1:${port}` }
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
