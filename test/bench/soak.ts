import { monitorEventLoopDelay } from 'node:perf_hooks'
import { getRecordsKeyValue } from '@cg/tldraw-yjs/layout'
import { createBoard } from '../support/boards.ts'
import { heapAfterGcMiB, INSPECT_ARG } from '../support/inspector.ts'
import { noteRecord } from '../support/records.ts'
import { rssMiB } from '../support/serverProcess.ts'
import { makeTempDir, removeTempDir } from '../support/tempDir.ts'
import { waitUntil } from '../support/waitUntil.ts'
import { connectClient, connectSyncedClient, type YClient } from '../support/yClient.ts'
import { startOurServer, stop } from './servers.ts'

export interface SoakParams {
  clients: number
  minutes: number
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
  /** The longest the probe's own event loop was held up this minute: above seconds, the probe, not the server, is the limit. */
  probeLagMs: number
  /** The probe's own heap in use: if it climbs, a lagging probe is its own doing. */
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

/**
 * A long plenary: `clients` stock y-websocket clients on one board, each moving its own note and its cursor on a
 * timer, for `minutes`. Every minute: the server's RSS and its heap after a full GC (through the inspector). At the
 * end every client, and a fresh one, must hold every note's last position: nothing lost.
 */
export async function measureSoak(params: SoakParams): Promise<SoakResult> {
  process.setMaxListeners(params.clients + 20)
  const dataDir = makeTempDir('cg-bench-soak-')
  const server = await startOurServer(dataDir, [INSPECT_ARG])
  const pid = server.child.pid!
  const clients: YClient[] = []
  const problems: string[] = []
  const minutes: SoakMinute[] = []
  const timers: NodeJS.Timeout[] = []
  const lastX = new Map<string, number>()
  let edits = 0
  try {
    const board = await createBoard(server.url, 'soak')
    for (let i = 0; i < params.clients; i += 25) {
      // One client in ten takes in everyone's presence, as a browser does; the rest drop it on arrival, so that
      // one probe process can hold them all (the server sends each the same either way).
      const batch = Array.from({ length: Math.min(25, params.clients - i) }, (_, k) =>
        connectClient(server.url, board.id, board.tokens.editor, { receivesPresence: (i + k) % 10 === 0 }),
      )
      clients.push(...batch)
      await Promise.all(batch.map((client) => client.synced({ timeoutMs: 60_000 })))
    }
    const lag = monitorEventLoopDelay({ resolution: 20 })
    lag.enable()
    const startedAt = Date.now()
    for (const [n, client] of clients.entries()) {
      const id = `shape:soak${n}`
      const move = () => {
        const x = Math.round(Math.random() * 10_000)
        getRecordsKeyValue(client.doc).set(id, noteRecord(id, `participant ${n}`, { x, y: n * 10 }))
        lastX.set(id, x)
        edits++
      }
      move()
      // Spread out, as people are.
      const offset = Math.random() * params.editSeconds * 1000
      timers.push(
        setTimeout(() => timers.push(setInterval(move, params.editSeconds * 1000)), offset),
        setTimeout(
          () =>
            timers.push(
              setInterval(
                () => client.provider.awareness.setLocalStateField('cursor', { x: Math.random(), y: Math.random() }),
                params.cursorSeconds * 1000,
              ),
            ),
          Math.random() * params.cursorSeconds * 1000,
        ),
      )
    }
    for (let minute = 1; minute <= params.minutes; minute++) {
      await new Promise((resolve) => setTimeout(resolve, startedAt + minute * 60_000 - Date.now()))
      const sample: SoakMinute = {
        minute,
        rssMiB: rssMiB(pid),
        heapMiB: await heapAfterGcMiB(server),
        edits,
        connected: clients.filter((client) => client.provider.wsconnected).length,
        probeLagMs: lag.max / 1e6,
        probeHeapMiB: process.memoryUsage().heapUsed / 2 ** 20,
      }
      lag.reset()
      minutes.push(sample)
      console.log(
        `  soak minute ${minute}: RSS ${sample.rssMiB.toFixed(0)} MiB, heap after GC ${sample.heapMiB.toFixed(1)} MiB, ` +
          `${sample.edits} edits, ${sample.connected}/${params.clients} connected, probe lag ${sample.probeLagMs.toFixed(0)} ms, probe heap ${sample.probeHeapMiB.toFixed(0)} MiB`,
      )
    }
    for (const timer of timers) clearInterval(timer)
    lag.disable()
    const overloaded = minutes.filter((m) => m.probeLagMs > 5_000).length
    if (overloaded > 0)
      problems.push(`the probe itself was held up over 5 s in ${overloaded} minute(s): lower the rates`)

    // Nothing lost: everyone, and a newcomer, ends with every note where its owner last put it.
    const holdsAll = (client: YClient) => {
      const records = getRecordsKeyValue(client.doc)
      let missing = 0
      for (const [id, x] of lastX) if ((records.get(id) as { x?: number } | undefined)?.x !== x) missing++
      return missing
    }
    await waitUntil('every client holds every last edit', () => clients.every((client) => holdsAll(client) === 0), {
      timeoutMs: 60_000,
    }).catch(() => problems.push('some clients did not converge within 60 s'))
    const fresh = await connectSyncedClient(server.url, board.id, board.tokens.viewer)
    const lost = holdsAll(fresh) + clients.reduce((sum, client) => sum + holdsAll(client), 0)
    fresh.destroy()
    const disconnects = clients.reduce((sum, client) => sum + client.disconnects, 0)
    if (disconnects > 0) problems.push(`${disconnects} client disconnects during the soak`)

    const warmUp = Math.max(1, Math.round(params.minutes / 5))
    const steady = minutes.filter((m) => m.minute >= warmUp)
    const heapAtWarmUp = steady[0]?.heapMiB ?? NaN
    return {
      params,
      minutes,
      lost,
      heapGrowthRatio: (minutes.at(-1)?.heapMiB ?? NaN) / heapAtWarmUp,
      heapSlopeMiBPerMinute: slope(steady.map((m) => [m.minute, m.heapMiB])),
      problems,
    }
  } finally {
    for (const timer of timers) clearInterval(timer)
    for (const client of clients) client.destroy()
    await stop(server)
    removeTempDir(dataDir)
  }
}
