import WebSocket from 'ws'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { createTestDatabase, postgresSkipReason, type TestDatabase } from '@cg/storage/testing'
import { roomName } from '@cg/contract'
import { getRecordsKeyValue } from '@cg/tldraw-yjs'
import { bearer, createBoard, wsBase, type CreatedBoard } from '../support/boards.ts'
import { noteRecord } from '../support/records.ts'
import { startCountingProxy } from '../support/countingProxy.ts'
import { connectRawWebSocket } from '../support/rawSockets.ts'
import { redisSkipReason, startTestRedis, type TestRedis } from '../support/redisServer.ts'
import { spawnServer, type ServerProcess } from '../support/serverProcess.ts'
import { makeTempDir, removeTempDir } from '../support/tempDir.ts'
import { waitUntil } from '../support/waitUntil.ts'
import { connectClient, connectSyncedClient, type YClient } from '../support/yClient.ts'

const skip = (await postgresSkipReason()) ?? redisSkipReason()

const METRICS_TOKEN = 'several-processes-metrics-token'

/** How many updates a process applied that others stored, by how they came (`bus` or `storage`). */
async function heardFromOthers(server: ServerProcess, via: 'bus' | 'storage'): Promise<number> {
  const text = await (await fetch(`${server.url}/metrics`, { headers: bearer(METRICS_TOKEN) })).text()
  const line = text.split('\n').find((l) => l.startsWith(`cg_updates_from_other_processes_total{via="${via}"} `))
  return line ? Number(line.split(' ')[1]) : 0
}

const noteIds = (doc: Y.Doc) => new Set([...getRecordsKeyValue(doc).map.keys()].filter((id) => id.startsWith('shape:')))

