import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import * as Y from 'yjs'
import { getRecordsKeyValue } from '@cg/tldraw-yjs'
import { createBoard, wsBase, type CreatedBoard } from '../support/boards.ts'
import { createFrameFuzzer } from '../support/frameFuzzer.ts'
import { createRandom } from '../support/prng.ts'
import { noteRecord } from '../support/records.ts'
import { heapAfterGcMiB, INSPECT_ARG } from '../support/inspector.ts'
import { rssMiB, spawnServer, type ServerProcess } from '../support/serverProcess.ts'
import { makeTempDir, removeTempDir } from '../support/tempDir.ts'
import { waitUntil } from '../support/waitUntil.ts'
import { connectSyncedClient, type YClient } from '../support/yClient.ts'

/** Repeatable: FUZZ_SEED replays a run; FUZZ_FRAMES sets its length. */
const SEED = Number(process.env.FUZZ_SEED ?? 20261201)
const FRAMES = Number(process.env.FUZZ_FRAMES ?? 200_000)
/** The frames come in rounds, memory read after each: a leak shows as growth from round to round. */
const ROUNDS = 4
const CONNECTIONS = 24
/** Frames sent at once on a fresh connection: those after one the server refuses must be ignored. */
const BURST = 25
const TIME_BUDGET_MS = 120_000

let server: ServerProcess
let dataDir: string
const clients: YClient[] = []

beforeAll(async () => {
  dataDir = makeTempDir('cg-fuzz-')
  server = await spawnServer({ DATA_DIR: dataDir, ROOM_UNLOAD_GRACE_MS: '200' }, { nodeArgs: [INSPECT_ARG] })
})
afterAll(async () => {
  for (const client of clients.splice(0)) client.destroy()
  await server?.stop()
  removeTempDir(dataDir)
})

/** A board's records, in id order: two docs with the same records give the same text. */
const recordsJson = (doc: Y.Doc) =>
  JSON.stringify([...getRecordsKeyValue(doc).map].sort(([a], [b]) => a.localeCompare(b)))

/** Two honest people writing notes the whole time; what they wrote is what the board must hold afterwards. */
function writeHonestly(writers: YClient[], until: () => boolean): Promise<number> {
  let written = 0
  return new Promise((resolve) => {
    const timer = setInterval(() => {
      if (until()) {
        clearInterval(timer)
        return resolve(written)
      }
      for (const [n, writer] of writers.entries()) {
        const id = `shape:honest-${n}-${written}`
        getRecordsKeyValue(writer.doc).set(id, noteRecord(id, `honest ${n} ${written} كل طفل`))
      }
      written++
    }, 20)
  })
}

/** One hostile connection: a burst of fuzzed frames, then the next connection, until the frames run out. */
async function attack(
  url: string,
  next: () => ReturnType<ReturnType<typeof createFrameFuzzer>>,
  take: () => boolean,
  closes: Map<number, number>,
): Promise<void> {
  while (take()) {
    const socket = new WebSocket(url)
    socket.on('error', () => {})
    const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)))
    const opened = await Promise.race([
      new Promise<boolean>((resolve) => socket.once('open', () => resolve(true))),
      closed.then(() => false),
    ])
    if (opened) {
      for (let i = 0; i < BURST && (i === 0 || take()); i++) {
        const frame = next()
        socket.send(frame.kind === 'text' ? frame.text : frame.bytes, { binary: frame.kind === 'binary' })
      }
      // Give the server a moment on the connection, then leave if it has not closed it.
      await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, 20))])
      socket.terminate()
    }
    const code = await closed
    closes.set(code, (closes.get(code) ?? 0) + 1)
  }
}

