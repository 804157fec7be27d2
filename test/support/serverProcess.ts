import { spawn, type ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { testStorageEnv } from './testStorage.ts'

const MAIN = fileURLToPath(new URL('../../apps/server/src/main.ts', import.meta.url))

export interface ServerProcess {
  url: string
  child: ChildProcess
  /** Resolves with the exit code or signal once the process has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
  /** Everything the process printed so far (for failure messages). */
  output(): string
  /** Sends `signal` (SIGKILL by default) unless it already exited, and waits for the exit. */
  stop(signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>
}

/**
 * Tests create many boards from one address; the limits on anonymous endpoints are tested on their own
 * (test/integration/rate-limits.test.ts), so elsewhere they are set out of the way.
 */
export const TEST_RATE_LIMITS = { NEW_BOARDS_PER_10_MINUTES: '100000', RESTORES_PER_10_MINUTES: '100000' }

/**
 * Runs the real executable (`apps/server/src/main.ts`) with this test's Node on a free port and resolves once
 * it logs "listening", with the URL from that log line.
 */
export async function spawnServer(
  env: Record<string, string>,
  { timeoutMs = 30_000, nodeArgs = [] as string[] } = {},
): Promise<ServerProcess> {
  const storage = await testStorageEnv(env.DATA_DIR)
  const child = spawn(process.execPath, [...nodeArgs, MAIN], {
    env: { ...process.env, PORT: '0', LOG_LEVEL: 'info', ...TEST_RATE_LIMITS, ...storage, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  )
  let output = ''
  let pending = ''
  let exitCode: number | null | undefined
  void exited.then(({ code }) => (exitCode = code))
  const stop = async (signal: NodeJS.Signals = 'SIGKILL') => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal)
    return exited
  }

  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop()
      reject(new Error(`server did not start within ${timeoutMs} ms:\n${output}`))
    }, timeoutMs)
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.stdout?.on('data', (chunk: Buffer) => {
      const text = chunk.toString()
      output += text
      pending += text
      const lines = pending.split('\n')
      pending = lines.pop() ?? ''
      for (const line of lines) {
        const url = listeningUrl(line)
        if (url) {
          clearTimeout(timer)
          resolve({ url, child, exited, output: () => output, stop })
        }
      }
    })
    void exited.then(() => {
      clearTimeout(timer)
      reject(new Error(`server exited (${exitCode}) before listening:\n${output}`))
    })
  })
}

function listeningUrl(line: string): string | undefined {
  if (!line.startsWith('{')) return undefined
  try {
    const entry = JSON.parse(line) as { msg?: unknown; url?: unknown }
    return entry.msg === 'listening' && typeof entry.url === 'string' ? entry.url : undefined
  } catch {
    return undefined
  }
}

/** A process's resident memory now, in MiB (Linux /proc): what the server process itself holds, clients apart. */
export function rssMiB(pid: number): number {
  return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024
}
