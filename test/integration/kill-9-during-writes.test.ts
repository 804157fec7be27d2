import { setTimeout as delay } from 'node:timers/promises'
import { afterEach, expect, it } from 'vitest'
import type * as Y from 'yjs'
import { createBoard } from '../support/boards.ts'
import { spawnServer, type ServerProcess } from '../support/serverProcess.ts'
import { makeTempDir, removeTempDir } from '../support/tempDir.ts'
import { connectSyncedClient, type YClient } from '../support/yClient.ts'
import { waitUntil } from '../support/waitUntil.ts'

const WRITERS = 3
/** Kill once this many keys went round the server, so the stream is well under way. */
const RECEIVED_BEFORE_KILL = 600

let dataDir: string | undefined
const processes: ServerProcess[] = []
const clients: YClient[] = []

afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy()
  await Promise.all(processes.splice(0).map((server) => server.stop()))
  removeTempDir(dataDir)
})

async function spawn(): Promise<ServerProcess> {
  const server = await spawnServer({ DATA_DIR: dataDir! })
  processes.push(server)
  return server
}

const entries = (client: YClient): Y.Map<number> => client.doc.getMap('entries')

it('keeps every edit any client received from the server when the server is killed with SIGKILL mid-stream', async () => {
  dataDir = makeTempDir('cg-int-kill9-')
  const first = await spawn()
  const board = await createBoard(first.url, 'Crash test')

  const writers = await Promise.all(
    Array.from({ length: WRITERS }, () => connectSyncedClient(first.url, board.id, board.tokens.editor)),
  )
  clients.push(...writers)

  // Every key a client got from the server. The server forwards an edit only after storing it, so each of
  // these must survive the crash.
  const received = new Set<string>()
  for (const writer of writers) {
    entries(writer).observe((event) => {
      if (event.transaction.local) return
      for (const key of event.keysChanged) received.add(key)
    })
  }

  const written = new Set<string>()
  let killSent = false
  let unconfirmedAtKill = 0
  let writesAfterKill = 0
  let writing = true

  const kill = () => {
    killSent = true
    unconfirmedAtKill = [...written].filter((key) => !received.has(key)).length
    first.child.kill('SIGKILL')
  }

  // Each writer sets a new key every millisecond or so, each its own update, until told to stop.
  const loops = writers.map(async (writer, w) => {
    for (let n = 0; writing; n++) {
      const key = `w${w}-${n}`
      entries(writer).set(key, n)
      written.add(key)
      if (killSent) writesAfterKill++
      else if (received.size >= RECEIVED_BEFORE_KILL) kill()
      await delay(1)
    }
  })

  const exit = await first.exited
  // Writers go on editing offline for a moment, as people do when the connection drops.
  await waitUntil('the writers wrote on after the kill', () => writesAfterKill >= WRITERS * 5)
  writing = false
  await Promise.all(loops)
  expect(exit.signal).toBe('SIGKILL')

  // The kill landed mid-stream: edits were on their way that no peer had seen confirmed yet.
  expect(received.size).toBeGreaterThanOrEqual(RECEIVED_BEFORE_KILL)
  expect(unconfirmedAtKill).toBeGreaterThan(0)

  // Only the server's storage may bring the keys back: the writers leave before the new server starts.
  for (const writer of clients.splice(0)) writer.destroy()
  const mustSurvive = [...received]

  const second = await spawn()
  const fresh = await connectSyncedClient(second.url, board.id, board.tokens.editor)
  clients.push(fresh)
  const missing = mustSurvive.filter((key) => !entries(fresh).has(key))
  expect(missing).toEqual([])
  for (let w = 0; w < WRITERS; w++) expect(mustSurvive.some((key) => key.startsWith(`w${w}-`))).toBe(true)
  // Nothing the server kept is invented: every stored key was written by some client.
  expect([...entries(fresh).keys()].filter((key) => !written.has(key))).toEqual([])

  // And the restarted server serves the board normally.
  const peer = await connectSyncedClient(second.url, board.id, board.tokens.editor)
  clients.push(peer)
  entries(fresh).set('after-restart', 1)
  await waitUntil('a peer sees an edit made after the restart', () => entries(peer).has('after-restart'))
}, 90_000)