describe.skipIf(skip)('several server processes on one PostgreSQL and one Redis', () => {
  let database: TestDatabase
  let redis: TestRedis
  const processes: ServerProcess[] = []
  const dataDirs: string[] = []
  const clients: YClient[] = []

  beforeAll(async () => {
    database = await createTestDatabase()
    redis = await startTestRedis()
  })
  afterAll(async () => {
    for (const client of clients.splice(0)) client.destroy()
    for (const server of processes.splice(0)) await server.stop()
    for (const dir of dataDirs.splice(0)) removeTempDir(dir)
    await redis?.stop()
    await database?.drop()
  })

  /** One more `npm start` on the shared database and Redis, with a data dir of its own (left empty). */
  async function startProcess(env: Record<string, string> = {}): Promise<ServerProcess> {
    const dataDir = makeTempDir('cg-int-multi-')
    dataDirs.push(dataDir)
    const server = await spawnServer({
      DATA_DIR: dataDir,
      DATABASE_URL: database.url,
      REDIS_URL: redis.url,
      METRICS_TOKEN,
      ...env,
    })
    processes.push(server)
    return server
  }

  async function join(server: ServerProcess, board: CreatedBoard): Promise<YClient> {
    const client = await connectSyncedClient(server.url, board.id, board.tokens.editor)
    clients.push(client)
    return client
  }

  it('serves a board made on one process from every other; edits and presence cross between them', async () => {
    const [a, b, c] = await Promise.all([startProcess(), startProcess(), startProcess()])
    const board = await createBoard(a!.url, 'Country offices plenary')
    for (const server of [b!, c!]) {
      const response = await fetch(`${server.url}/api/boards/${board.id}`, { headers: bearer(board.tokens.editor) })
      expect(response.status).toBe(200)
    }
    const people = await Promise.all([a!, b!, c!].map((server) => join(server, board)))
    people.forEach((person, p) =>
      person.doc.transact(() => {
        for (let n = 0; n < 20; n++) {
          getRecordsKeyValue(person.doc).set(`shape:p${p}n${n}`, noteRecord(`shape:p${p}n${n}`, `Note ${p}.${n}`))
        }
      }),
    )
    await waitUntil('everyone on every process holds all 60 notes', () =>
      people.every((person) => noteIds(person.doc).size === 60),
    )
    // They came through Redis, not only by each process looking in the database now and then.
    for (const server of [a!, b!, c!]) expect(await heardFromOthers(server, 'bus')).toBeGreaterThan(0)

    people[0]!.provider.awareness.setLocalStateField('user', { name: 'Amina' })
    const seesAmina = (person: YClient) =>
      [...person.provider.awareness.getStates().values()].some(
        (state) => (state as { user?: { name?: string } }).user?.name === 'Amina',
      )
    await waitUntil('people on the other processes see Amina', () => seesAmina(people[1]!) && seesAmina(people[2]!))
  })

  it('closes, on every process, the connections that used links just replaced on one of them', async () => {
    const [a, b] = await Promise.all([startProcess(), startProcess()])
    const board = await createBoard(a!.url, 'Rotation')
    const viewer = connectRawWebSocket(b!.url, board.id, board.tokens.viewer)
    await viewer.opened
    const rotated = await fetch(`${a!.url}/api/boards/${board.id}/links/rotate`, {
      method: 'POST',
      headers: { ...bearer(board.tokens.facilitator), 'content-type': 'application/json' },
      body: JSON.stringify({ facilitator: false }),
    })
    expect(rotated.status).toBe(200)
    expect(await viewer.closed).toEqual({ code: 4401, reason: 'link-rotated' })
    // And the old link opens nothing on any process now.
    expect((await connectRawWebSocket(b!.url, board.id, board.tokens.viewer).closed).code).toBe(4401)
  })

  it('closes the connections that used links replaced while Redis was away, once it is back', async () => {
    const [a, b] = await Promise.all([startProcess(), startProcess()])
    const board = await createBoard(a!.url, 'Rotation without Redis')
    const viewer = connectRawWebSocket(b!.url, board.id, board.tokens.viewer)
    const facilitator = connectRawWebSocket(b!.url, board.id, board.tokens.facilitator)
    await Promise.all([viewer.opened, facilitator.opened])
    let facilitatorClosed = false
    void facilitator.closed.then(() => (facilitatorClosed = true))
    await redis.stop()
    const rotated = await fetch(`${a!.url}/api/boards/${board.id}/links/rotate`, {
      method: 'POST',
      headers: { ...bearer(board.tokens.facilitator), 'content-type': 'application/json' },
      body: JSON.stringify({ facilitator: false }),
    })
    expect(rotated.status).toBe(200)
    // The old viewer link already opens nothing anywhere: every process checks links in the database.
    expect((await connectRawWebSocket(b!.url, board.id, board.tokens.viewer).closed).code).toBe(4401)
    await redis.start()
    // Back: the connection B let in with the old link is closed; the facilitator's link was kept, and so is it.
    expect(await viewer.closed).toEqual({ code: 4401, reason: 'link-rotated' })
    await new Promise((resolve) => setTimeout(resolve, 500))
    expect(facilitatorClosed).toBe(false)
    facilitator.socket.close()
  })

  it('counts an address’s new boards across every process, so the limit does not grow with the processes', async () => {
    // Behind a proxy that names the client: an address of this test's own (the other tests share the counters).
    const limited = { NEW_BOARDS_PER_10_MINUTES: '3', TRUST_PROXY: 'loopback' }
    const [a, b] = await Promise.all([startProcess(limited), startProcess(limited)])
    const create = (server: ServerProcess) =>
      fetch(`${server.url}/api/boards`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': '198.51.100.23' },
        body: JSON.stringify({ title: 'Limited' }),
      })
    expect((await create(a!)).status).toBe(201)
    expect((await create(b!)).status).toBe(201)
    expect((await create(a!)).status).toBe(201)
    expect((await create(b!)).status).toBe(429)
    expect((await create(a!)).status).toBe(429)
  })

  it('keeps one readable history when two processes take versions of the same board at once', async () => {
    const [a, b] = await Promise.all([startProcess(), startProcess()])
    const board = await createBoard(a!.url, 'History')
    const [onA, onB] = await Promise.all([join(a!, board), join(b!, board)])
    const save = (server: ServerProcess, name: string) =>
      fetch(`${server.url}/api/boards/${board.id}/versions`, {
        method: 'POST',
        headers: { ...bearer(board.tokens.facilitator), 'content-type': 'application/json' },
        body: JSON.stringify({ name }),
      })
    for (let round = 0; round < 6; round++) {
      // Each round both boards change and both processes save at the same moment: each version is a difference
      // from the one before it, whichever process wrote that one.
      for (const [who, person] of [
        ['a', onA!],
        ['b', onB!],
      ] as const) {
        const id = `shape:${who}${round}`
        getRecordsKeyValue(person.doc).set(id, noteRecord(id, `Round ${round} by ${who}`))
      }
      await waitUntil('both processes hold both notes', () =>
        [onA!, onB!].every((person) => noteIds(person.doc).size === 2 * (round + 1)),
      )
      const saved = await Promise.all([save(a!, `A ${round}`), save(b!, `B ${round}`)])
      expect(saved.map((response) => response.status)).toEqual([201, 201])
    }
    const listed = (await (
      await fetch(`${b!.url}/api/boards/${board.id}/versions`, { headers: bearer(board.tokens.facilitator) })
    ).json()) as { versions: { id: string; name: string | null }[] }
    expect(listed.versions.filter((version) => version.name)).toHaveLength(12)
    for (const version of listed.versions) {
      const read = await fetch(`${a!.url}/api/boards/${board.id}/versions/${version.id}`, {
        headers: bearer(board.tokens.facilitator),
      })
      expect(read.status, `version ${version.name ?? version.id}`).toBe(200)
    }
  })

  it('reveals each private note once when two facilitators press reveal at the same moment on two processes', async () => {
    const [a, b] = await Promise.all([startProcess(), startProcess()])
    const board = await createBoard(a!.url, 'Private brainstorm')
    // Two participants' drafts, each in their own private room, one on each process.
    for (const [server, key] of [
      [a!, 'aaaaaaaaaaaaaaaaaaaaaa'],
      [b!, 'bbbbbbbbbbbbbbbbbbbbbb'],
    ] as const) {
      const room = roomName({ channel: 'private', boardId: board.id, key })
      const author = await connectSyncedClient(server.url, room, board.tokens.editor)
      clients.push(author)
      author.doc.transact(() => {
        for (let n = 0; n < 5; n++) {
          const id = `shape:${key[0]}${n}`
          getRecordsKeyValue(author.doc).set(id, noteRecord(id, `Draft ${n}`, { meta: { private: true } }))
        }
      })
    }
    const reader = await join(a!, board)
    const reveal = (server: ServerProcess) =>
      fetch(`${server.url}/api/boards/${board.id}/private/reveal`, {
        method: 'POST',
        headers: { ...bearer(board.tokens.facilitator), 'content-type': 'application/json' },
        body: JSON.stringify({ anonymous: true }),
      }).then(async (response) => ((await response.json()) as { revealed: number }).revealed)
    // Both drafts are stored: a fresh client of each private room, on the other process, holds its five notes.
    for (const [server, key] of [
      [b!, 'aaaaaaaaaaaaaaaaaaaaaa'],
      [a!, 'bbbbbbbbbbbbbbbbbbbbbb'],
    ] as const) {
      const room = roomName({ channel: 'private', boardId: board.id, key })
      await waitUntil(`the drafts of ${key[0]} are stored`, async () => {
        const checker = await connectSyncedClient(server.url, room, board.tokens.editor)
        const stored = noteIds(checker.doc).size
        checker.destroy()
        return stored === 5
      })
    }
    const counts = await Promise.all([reveal(a!), reveal(b!)])
    expect(counts.reduce((sum, n) => sum + n, 0)).toBe(10)
    await waitUntil('the board shows the ten notes', () => noteIds(reader.doc).size === 10)
    await new Promise((resolve) => setTimeout(resolve, 500))
    expect(noteIds(reader.doc).size).toBe(10)
  })

  it('loses no update when a process is killed mid-stream or Redis restarts; a fresh process serves it all', async () => {
    const [a, b, c] = await Promise.all([startProcess(), startProcess(), startProcess()])
    const board = await createBoard(a!.url, 'Resilience')
    const writers = await Promise.all([a!, b!, c!].map((server) => join(server, board)))
    const written = new Set<string>()
    let writing = true
    const writeLoops = writers.map(async (writer, w) => {
      for (let n = 0; writing; n++) {
        const id = `shape:w${w}n${n}`
        getRecordsKeyValue(writer.doc).set(id, noteRecord(id, `Writer ${w}, note ${n}`))
        written.add(id)
        await new Promise((resolve) => setTimeout(resolve, 20))
      }
    })

    await new Promise((resolve) => setTimeout(resolve, 800))
    // Process B dies without a word; its writer's browser goes on with another process, with the same doc.
    await b!.stop('SIGKILL')
    const moved = writers[1]!
    moved.provider.destroy()
    const provider = new WebsocketProvider(wsBase(a!.url), board.id, moved.doc, {
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      disableBc: true,
      params: { token: board.tokens.editor },
    })
    writers[1] = { ...moved, provider, destroy: () => (provider.destroy(), moved.doc.destroy()) }
    clients.push(writers[1])

    await new Promise((resolve) => setTimeout(resolve, 800))
    // Redis goes away and comes back: the processes keep storing, and hear each other through storage meanwhile.
    await redis.stop()
    await new Promise((resolve) => setTimeout(resolve, 800))
    await redis.start()
    await new Promise((resolve) => setTimeout(resolve, 800))
    writing = false
    await Promise.all(writeLoops)

    const expected = [...written].sort()
    console.log(`several processes: ${expected.length} notes written by 3 writers across a kill -9 and a Redis restart`)
    await waitUntil(
      'every writer holds every note',
      () => writers.every((writer) => noteIds(writer.doc).size === expected.length),
      { timeoutMs: 30_000, intervalMs: 100 },
    )
    // A process started now, with nothing on its own disk, serves the whole board from the database.
    const fresh = await startProcess()
    const reader = await join(fresh, board)
    expect([...noteIds(reader.doc)].sort()).toEqual(expected)
    // And a stock client that only ever talked to C agrees.
    const late = connectClient(c!.url, board.id, board.tokens.viewer)
    clients.push(late)
    await late.synced()
    expect(noteIds(late.doc).size).toBe(expected.length)
  })

  it('acknowledges nothing while PostgreSQL is unreachable, and stores what the client kept once it is back', async () => {
    // The database behind a proxy the test can cut, as a network fault or a database restart would.
    const link = await startCountingProxy(`http://${new URL(database.url).host}`)
    const throughLink = new URL(database.url)
    throughLink.host = new URL(link.url).host
    const dataDir = makeTempDir('cg-int-multi-')
    dataDirs.push(dataDir)
    const server = await spawnServer({ DATA_DIR: dataDir, DATABASE_URL: throughLink.toString(), REDIS_URL: redis.url })
    processes.push(server)
    try {
      const board = await createBoard(server.url, 'Database outage')
      const person = await join(server, board)
      getRecordsKeyValue(person.doc).set('shape:before', noteRecord('shape:before', 'Before the outage'))
      await waitUntil('the first note is stored', async () =>
        noteIds((await join(server, board)).doc).has('shape:before'),
      )

      link.setBlocked(true)
      const closes: number[] = []
      person.provider.on('connection-close', (event: CloseEvent | null) => closes.push(event?.code ?? 0))
      getRecordsKeyValue(person.doc).set('shape:during', noteRecord('shape:during', 'Written during the outage'))
      await waitUntil('the server refuses to acknowledge it (1011)', () => closes.includes(1011))
      await new Promise((resolve) => setTimeout(resolve, 1_000))
      link.setBlocked(false)

      // Another process (straight to the database) sees the note once the first one could store it.
      const other = await startProcess()
      await waitUntil(
        'the note written during the outage reaches the database',
        async () => {
          const reader = await join(other, board)
          return noteIds(reader.doc).has('shape:during')
        },
        { timeoutMs: 30_000, intervalMs: 500 },
      )
      expect(noteIds(person.doc)).toEqual(new Set(['shape:before', 'shape:during']))
      // The process lived through the outage (a dropped database connection once crashed it) and serves both notes.
      expect(server.child.exitCode).toBeNull()
      expect(noteIds((await join(server, board)).doc)).toEqual(new Set(['shape:before', 'shape:during']))
    } finally {
      await link.close()
    }
  })
})
