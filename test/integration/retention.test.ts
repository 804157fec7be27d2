import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { BoardView, WorkshopRetention } from '@cg/contract'
import { bearer, createBoard, type CreatedBoard } from '../support/boards.ts'
import { connectRawWebSocket, type RawWebSocket } from '../support/rawSockets.ts'
import { startTestServer, type TestServer } from '../support/testServer.ts'

const HOUR_MS = 3_600_000
const DAY_MS = 24 * HOUR_MS
const EXPIRED = { code: 4401, reason: 'link-expired' }
const GONE = { code: 4410, reason: 'board-deleted' }
/** The sweep runs when the test says (server.sweep.sweep()), never by itself during a test. */
const NO_TIMER_SWEEP = String(DAY_MS)

/** The servers' clock for retention, link expiry and the sweep: only this test moves it, and only forwards. */
let clock = Date.now()
const sockets: RawWebSocket[] = []
const servers: TestServer[] = []

afterAll(async () => {
  for (const raw of sockets.splice(0)) raw.socket.terminate()
  for (const server of servers.splice(0)) await server.stop()
})

async function startServer(env: Record<string, string> = {}): Promise<TestServer> {
  const server = await startTestServer({ env: { PURGE_SWEEP_MS: NO_TIMER_SWEEP, ...env }, now: () => clock })
  servers.push(server)
  return server
}

