/**
 * A Redis server of the test's own (Debian's redis-server binary) on a free loopback port, so a test can stop and
 * restart it mid-stream without touching anyone else's. Keeps nothing on disk.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createServer, connect, type AddressInfo } from 'node:net'
import { setTimeout as delay } from 'node:timers/promises'

const REDIS_SERVER = process.env.REDIS_SERVER_PATH ?? '/usr/bin/redis-server'

/** Why Redis tests cannot run here, or null. In CI (or with CG_REQUIRE_SERVICES=1) a missing Redis is an error. */
export function redisSkipReason(): string | null {
  if (existsSync(REDIS_SERVER)) return null
  const reason = `redis-server not found at ${REDIS_SERVER} (apt-get install -y redis-server, or set REDIS_SERVER_PATH)`
  if (process.env.CI || process.env.CG_REQUIRE_SERVICES) throw new Error(`Redis is required here: ${reason}`)
  console.warn(`Skipping Redis tests: ${reason}`)
  return reason
}

export interface TestRedis {
  url: string
  /** Kills the server (everything it held is gone, subscriptions included). */
  stop(): Promise<void>
  /** Starts it again on the same port. */
  start(): Promise<void>
}

async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise((resolve) => server.close(resolve))
  return port
}

async function answersPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1')
    socket.once('error', () => resolve(false))
    socket.once('connect', () => socket.write('PING\r\n'))
    socket.once('data', (data) => {
      socket.destroy()
      resolve(data.toString().startsWith('+PONG'))
    })
  })
}

export async function startTestRedis(): Promise<TestRedis> {
  const port = await freePort()
  let child: ChildProcess | null = null
  const start = async () => {
    child = spawn(REDIS_SERVER, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
      stdio: 'ignore',
    })
    for (let i = 0; i < 100 && !(await answersPing(port)); i++) await delay(50)
  }
  const stop = async () => {
    const running = child
    child = null
    if (!running || running.exitCode !== null) return
    const exited = new Promise((resolve) => running.once('exit', resolve))
    running.kill('SIGKILL')
    await exited
  }
  await start()
  return { url: `redis://127.0.0.1:${port}`, start, stop }
}
