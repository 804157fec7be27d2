import { setTimeout as delay } from 'node:timers/promises'
import { connectClient, type YClient } from '../support/yClient.ts'

/**
 * One probe process of the fan-out-across-processes bench, run by the parent over IPC (as the soak's probes are):
 * clients i ≡ index (mod probes) of one room, client i on server urls[i % urls.length], so the clients are spread
 * round-robin over the server processes and, with several probes, no single probe event loop sets the latency.
 * Clients below `writers` write `probe[key] = send time`; every client records receive − send time of the writes
 * of others (as ../shared/bench/fanout.mjs does).
 */

export interface ProcessesProbeSetup {
  /** The server processes' HTTP URLs. */
  urls: string[]
  room: string
  token: string
  clients: number
  writers: number
  edits: number
  intervalMs: number
  probes: number
  index: number
}

export type ToProcessesProbe = { kind: 'setup'; setup: ProcessesProbeSetup } | { kind: 'go' }

export type FromProcessesProbe =
  | { kind: 'ready' }
  /** `latencies` in ms, sorted. */
  | { kind: 'result'; latencies: number[]; received: number; expected: number }

/** How long to wait, after the last write, for the rest to arrive. */
const STRAGGLERS_MS = 30_000

/** Resolves once the message is handed over: a large result must not be cut off by the disconnect after it. */
const send = (message: FromProcessesProbe) =>
  new Promise<void>((resolve) => process.send!(message, undefined, {}, () => resolve()))
const now = () => performance.now() + performance.timeOrigin

let setup: ProcessesProbeSetup
const mine: { n: number; client: YClient }[] = []
const latencies: number[] = []

async function connectAll(): Promise<void> {
  const ids: number[] = []
  for (let n = setup.index; n < setup.clients; n += setup.probes) ids.push(n)
  process.setMaxListeners(ids.length + 20)
  // In batches, as the soak does: a thousand joins at once would measure a stampede, not fan-out.
  for (let i = 0; i < ids.length; i += 25) {
    const batch = ids.slice(i, i + 25).map((n) => {
      // No presence from others: decoding everyone's presence in every client would load the probe, not the
      // server (which sends it either way).
      const client = connectClient(setup.urls[n % setup.urls.length]!, setup.room, setup.token, {
        receivesPresence: false,
      })
      const map = client.doc.getMap<number>('probe')
      map.observe((event) => {
        if (event.transaction.local) return
        const at = now()
        for (const key of event.keysChanged) {
          const sent = map.get(key)
          if (typeof sent === 'number') latencies.push(at - sent)
        }
      })
      return { n, client }
    })
    mine.push(...batch)
    await Promise.all(batch.map(({ client }) => client.synced({ timeoutMs: 60_000 })))
  }
}

async function go(): Promise<void> {
  const { writers, edits, intervalMs } = setup
  const expected = mine.reduce((sum, { n }) => sum + writers * edits - (n < writers ? edits : 0), 0)
  await Promise.all(
    mine
      .filter(({ n }) => n < writers)
      .map(async ({ n, client }) => {
        const map = client.doc.getMap<number>('probe')
        for (let e = 0; e < edits; e++) {
          map.set(`w${n}-${e}`, now())
          await delay(intervalMs)
        }
      }),
  )
  const deadline = Date.now() + STRAGGLERS_MS
  while (latencies.length < expected && Date.now() < deadline) await delay(20)
  latencies.sort((a, b) => a - b)
  await send({
    kind: 'result',
    // Rounded to µs: a shorter message, no loss that matters.
    latencies: latencies.map((l) => Math.round(l * 1000) / 1000),
    received: latencies.length,
    expected,
  })
  for (const { client } of mine) client.destroy()
  process.disconnect()
}

process.on('message', (message: ToProcessesProbe) => {
  if (message.kind === 'setup') {
    setup = message.setup
    connectAll().then(
      () => void send({ kind: 'ready' }),
      (error: Error) => {
        console.error(`processes probe ${setup.index}: ${error.message}`)
        process.exit(1)
      },
    )
  } else void go()
})
