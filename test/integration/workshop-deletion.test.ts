import { randomBytes } from 'node:crypto'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { roomName, type BoardDeletedBody, type DeleteBoardResult } from '@cg/contract'
import { getRecordsKeyValue } from '@cg/tldraw-yjs'
import { bearer, createBoard, type CreatedBoard } from '../support/boards.ts'
import { noisyPng } from '../support/png.ts'
import { connectRawWebSocket, type RawWebSocket } from '../support/rawSockets.ts'
import { noteRecord } from '../support/records.ts'
import { makeTempDir, removeTempDir } from '../support/tempDir.ts'
import { startTestServer, type TestServer } from '../support/testServer.ts'
import { tablesHolding, testStorageKind, type Needle } from '../support/testStorage.ts'
import { waitUntil } from '../support/waitUntil.ts'
import { connectSyncedClient, type YClient } from '../support/yClient.ts'

const DAY_MS = 24 * 3_600_000
const SWEEP_MS = 100
const GONE = { code: 4410, reason: 'board-deleted' }

/** The servers' clock for deletions and the sweep: only this test moves it. */
let clock = Date.now()
let webDist: string
const sockets: RawWebSocket[] = []
const clients: YClient[] = []

beforeAll(() => {
  webDist = makeTempDir('cg-int-deletion-web-')
  writeFileSync(join(webDist, 'index.html'), '<!doctype html><title>Common Ground test shell</title>')
})
afterAll(() => {
  for (const client of clients.splice(0)) client.destroy()
  for (const raw of sockets.splice(0)) raw.socket.terminate()
  removeTempDir(webDist)
})

const startServer = (dataDir?: string) =>
  startTestServer({
    ...(dataDir ? { dataDir } : {}),
    env: { WEB_DIST: webDist, PURGE_SWEEP_MS: String(SWEEP_MS) },
    now: () => clock,
  })