function request(server: TestServer, method: string, path: string, token?: string, body?: unknown) {
  return fetch(`${server.url}${path}`, {
    method,
    headers: { ...(token ? bearer(token) : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  })
}

const setRetention = (server: TestServer, boardId: string, token: string, body: unknown) =>
  request(server, 'POST', `/api/boards/${boardId}/retention`, token, body)

async function expectError(response: Response, status: number, code: string): Promise<string> {
  const body = (await response.json()) as { error?: { code: string; message: string } }
  expect({ status: response.status, code: body.error?.code }).toEqual({ status, code })
  return body.error!.message
}

async function boardAs(server: TestServer, boardId: string, token: string): Promise<BoardView> {
  const response = await request(server, 'GET', `/api/boards/${boardId}`, token)
  expect(response.status).toBe(200)
  return (await response.json()) as BoardView
}

async function workshopWithBreakout(
  server: TestServer,
  title: string,
): Promise<{ board: CreatedBoard; breakoutId: string }> {
  const board = await createBoard(server.url, title)
  const created = await request(server, 'POST', `/api/boards/${board.id}/breakouts`, board.tokens.facilitator, {
    groups: [{ name: 'Group 1' }],
  })
  expect(created.status).toBe(201)
  return { board, breakoutId: ((await created.json()) as { boards: { id: string }[] }).boards[0]!.id }
}

function open(server: TestServer, room: string, token: string): RawWebSocket {
  const socket = connectRawWebSocket(server.url, room, token)
  sockets.push(socket)
  return socket
}

const iso = (time: number) => new Date(time).toISOString()

describe('a workshop’s retention, set by its facilitator', () => {
  let server: TestServer
  beforeAll(async () => {
    server = await startServer()
  })

  it('takes future ISO 8601 dates or null, from the facilitator of the plenary only, and says what is wrong', async () => {
    const { board, breakoutId } = await workshopWithBreakout(server, 'Validation')
    const { facilitator, editor, viewer } = board.tokens
    const later = iso(clock + 30 * DAY_MS)

    const past = await setRetention(server, board.id, facilitator, {
      deleteOn: iso(clock - HOUR_MS),
      linksExpireAt: null,
    })
    expect(await expectError(past, 400, 'invalid-request')).toMatch(/^deleteOn: the deletion date is in the past/)
    const pastLinks = await setRetention(server, board.id, facilitator, { deleteOn: null, linksExpireAt: iso(clock) })
    expect(await expectError(pastLinks, 400, 'invalid-request')).toMatch(/^linksExpireAt: .* in the past/)
    const tooFar = await setRetention(server, board.id, facilitator, {
      deleteOn: iso(clock + 3651 * DAY_MS),
      linksExpireAt: null,
    })
    expect(await expectError(tooFar, 400, 'invalid-request')).toMatch(/ten years/)
    for (const garbage of [
      { deleteOn: 'next Tuesday', linksExpireAt: null },
      { deleteOn: clock + DAY_MS, linksExpireAt: null },
      { deleteOn: '2027-02-30', linksExpireAt: null },
      { deleteOn: later },
      [],
      'not json at all',
    ]) {
      const response = await setRetention(server, board.id, facilitator, garbage)
      await expectError(response, 400, 'invalid-request')
    }
    await expectError(
      await setRetention(server, board.id, editor, { deleteOn: later, linksExpireAt: null }),
      403,
      'forbidden',
    )
    await expectError(
      await setRetention(server, board.id, viewer, { deleteOn: later, linksExpireAt: null }),
      403,
      'forbidden',
    )
    await expectError(
      await setRetention(server, board.id, 'x'.repeat(43), { deleteOn: null, linksExpireAt: null }),
      401,
      'invalid-token',
    )
    const onBreakout = await setRetention(server, breakoutId, facilitator, { deleteOn: later, linksExpireAt: null })
    expect(await expectError(onBreakout, 400, 'invalid-request')).toMatch(/plenary/)
    // Nothing of the refused requests was kept.
    expect((await boardAs(server, board.id, facilitator)).retention).toEqual({
      deleteOn: null,
      linksExpireAt: null,
      idleDeleteOn: null,
    })

    const year = new Date(clock).getUTCFullYear() + 2
    const day = await setRetention(server, board.id, facilitator, { deleteOn: `${year}-03-31`, linksExpireAt: later })
    expect(day.status).toBe(200)
    const set: WorkshopRetention = { deleteOn: `${year}-03-31T00:00:00.000Z`, linksExpireAt: later, idleDeleteOn: null }
    expect(await day.json()).toEqual(set)
    const offset = await setRetention(server, board.id, facilitator, {
      deleteOn: `${year}-03-31T17:00:00+02:00`,
      linksExpireAt: null,
    })
    expect(await offset.json()).toEqual({
      deleteOn: `${year}-03-31T15:00:00.000Z`,
      linksExpireAt: null,
      idleDeleteOn: null,
    })
  })

  it('is shown to everyone on the workshop, on the plenary and its breakouts alike', async () => {
    const { board, breakoutId } = await workshopWithBreakout(server, 'Everyone sees it')
    const retention: WorkshopRetention = {
      deleteOn: iso(clock + 60 * DAY_MS),
      linksExpireAt: iso(clock + 45 * DAY_MS),
      idleDeleteOn: null,
    }
    const response = await setRetention(server, board.id, board.tokens.facilitator, retention)
    expect(await response.json()).toEqual(retention)
    for (const token of Object.values(board.tokens)) {
      for (const id of [board.id, breakoutId]) expect((await boardAs(server, id, token)).retention).toEqual(retention)
    }
  })

  it('expires participant and viewer links: 401 link-expired everywhere, sockets closed by the sweep', async () => {
    const { board, breakoutId } = await workshopWithBreakout(server, 'Links expire')
    const { facilitator, editor, viewer } = board.tokens
    const expireAt = clock + 2 * HOUR_MS
    const set = await setRetention(server, board.id, facilitator, { deleteOn: null, linksExpireAt: iso(expireAt) })
    expect(set.status).toBe(200)
    const people = [open(server, board.id, editor), open(server, breakoutId, viewer), open(server, breakoutId, editor)]
    const facilitating = open(server, board.id, facilitator)
    await Promise.all([...people, facilitating].map((socket) => socket.opened))
    await server.sweep.sweep()
    expect((await boardAs(server, board.id, editor)).role).toBe('editor')

    clock = expireAt
    for (const token of [editor, viewer]) {
      for (const id of [board.id, breakoutId]) {
        await expectError(await request(server, 'GET', `/api/boards/${id}`, token), 401, 'link-expired')
        await expectError(await request(server, 'GET', `/api/boards/${id}/breakouts`, token), 401, 'link-expired')
      }
    }
    const upload = await fetch(`${server.url}/api/boards/${breakoutId}/assets`, {
      method: 'POST',
      headers: { ...bearer(editor), 'content-type': 'image/png' },
      body: new Uint8Array(8),
    })
    await expectError(upload, 401, 'link-expired')
    expect((await boardAs(server, board.id, facilitator)).role).toBe('facilitator')
    expect((await boardAs(server, breakoutId, facilitator)).role).toBe('facilitator')
    expect(await open(server, board.id, editor).closed).toEqual(EXPIRED)
    expect(await open(server, breakoutId, viewer).closed).toEqual(EXPIRED)

    await server.sweep.sweep()
    for (const socket of people) expect(await socket.closed).toEqual(EXPIRED)
    expect(facilitating.socket.readyState).toBe(facilitating.socket.OPEN)
    await open(server, breakoutId, facilitator).opened

    // The expiry that passed may stay as it is while the facilitator changes the deletion date.
    const unchanged = await setRetention(server, board.id, facilitator, {
      deleteOn: iso(clock + 10 * DAY_MS),
      linksExpireAt: iso(expireAt),
    })
    expect(unchanged.status).toBe(200)
    // A later expiry opens the links again.
    const extended = await setRetention(server, board.id, facilitator, {
      deleteOn: null,
      linksExpireAt: iso(clock + DAY_MS),
    })
    expect(extended.status).toBe(200)
    expect((await boardAs(server, breakoutId, viewer)).role).toBe('viewer')
  })

  it('puts a workshop in the trash on its deletion date, and undoing clears that date', async () => {
    const { board, breakoutId } = await workshopWithBreakout(server, 'Deleted on a date')
    const { facilitator, editor } = board.tokens
    const deleteOn = clock + 3 * DAY_MS
    await setRetention(server, board.id, facilitator, { deleteOn: iso(deleteOn), linksExpireAt: null })
    const onBreakout = open(server, breakoutId, editor)
    await onBreakout.opened

    clock = deleteOn - 1
    await server.sweep.sweep()
    expect((await boardAs(server, board.id, editor)).retention?.deleteOn).toBe(iso(deleteOn))

    clock = deleteOn
    await server.sweep.sweep()
    expect(await onBreakout.closed).toEqual(GONE)
    const trashed = await request(server, 'GET', `/api/boards/${board.id}`, facilitator)
    expect(trashed.status).toBe(410)
    expect(await trashed.json()).toMatchObject({ deletion: { deletedAt: iso(deleteOn) } })
    await expectError(await request(server, 'GET', `/api/boards/${breakoutId}`, editor), 410, 'board-deleted')

    clock += HOUR_MS
    const undone = await request(server, 'POST', `/api/boards/${board.id}/undelete`, facilitator)
    expect(undone.status).toBe(200)
    expect(((await undone.json()) as BoardView).retention).toEqual({
      deleteOn: null,
      linksExpireAt: null,
      idleDeleteOn: null,
    })
    await server.sweep.sweep()
    expect((await boardAs(server, breakoutId, editor)).retention?.deleteOn).toBeNull()
  })
})

describe('idle retention (RETAIN_IDLE_DAYS)', () => {
  let server: TestServer
  beforeAll(async () => {
    server = await startServer({ RETAIN_IDLE_DAYS: '1' })
  })

  it('is in the configuration the browser reads', async () => {
    expect(await (await fetch(`${server.url}/api/config`)).json()).toMatchObject({ retainIdleDays: 1 })
  })

  it('keeps a workshop someone opened (a breakout counts), and puts one nobody opened in the trash', async () => {
    const kept = await workshopWithBreakout(server, 'Opened lately')
    const idle = await workshopWithBreakout(server, 'Nobody came')
    // Created on the server's clock; a never opened workshop counts from then (reading its view is not opening it).
    const created = Date.parse(kept.board.createdAt)
    expect(created).toBe(clock)
    expect((await boardAs(server, kept.board.id, kept.board.tokens.viewer)).retention?.idleDeleteOn).toBe(
      iso(created + DAY_MS),
    )

    clock = created + 0.75 * DAY_MS
    const visit = open(server, kept.breakoutId, kept.board.tokens.viewer)
    await visit.opened
    visit.socket.close()
    const openedAt = clock
    expect((await boardAs(server, kept.board.id, kept.board.tokens.editor)).retention?.idleDeleteOn).toBe(
      iso(openedAt + DAY_MS),
    )

    clock = openedAt + 0.5 * DAY_MS
    await server.sweep.sweep()
    expect((await boardAs(server, kept.board.id, kept.board.tokens.facilitator)).title).toBe('Opened lately')
    const trashed = await request(server, 'GET', `/api/boards/${idle.board.id}`, idle.board.tokens.facilitator)
    expect(trashed.status).toBe(410)

    // Undoing counts as opening it: the next sweep leaves it alone, a day later it goes again.
    const undone = await request(server, 'POST', `/api/boards/${idle.board.id}/undelete`, idle.board.tokens.facilitator)
    expect(((await undone.json()) as BoardView).retention?.idleDeleteOn).toBe(iso(clock + DAY_MS))
    await server.sweep.sweep()
    expect((await boardAs(server, idle.board.id, idle.board.tokens.viewer)).title).toBe('Nobody came')
    clock += DAY_MS + 1
    await server.sweep.sweep()
    for (const { board } of [kept, idle]) {
      expect((await request(server, 'GET', `/api/boards/${board.id}`, board.tokens.facilitator)).status).toBe(410)
    }
  })
})
