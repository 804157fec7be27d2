import { fork, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { getRecordsKeyValue } from '@cg/tldraw-yjs/layout'
import { createBoard } from '../support/boards.ts'
import { heapAfterGcMiB, INSPECT_ARG } from '../support/inspector.ts'
import { rssMiB } from '../support/serverProcess.ts'
import { makeTempDir, removeTempDir } from '../support/tempDir.ts'
import { connectSyncedClient } from '../support/yClient.ts'
import { startOurServer, stop } from './servers.ts'
import type { FromProbe, ToProbe } from './soakProbe.ts'

export interface SoakParams {
  clients: number
  minutes: number
  /** Processes the clients are spread over. */
  probes: number
  /** Each client moves its note every this many seconds, and its cursor every `cursorSeconds`. */
  editSeconds: number
  cursorSeconds: number
}

export interface SoakMinute {
  minute: number
  rssMiB: number
  heapMiB: number
  edits: number
  connected: number
  /** The longest any probe's own event loop was held up this minute: above seconds, the probe, not the server, is the limit. */
  probeLagMs: number
  /** The largest probe heap in use: if it climbs, a lagging probe is its own doing. */
  probeHeapMiB: number
}

export interface SoakResult {
  params: SoakParams
  minutes: SoakMinute[]
  /** Edits whose final value some client (or a fresh one) does not hold at the end. */
  lost: number
  /** Heap after a full GC, last minute against the end of warm-up (the first fifth of the run, at least 1 min). */
  heapGrowthRatio: number
  heapSlopeMiBPerMinute: number
  problems: string[]
}

/** Least-squares slope of y over x. */
function slope(points: [number, number][]): number {
  const n = points.length
  if (n < 2) return 0
  const mx = points.reduce((s, [x]) => s + x, 0) / n
  const my = points.reduce((s, [, y]) => s + y, 0) / n
  const num = points.reduce((s, [x, y]) => s + (x - mx) * (y - my), 0)
  const den = points.reduce((s, [x]) => s + (x - mx) ** 2, 0)
  return den === 0 ? 0 : num / den
}

/** A probe process, driven over IPC; `next(kind)` waits for its next message of that kind. */
interface Probe {
  child: ChildProcess
  send(message: ToProbe): void
  next<K extends FromProbe['kind']>(kind: K): Promise<Extract<FromProbe, { kind: K }>>
}

function spawnProbe(): Probe {
  const child = fork(fileURLToPath(new URL('./soakProbe.ts', import.meta.url)), [], { stdio: 'inherit' })
  const waiting = new Map<string, { resolve: (message: FromProbe) => void; reject: (error: Error) => void }[]>()
  child.on('message', (message: FromProbe) => waiting.get(message.kind)?.shift()?.resolve(message))
  child.on('exit', (code) => {
    for (const [kind, queue] of waiting)
      for (const { reject } of queue.splice(0)) reject(new Error(`soak probe exited (${code}) before sending ${kind}`))
  })
  return {
    child,
    send: (message) => child.send(message),
    next: (kind) =>
      new Promise((resolve, reject) => {
        const queue = waiting.get(kind) ?? []
        queue.push({ resolve: resolve as (message: FromProbe) => void, reject })
        waiting.set(kind, queue)
      }),
  }
}

/**
 * A long plenary: `clients` stock y-websocket clients on one board, each moving its own note and its cursor on a
 * timer, for `minutes`, held by `probes` processes between them. Every minute: the server's RSS and its heap after
 * a full GC (through the inspector), and each probe's event-loop lag. At the end every client, and a fresh one,
 * must hold every note's last position: nothing lost.
 */
export async function measureSoak(params: SoakParams): Promise<SoakResult> {
  const dataDir = makeTempDir('cg-bench-soak-')
  const server = await startOurServer(dataDir, [INSPECT_ARG])
  const pid = server.child.pid!
  const problems: string[] = []
  const minutes: SoakMinute[] = []
  const probes: Probe[] = []
  try {
    const board = await createBoard(server.url, 'soak')
    const share = Math.ceil(params.clients / params.probes)
    for (let first = 0; first < params.clients; first += share) {
      const probe = spawnProbe()
      probes.push(probe)
      const setup = {
        url: server.url,
        room: board.id,
        token: board.tokens.editor,
        first,
        count: Math.min(share, params.clients - first),
        editSeconds: params.editSeconds,
        cursorSeconds: params.cursorSeconds,
      }
      probe.send({ kind: 'setup', setup })
      // One probe at a time: 500 joins at once would measure a stampede, not a plenary.
      await probe.next('ready')
    }
    const startedAt = Date.now()
    for (const probe of probes) probe.send({ kind: 'start' })
    for (let minute = 1; minute <= params.minutes; minute++) {
      await new Promise((resolve) => setTimeout(resolve, startedAt + minute * 60_000 - Date.now()))
      const replies = await Promise.all(
        probes.map((probe) => {
          const reply = probe.next('sample')
          probe.send({ kind: 'sample' })
          return reply
        }),
      )
      const sample: SoakMinute = {
        minute,
        rssMiB: rssMiB(pid),
        heapMiB: await heapAfterGcMiB(server),
        edits: replies.reduce((sum, reply) => sum + reply.edits, 0),
        connected: replies.reduce((sum, reply) => sum + reply.connected, 0),
        probeLagMs: Math.max(...replies.map((reply) => reply.lagMs)),
        probeHeapMiB: Math.max(...replies.map((reply) => reply.heapMiB)),
      }
      minutes.push(sample)
      console.log(
        `  soak minute ${minute}: RSS ${sample.rssMiB.toFixed(0)} MiB, heap after GC ${sample.heapMiB.toFixed(1)} MiB, ` +
          `${sample.edits} edits, ${sample.connected}/${params.clients} connected, probe lag ${sample.probeLagMs.toFixed(0)} ms, ` +
          `probe heap ${sample.probeHeapMiB.toFixed(0)} MiB`,
      )
    }
    const stopped = await Promise.all(
      probes.map((probe) => {
        const reply = probe.next('stopped')
        probe.send({ kind: 'stop' })
        return reply
      }),
    )
    const overloaded = minutes.filter((m) => m.probeLagMs > 5_000).length
    if (overloaded > 0)
      problems.push(`a probe itself was held up over 5 s in ${overloaded} minute(s): lower the rates or add probes`)
    const disconnects = stopped.reduce((sum, reply) => sum + reply.disconnects, 0)
    if (disconnects > 0) problems.push(`${disconnects} client disconnects during the soak`)

    // Nothing lost: everyone, and a newcomer, ends with every note where its owner last put it.
    const lastX = stopped.flatMap((reply) => reply.lastX)
    const checked = await Promise.all(
      probes.map((probe) => {
        const reply = probe.next('checked')
        probe.send({ kind: 'check', lastX, timeoutMs: 60_000 })
        return reply
      }),
    )
    const inClients = checked.reduce((sum, reply) => sum + reply.missing, 0)
    if (inClients > 0) problems.push('some clients did not converge within 60 s')
    const fresh = await connectSyncedClient(server.url, board.id, board.tokens.viewer)
    const records = getRecordsKeyValue(fresh.doc)
    const inFresh = lastX.filter(([id, x]) => (records.get(id) as { x?: number } | undefined)?.x !== x).length
    fresh.destroy()

    const warmUp = Math.max(1, Math.round(params.minutes / 5))
    const steady = minutes.filter((m) => m.minute >= warmUp)
    const heapAtWarmUp = steady[0]?.heapMiB ?? NaN
    return {
      params,
      minutes,
      lost: inClients + inFresh,
      heapGrowthRatio: (minutes.at(-1)?.heapMiB ?? NaN) / heapAtWarmUp,
      heapSlopeMiBPerMinute: slope(steady.map((m) => [m.minute, m.heapMiB])),
      problems,
    }
  } finally {
    for (const probe of probes) if (probe.child.exitCode === null) probe.child.kill()
    await stop(server)
    removeTempDir(dataDir)
  }
}