function request(server: TestServer, method: string, path: string, token?: string, body?: unknown) {
  return fetch(`${server.url}${path}`, {
    method,
    headers: { ...(token ? bearer(token) : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })
}

async function expectError(response: Response, status: number, code: string): Promise<BoardDeletedBody> {
  const body = (await response.json()) as BoardDeletedBody
  expect({ status: response.status, code: body.error?.code }).toEqual({ status, code })
  return body
}

/** Whether everything stored of a room (snapshot and log) holds `text`. */
async function storedHolds(server: TestServer, room: string, text: string): Promise<boolean> {
  const stored = await server.storage.loadDoc(room)
  return [stored.snapshot, ...stored.updates].some((part) => part && Buffer.from(part).includes(text))
}

interface Workshop {
  board: CreatedBoard
  breakoutId: string
  privateRoom: string
  versionId: string
  assetId: string
  picture: Buffer
  exportIds: { finished: string; running: string }
  /** A socket open in each room of the workshop, with each kind of link. */
  sockets: RawWebSocket[]
}

/**
 * A workshop with something in every place the server keeps it, each holding `marker`: the title, a note on the
 * board and one on a breakout, a private draft, the workshop room, a named version, an uploaded picture (bytes of
 * its own), a finished export and a running one; and a socket open in each room.
 */
async function workshopWithEverything(server: TestServer, marker: string): Promise<Workshop> {
  const board = await createBoard(server.url, `Workshop ${marker}`)
  const created = await request(server, 'POST', `/api/boards/${board.id}/breakouts`, board.tokens.facilitator, {
    groups: [{ name: 'Group 1' }],
  })
  const breakoutId = ((await created.json()) as { boards: { id: string }[] }).boards[0]!.id
  const privateRoom = roomName({ channel: 'private', boardId: board.id, key: randomBytes(16).toString('base64url') })
  const workshopRoom = roomName({ channel: 'facilitation', boardId: board.id })
  const write = async (room: string, token: string, change: (client: YClient) => void) => {
    const client = await connectSyncedClient(server.url, room, token)
    clients.push(client)
    change(client)
    await waitUntil(`${room} holds the marker`, () => storedHolds(server, room, marker))
    client.destroy()
  }
  const note = (client: YClient) =>
    getRecordsKeyValue(client.doc).set('shape:marked', noteRecord('shape:marked', `Case notes ${marker}`))
  await write(board.id, board.tokens.editor, note)
  await write(breakoutId, board.tokens.editor, note)
  await write(privateRoom, board.tokens.editor, note)
  await write(workshopRoom, board.tokens.facilitator, (client) => client.doc.getMap('test').set('marker', marker))

  const saved = await request(server, 'POST', `/api/boards/${board.id}/versions`, board.tokens.facilitator, {
    name: `Before ${marker}`,
  })
  expect(saved.status).toBe(201)
  const picture = noisyPng(48, 48, randomBytes(4).readUInt32BE() | 1)
  const uploaded = await fetch(`${server.url}/api/boards/${board.id}/assets`, {
    method: 'POST',
    headers: { ...bearer(board.tokens.editor), 'content-type': 'image/png' },
    body: picture,
  })
  expect(uploaded.status).toBe(201)
  const job = (id: string) => ({
    id,
    boardId: board.id,
    plenaryId: board.id,
    title: board.title,
    format: 'pdf',
    startedBy: 'facilitator' as const,
    status: 'running' as const,
    done: 0,
    total: 1,
    error: null,
    createdAt: Date.now(),
    aliveAt: Date.now(),
    finishedAt: null,
  })
  // Exports as a render leaves them in storage (rendering itself needs Chromium and is tested end to end).
  const exportIds = { finished: randomBytes(16).toString('base64url'), running: randomBytes(16).toString('base64url') }
  await server.storage.addExportJob(job(exportIds.finished))
  await server.storage.updateRunningExportJob(exportIds.finished, {
    status: 'done',
    done: 1,
    file: Buffer.from(`%PDF-1.7 ${marker}`),
    finishedAt: Date.now(),
  })
  await server.storage.addExportJob(job(exportIds.running))
  const finished = await request(server, 'GET', `/api/exports/${exportIds.finished}`)
  expect(await finished.json()).toMatchObject({ status: 'done' })

  const open = (room: string, token: string) => {
    const socket = connectRawWebSocket(server.url, room, token)
    sockets.push(socket)
    return socket
  }
  const workshopSockets = [
    open(board.id, board.tokens.editor),
    open(board.id, board.tokens.viewer),
    open(breakoutId, board.tokens.facilitator),
    open(workshopRoom, board.tokens.viewer),
    open(privateRoom, board.tokens.editor),
  ]
  await Promise.all(workshopSockets.map((socket) => socket.opened))
  return {
    board,
    breakoutId,
    privateRoom,
    versionId: ((await saved.json()) as { id: string }).id,
    assetId: ((await uploaded.json()) as { id: string }).id,
    picture,
    exportIds,
    sockets: workshopSockets,
  }
}

/** What no table may hold once a workshop is purged. */
const needlesOf = (workshop: Workshop, marker: string): Needle[] => [
  { label: 'the board id', value: workshop.board.id },
  { label: 'the breakout id', value: workshop.breakoutId },
  { label: 'the marker', value: marker },
  { label: 'the picture', value: workshop.picture.subarray(64, 320) },
]

const newMarker = () => `cg-marker-${randomBytes(8).toString('hex')}`

describe('deleting a workshop for good', () => {
  it('purges at once: every socket closes with 4410, nothing answers but 404, no table holds any of it', async () => {
    const dataDir = makeTempDir('cg-int-purge-')
    const server = await startServer(dataDir)
    const other = await createBoard(server.url, 'A workshop that stays')
    const marker = newMarker()
    let workshop: Workshop | undefined
    try {
      workshop = await workshopWithEverything(server, marker)
      const { board } = workshop
      const response = await request(server, 'DELETE', `/api/boards/${board.id}?purge=now`, board.tokens.facilitator)
      expect(response.status).toBe(200)
      expect((await response.json()) as DeleteBoardResult).toEqual({ purged: true, deletion: null })
      for (const socket of workshop.sockets) expect(await socket.closed).toEqual(GONE)

      for (const id of [board.id, workshop.breakoutId]) {
        await expectError(
          await request(server, 'GET', `/api/boards/${id}`, board.tokens.facilitator),
          404,
          'board-not-found',
        )
      }
      expect((await request(server, 'GET', `/b/${board.id}`)).status).toBe(404)
      expect((await request(server, 'GET', `/api/boards/${board.id}/assets/${workshop.assetId}`)).status).toBe(404)
      for (const id of Object.values(workshop.exportIds)) {
        expect((await request(server, 'GET', `/api/exports/${id}`)).status).toBe(404)
      }
      const again = connectRawWebSocket(server.url, board.id, board.tokens.facilitator)
      expect(await again.closed).toEqual({ code: 4404, reason: 'board-not-found' })
      expect(await tablesHolding(dataDir, needlesOf(workshop, marker))).toEqual([])
      // Another workshop is untouched.
      expect((await request(server, 'GET', `/api/boards/${other.id}`, other.tokens.viewer)).status).toBe(200)
    } finally {
      await server.close()
    }
    if (testStorageKind === 'sqlite') {
      // Nor is any of it still readable in the database file or its write-ahead log.
      for (const file of ['boards.sqlite', 'boards.sqlite-wal']) {
        const path = join(dataDir, file)
        if (!existsSync(path)) continue
        const bytes = readFileSync(path)
        expect(bytes.includes(marker), `${file} holds the marker`).toBe(false)
        expect(bytes.includes(workshop!.picture.subarray(64, 320)), `${file} holds the picture`).toBe(false)
      }
    }
    removeTempDir(dataDir)
  }, 60_000)
})

describe('deleting a workshop', () => {
  let server: TestServer
  beforeAll(async () => {
    server = await startServer()
  })
  afterAll(async () => {
    await server?.stop()
  })

  it('is for its facilitator only, and for a whole workshop only', async () => {
    const board = await createBoard(server.url, 'Not to be deleted by just anyone')
    const created = await request(server, 'POST', `/api/boards/${board.id}/breakouts`, board.tokens.facilitator, {
      groups: [{ name: 'Group 1' }],
    })
    const breakoutId = ((await created.json()) as { boards: { id: string }[] }).boards[0]!.id
    const other = await createBoard(server.url, 'Another workshop')
    const del = (id: string, token?: string, query = '') =>
      request(server, 'DELETE', `/api/boards/${id}${query}`, token)
    for (const token of [board.tokens.editor, board.tokens.viewer]) {
      await expectError(await del(board.id, token), 403, 'forbidden')
      await expectError(await del(board.id, token, '?purge=now'), 403, 'forbidden')
      await expectError(await request(server, 'POST', `/api/boards/${board.id}/undelete`, token), 403, 'forbidden')
    }
    await expectError(await del(board.id), 401, 'invalid-token')
    await expectError(await del(board.id, other.tokens.facilitator), 401, 'invalid-token')
    await expectError(
      await del(randomBytes(16).toString('base64url'), board.tokens.facilitator),
      404,
      'board-not-found',
    )
    const breakout = await expectError(await del(breakoutId, board.tokens.facilitator), 400, 'invalid-request')
    expect(breakout.error.message).toMatch(/plenary/)
    await expectError(await del(board.id, board.tokens.facilitator, '?purge=later'), 400, 'invalid-request')
    await expectError(
      await request(server, 'POST', `/api/boards/${board.id}/undelete`, board.tokens.facilitator),
      409,
      'conflict',
    )
    // Nothing of it was deleted.
    expect((await request(server, 'GET', `/api/boards/${board.id}`, board.tokens.viewer)).status).toBe(200)
    expect((await request(server, 'GET', `/api/boards/${breakoutId}`, board.tokens.viewer)).status).toBe(200)
  })

  it('puts it in the trash: sockets close at once, every link gets 410, undo brings everything back', async () => {
    const marker = newMarker()
    const workshop = await workshopWithEverything(server, marker)
    const { board, breakoutId } = workshop
    const versionsBefore = await (
      await request(server, 'GET', `/api/boards/${board.id}/versions`, board.tokens.facilitator)
    ).json()
    const storedBefore = await server.storage.docStats(board.id)

    const started = performance.now()
    const response = await request(server, 'DELETE', `/api/boards/${board.id}`, board.tokens.facilitator)
    expect(response.status).toBe(200)
    const deletion = {
      deletedAt: new Date(clock).toISOString(),
      purgeAt: new Date(clock + 7 * DAY_MS).toISOString(),
    }
    expect((await response.json()) as DeleteBoardResult).toEqual({ purged: false, deletion })
    for (const socket of workshop.sockets) expect(await socket.closed).toEqual(GONE)
    expect(performance.now() - started, 'every socket closed within (ms)').toBeLessThan(1_000)

    // No room of it opens again, with any link.
    for (const [room, token] of [
      [board.id, board.tokens.facilitator],
      [board.id, board.tokens.viewer],
      [breakoutId, board.tokens.editor],
      [roomName({ channel: 'facilitation', boardId: board.id }), board.tokens.facilitator],
      [workshop.privateRoom, board.tokens.editor],
    ] as const) {
      expect(await connectRawWebSocket(server.url, room, token).closed).toEqual(GONE)
    }

    // Every route of it answers 410 to every link; only its facilitator's is told when it goes for good.
    const facilitatorBody = await expectError(
      await request(server, 'GET', `/api/boards/${board.id}`, board.tokens.facilitator),
      410,
      'board-deleted',
    )
    expect(facilitatorBody.deletion).toEqual(deletion)
    for (const token of [board.tokens.editor, board.tokens.viewer]) {
      const body = await expectError(
        await request(server, 'GET', `/api/boards/${board.id}`, token),
        410,
        'board-deleted',
      )
      expect(body.deletion).toBeUndefined()
      await expectError(await request(server, 'GET', `/api/boards/${breakoutId}`, token), 410, 'board-deleted')
    }
    await expectError(await request(server, 'GET', `/api/boards/${board.id}`, 'x'.repeat(43)), 401, 'invalid-token')
    const { facilitator, editor, viewer } = board.tokens
    const routes: [string, string, string, unknown?][] = [
      ['GET', `/api/boards/${board.id}/versions`, facilitator],
      ['POST', `/api/boards/${board.id}/versions`, facilitator, { name: 'In the trash' }],
      ['GET', `/api/boards/${board.id}/versions/${workshop.versionId}`, facilitator],
      ['POST', `/api/boards/${board.id}/versions/${workshop.versionId}/restore`, facilitator],
      ['GET', `/api/boards/${breakoutId}/versions`, facilitator],
      ['POST', `/api/boards/${board.id}/links/rotate`, facilitator, { facilitator: false }],
      ['POST', `/api/boards/${board.id}/votes/${randomBytes(16).toString('base64url')}/end`, facilitator],
      ['POST', `/api/boards/${board.id}/private/reveal`, facilitator, { anonymous: true }],
      ['POST', `/api/boards/${board.id}/breakouts`, facilitator, { groups: [{ name: 'Late group' }] }],
      ['GET', `/api/boards/${board.id}/breakouts`, viewer],
      ['GET', `/api/boards/${board.id}/backup`, facilitator],
      ['POST', `/api/boards/${board.id}/exports`, viewer, {}],
      ['POST', `/api/boards/${breakoutId}/exports`, editor, { report: true }],
      ['POST', `/api/boards/${board.id}/assets`, editor, { not: 'a picture' }],
      ['GET', `/api/boards/${board.id}/assets/${workshop.assetId}`, ''],
    ]
    for (const [method, path, token, body] of routes) {
      const answer = await expectError(
        await request(server, method, path, token || undefined, body),
        410,
        'board-deleted',
      )
      expect(answer.deletion, `${method} ${path}`).toEqual(token === facilitator ? deletion : undefined)
    }
    for (const page of [`/b/${board.id}`, `/b/${breakoutId}/print`]) {
      expect((await request(server, 'GET', page)).status).toBe(410)
    }
    // Its exports were let go of, the finished file with them.
    for (const id of Object.values(workshop.exportIds)) {
      expect((await request(server, 'GET', `/api/exports/${id}`)).status).toBe(404)
    }
    // Its rooms were dropped without writing: no compaction of the log.
    expect(await server.storage.docStats(board.id)).toEqual(storedBefore)

    // Undo.
    const undone = await request(server, 'POST', `/api/boards/${board.id}/undelete`, facilitator)
    expect(undone.status).toBe(200)
    expect(await undone.json()).toMatchObject({ id: board.id, role: 'facilitator', links: board.links })
    expect((await request(server, 'GET', `/api/boards/${board.id}`, viewer)).status).toBe(200)
    expect((await request(server, 'GET', `/b/${board.id}`)).status).toBe(200)
    for (const room of [board.id, breakoutId, workshop.privateRoom]) {
      const client = await connectSyncedClient(server.url, room, editor)
      clients.push(client)
      expect(JSON.stringify(getRecordsKeyValue(client.doc).get('shape:marked')), room).toContain(marker)
      client.destroy()
    }
    const asset = await request(server, 'GET', `/api/boards/${board.id}/assets/${workshop.assetId}`)
    expect(Buffer.from(await asset.arrayBuffer()).equals(workshop.picture)).toBe(true)
    // No version was taken of it while it was deleted (its rooms unloaded without a last one).
    expect(await (await request(server, 'GET', `/api/boards/${board.id}/versions`, facilitator)).json()).toEqual(
      versionsBefore,
    )
    await expectError(await request(server, 'POST', `/api/boards/${board.id}/undelete`, facilitator), 409, 'conflict')
  })

  it('deletes for good from the trash, on its facilitator’s word', async () => {
    const board = await createBoard(server.url, 'Trash, then gone')
    expect((await request(server, 'DELETE', `/api/boards/${board.id}`, board.tokens.facilitator)).status).toBe(200)
    const purged = await request(server, 'DELETE', `/api/boards/${board.id}?purge=now`, board.tokens.facilitator)
    expect(await purged.json()).toEqual({ purged: true, deletion: null })
    await expectError(
      await request(server, 'GET', `/api/boards/${board.id}`, board.tokens.facilitator),
      404,
      'board-not-found',
    )
    await expectError(
      await request(server, 'POST', `/api/boards/${board.id}/undelete`, board.tokens.facilitator),
      404,
      'board-not-found',
    )
  })

  // Last in this file: it moves the clock past every purge time.
  it('purges a workshop once its days in the trash are over', async () => {
    const marker = newMarker()
    const workshop = await workshopWithEverything(server, marker)
    const { board } = workshop
    const response = await request(server, 'DELETE', `/api/boards/${board.id}`, board.tokens.facilitator)
    const { deletion } = (await response.json()) as DeleteBoardResult
    clock = Date.parse(deletion!.purgeAt) - 60_000
    await new Promise((resolve) => setTimeout(resolve, 5 * SWEEP_MS))
    await expectError(
      await request(server, 'GET', `/api/boards/${board.id}`, board.tokens.facilitator),
      410,
      'board-deleted',
    )
    clock = Date.parse(deletion!.purgeAt)
    await waitUntil('the sweep purged it', async () => {
      const answer = await request(server, 'GET', `/api/boards/${board.id}`, board.tokens.facilitator)
      return answer.status === 404
    })
    expect((await request(server, 'GET', `/api/boards/${workshop.breakoutId}`, board.tokens.viewer)).status).toBe(404)
    expect(await tablesHolding(server.dataDir, needlesOf(workshop, marker))).toEqual([])
  })
})