describe('protocol fuzzer', () => {
  it(
    `${FRAMES} seeded hostile frames from ${CONNECTIONS} connections: no crash, no corruption, heap back to baseline`,
    async () => {
      const random = createRandom(SEED)
      const next = createFrameFuzzer(random)
      const honestBoard = await createBoard(server.url, 'Honest board')
      const openBoard = await createBoard(server.url, 'Board the attackers may edit')
      const writers = await Promise.all(
        [0, 1].map(() => connectSyncedClient(server.url, honestBoard.id, honestBoard.tokens.editor)),
      )
      clients.push(...writers)
      const pid = server.child.pid!
      const baseline = rssMiB(pid)
      const heapBaseline = await heapAfterGcMiB(server)

      // Attackers: viewers of the honest board (their writes must be dropped), editors of the other board (their
      // writes may land, if valid), and sockets with no or wrong tokens on rooms that exist or not.
      const targets = (board: CreatedBoard) => [
        `${wsBase(server.url)}/${honestBoard.id}?token=${honestBoard.tokens.viewer}`,
        `${wsBase(server.url)}/${board.id}?token=${board.tokens.editor}`,
        `${wsBase(server.url)}/${board.id}:private:${'A'.repeat(22)}?token=${board.tokens.editor}`,
        `${wsBase(server.url)}/${honestBoard.id}:facilitation?token=${honestBoard.tokens.viewer}`,
        `${wsBase(server.url)}/${honestBoard.id}`,
        `${wsBase(server.url)}/no-such-board?token=${'x'.repeat(43)}`,
      ]
      let sent = 0
      let roundEnd = 0
      const take = () => sent < roundEnd && sent++ < roundEnd
      const closes = new Map<number, number>()
      let peak = baseline
      let slowestHealthMs = 0
      let attacking = true
      const watch = (async () => {
        while (attacking) {
          peak = Math.max(peak, rssMiB(pid))
          const started = performance.now()
          const health = await fetch(`${server.url}/healthz`)
          slowestHealthMs = Math.max(slowestHealthMs, performance.now() - started)
          expect(health.status).toBe(200)
          await new Promise((resolve) => setTimeout(resolve, 100))
        }
      })()
      const started = Date.now()
      const written = writeHonestly(writers, () => !attacking)
      const afterRound: number[] = []
      for (let round = 1; round <= ROUNDS; round++) {
        roundEnd = (FRAMES * round) / ROUNDS
        await Promise.all(
          Array.from({ length: CONNECTIONS }, (_, i) => attack(targets(openBoard)[i % 6]!, next, take, closes)),
        )
        afterRound.push(await heapAfterGcMiB(server))
      }
      const seconds = (Date.now() - started) / 1000
      attacking = false
      await watch
      const notesPerWriter = await written

      expect(server.child.exitCode).toBeNull()
      expect(seconds * 1000).toBeLessThan(TIME_BUDGET_MS)

      // The honest board holds exactly what the honest writers wrote: a fresh client loads the same records.
      // Each writer's last notes may still be on their way to the other when writing stops: wait until both hold
      // every note either wrote (a lost one would time this out), then compare.
      const honestCount = (writer: YClient) =>
        [...getRecordsKeyValue(writer.doc).map.keys()].filter((id) => id.startsWith('shape:honest')).length
      await waitUntil('writers hold every honest note', () =>
        writers.every((writer) => honestCount(writer) === notesPerWriter * 2),
      )
      const expected = recordsJson(writers[0]!.doc)
      expect(recordsJson(writers[1]!.doc)).toBe(expected)
      await waitUntil('stored', async () => {
        const reader = await connectSyncedClient(server.url, honestBoard.id, honestBoard.tokens.viewer)
        const same = recordsJson(reader.doc) === expected
        reader.destroy()
        return same
      })

      // The board attackers could edit still loads, with nothing pending, and is the same after a restart.
      const before = await connectSyncedClient(server.url, openBoard.id, openBoard.tokens.viewer)
      expect(before.doc.store.pendingStructs).toBeNull()
      const stateBefore = Y.encodeStateVector(before.doc)
      before.destroy()

      for (const client of clients.splice(0)) client.destroy()
      await new Promise((resolve) => setTimeout(resolve, 2_000))
      const after = rssMiB(pid)
      const histogram = [...closes]
        .sort(([a], [b]) => a - b)
        .map(([code, n]) => `${code}×${n}`)
        .join(' ')
      console.log(
        `[fuzz] seed ${SEED}: ${FRAMES} frames in ${seconds.toFixed(1)} s (${Math.round(FRAMES / seconds)}/s), ` +
          `closes ${histogram}; honest notes ${notesPerWriter * 2}, all stored; server RSS ${baseline.toFixed(0)} → ` +
          `peak ${peak.toFixed(0)} → ${after.toFixed(0)} MiB; slowest health check ${slowestHealthMs.toFixed(0)} ms`,
      )
      const heapAfter = await heapAfterGcMiB(server)
      console.log(
        `[fuzz] server heap after a full GC: ${heapBaseline.toFixed(1)} MiB before; after each round of ` +
          `${FRAMES / ROUNDS} frames ${afterRound.map((mib) => mib.toFixed(1)).join(', ')}; at the end ${heapAfter.toFixed(1)} MiB`,
      )
      // What the server holds comes back to where it was (the honest board's new notes are a few hundred KB);
      // RSS, printed above, keeps what V8 and malloc once took and is not a measure of what is held.
      expect(Math.max(...afterRound) - heapBaseline).toBeLessThan(16)
      expect(heapAfter - heapBaseline).toBeLessThan(8)

      await server.stop('SIGTERM')
      server = await spawnServer({ DATA_DIR: dataDir })
      const reloaded = await connectSyncedClient(server.url, openBoard.id, openBoard.tokens.viewer)
      clients.push(reloaded)
      expect(Y.encodeStateVector(reloaded.doc)).toEqual(stateBefore)
      expect(reloaded.doc.store.pendingStructs).toBeNull()
    },
    TIME_BUDGET_MS + 60_000,
  )
})
