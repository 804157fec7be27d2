import { monitorEventLoopDelay } from 'node:perf_hooks'
import type * as Y from 'yjs'
import { getRecordsKeyValue, RECORDS_ARRAY_NAME } from '@cg/tldraw-yjs/layout'
import { noteRecord } from '../support/records.ts'
import { waitUntil } from '../support/waitUntil.ts'
import { connectClient, type YClient } from '../support/yClient.ts'

/**
 * One probe process of the soak: a share of the clients, run by the parent over IPC. Several such processes hold
 * the 500 clients between them, so no single event loop (or heap: each client holds the whole board) decides
 * whether the server looks slow.
 */

export interface ProbeSetup {
  url: string
  room: string
  token: string
  /** Clients `first` .. `first + count - 1` of the soak: client n moves note `shape:soak<n>`. */
  first: number
  count: number
  editSeconds: number
  cursorSeconds: number
}

export type ToProbe =
  | { kind: 'setup'; setup: ProbeSetup }
  | { kind: 'start' }
  | { kind: 'sample' }
  | { kind: 'stop' }
  | { kind: 'check'; lastX: [string, number][]; timeoutMs: number }

export type FromProbe =
  | { kind: 'ready' }
  | { kind: 'sample'; edits: number; connected: number; lagMs: number; heapMiB: number }
  | { kind: 'stopped'; lastX: [string, number][]; disconnects: number }
  | { kind: 'checked'; missing: number }

const clients: YClient[] = []
const timers: NodeJS.Timeout[] = []
const lastX = new Map<string, number>()
const lag = monitorEventLoopDelay({ resolution: 20 })
let edits = 0
let setup: ProbeSetup

const send = (message: FromProbe) => process.send!(message)

/** How many of the expected last positions `client` does not hold (read straight from its records array). */
function missingIn(client: YClient, expected: Map<string, number>): number {
  const held = new Map<string, unknown>()
  for (const entry of client.doc.getArray<{ key: string; val: unknown }>(RECORDS_ARRAY_NAME).toArray())
    held.set(entry.key, entry.val)
  let missing = 0
  for (const [id, x] of expected) if ((held.get(id) as { x?: number } | undefined)?.x !== x) missing++
  return missing
}

async function connectAll(): Promise<void> {
  process.setMaxListeners(setup.count + 20)
  for (let i = 0; i < setup.count; i += 25) {
    // One client in ten is a full client; the rest drop others' presence on arrival and keep no records observer
    // (the server sends each the same either way, and each still holds the whole board).
    const batch = Array.from({ length: Math.min(25, setup.count - i) }, (_, k) =>
      connectClient(setup.url, setup.room, setup.token, { receivesPresence: isFull(setup.first + i + k) }),
    )
    clients.push(...batch)
    await Promise.all(batch.map((client) => client.synced({ timeoutMs: 60_000 })))
  }
}

/** Whether client `n` is a full client, as a browser is: everyone's presence, and the records' observer. */
const isFull = (n: number) => n % 10 === 0

/**
 * The write YKeyValue makes for `set` (the old entry deleted, the new one appended, one transaction), without
 * YKeyValue's observer: that observer walks the whole records array, deleted entries included, on every update
 * that arrives, which in 450 clients of one process grows with the board's history until the probe falls behind.
 */
function setWithoutObserver(doc: Y.Doc, key: string, val: unknown): void {
  const yarray = doc.getArray<{ key: string; val: unknown }>(RECORDS_ARRAY_NAME)
  doc.transact(() => {
    const index = yarray.toArray().findIndex((entry) => entry.key === key)
    if (index >= 0) yarray.delete(index, 1)
    yarray.push([{ key, val }])
  })
}

function start(): void {
  lag.enable()
  for (const [k, client] of clients.entries()) {
    const n = setup.first + k
    const id = `shape:soak${n}`
    const move = () => {
      const x = Math.round(Math.random() * 10_000)
      const record = noteRecord(id, `participant ${n}`, { x, y: n * 10 })
      if (isFull(n)) getRecordsKeyValue(client.doc).set(id, record)
      else setWithoutObserver(client.doc, id, record)
      lastX.set(id, x)
      edits++
    }
    move()
    // Spread out, as people are.
    timers.push(
      setTimeout(
        () => timers.push(setInterval(move, setup.editSeconds * 1000)),
        Math.random() * setup.editSeconds * 1000,
      ),
      setTimeout(
        () =>
          timers.push(
            setInterval(
              () => client.provider.awareness.setLocalStateField('cursor', { x: Math.random(), y: Math.random() }),
              setup.cursorSeconds * 1000,
            ),
          ),
        Math.random() * setup.cursorSeconds * 1000,
      ),
    )
  }
}

process.on('message', (message: ToProbe) => {
  switch (message.kind) {
    case 'setup':
      setup = message.setup
      void connectAll().then(() => send({ kind: 'ready' }))
      break
    case 'start':
      start()
      break
    case 'sample':
      send({
        kind: 'sample',
        edits,
        connected: clients.filter((client) => client.provider.wsconnected).length,
        lagMs: lag.max / 1e6,
        heapMiB: process.memoryUsage().heapUsed / 2 ** 20,
      })
      lag.reset()
      break
    case 'stop':
      for (const timer of timers) clearInterval(timer)
      send({
        kind: 'stopped',
        lastX: [...lastX],
        disconnects: clients.reduce((sum, client) => sum + client.disconnects, 0),
      })
      break
    case 'check': {
      const expected = new Map(message.lastX)
      const total = () => clients.reduce((sum, client) => sum + missingIn(client, expected), 0)
      void waitUntil('every client holds every last edit', () => total() === 0, { timeoutMs: message.timeoutMs })
        .catch(() => undefined)
        .then(() => {
          send({ kind: 'checked', missing: total() })
          for (const client of clients) client.destroy()
          process.disconnect()
        })
      break
    }
  }
})
