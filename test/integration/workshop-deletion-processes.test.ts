import { describe, expect, it } from 'vitest'
import { postgresSkipReason } from '@cg/storage/testing'
import { roomName, type DeleteBoardResult } from '@cg/contract'
import { bearer, createBoard, type CreatedBoard } from '../support/boards.ts'
import { useProcessCluster } from '../support/processCluster.ts'
import { redisSkipReason } from '../support/redisServer.ts'
import type { ServerProcess } from '../support/serverProcess.ts'
import { waitUntil } from '../support/waitUntil.ts'

const skip = (await postgresSkipReason()) ?? redisSkipReason()

const SWEEP_MS = 300
const GONE = { code: 4410, reason: 'board-deleted' }

describe.skipIf(skip)('deleting a workshop served by several processes', () => {
  const { startProcess, open, redis } = useProcessCluster('deletion', { PURGE_SWEEP_MS: String(SWEEP_MS) })

  /** A workshop with a breakout, and sockets open on `server` in its rooms. */
  async function workshopOpenOn(server: ServerProcess, title: string) {
    const board = await createBoard(server.url, title)
    const created = await fetch(`${server.url}/api/boards/${board.id}/breakouts`, {
      method: 'POST',
      headers: { ...bearer(board.tokens.facilitator), 'content-type': 'application/json' },
      body: JSON.stringify({ groups: [{ name: 'Group 1' }] }),
    })
    const breakoutId = ((await created.json()) as { boards: { id: string }[] }).boards[0]!.id
    const roomsOpen = [
      open(server, board.id, board.tokens.editor),
      open(server, breakoutId, board.tokens.viewer),
      open(server, roomName({ channel: 'facilitation', boardId: board.id }), board.tokens.facilitator),
    ]
    await Promise.all(roomsOpen.map((socket) => socket.opened))
    return { board, breakoutId, sockets: roomsOpen }
  }

  const remove = (server: ServerProcess, board: CreatedBoard, query = '') =>
    fetch(`${server.url}/api/boards/${board.id}${query}`, {
      method: 'DELETE',
      headers: bearer(board.tokens.facilitator),
    })
  const statusOf = async (server: ServerProcess, id: string, token: string) =>
    (await fetch(`${server.url}/api/boards/${id}`, { headers: bearer(token) })).status

  it('closes the sockets on every process at once, refuses them everywhere, and purges for every process', async () => {
    const [a, b] = await Promise.all([startProcess(), startProcess()])
    const { board, breakoutId, sockets: onB } = await workshopOpenOn(b!, 'Deleted on another process')
    const started = performance.now()
    const response = await remove(a!, board)
    expect(response.status).toBe(200)
    expect(((await response.json()) as DeleteBoardResult).purged).toBe(false)
    for (const socket of onB) expect(await socket.closed).toEqual(GONE)
    expect(performance.now() - started, 'sockets on the other process closed within (ms)').toBeLessThan(2_000)
    for (const server of [a!, b!]) {
      expect((await open(server, board.id, board.tokens.facilitator).closed).code).toBe(4410)
      expect((await open(server, breakoutId, board.tokens.editor).closed).code).toBe(4410)
      expect(await statusOf(server, board.id, board.tokens.viewer)).toBe(410)
    }

    const purged = await remove(b!, board, '?purge=now')
    expect(await purged.json()).toEqual({ purged: true, deletion: null })
    for (const server of [a!, b!]) {
      expect(await statusOf(server, board.id, board.tokens.facilitator)).toBe(404)
      expect((await open(server, board.id, board.tokens.facilitator).closed).code).toBe(4404)
    }
  })

  it('while Redis is away: refused at once everywhere, sockets elsewhere closed at the next sweep, purged after it', async () => {
    const [a, b] = await Promise.all([startProcess(), startProcess()])
    const { board, sockets: onB } = await workshopOpenOn(b!, 'Deleted while Redis is away')
    await redis().stop()
    try {
      const started = performance.now()
      expect((await remove(a!, board)).status).toBe(200)
      // Every process reads the trash from the database: no new socket anywhere.
      expect((await open(b!, board.id, board.tokens.editor).closed).code).toBe(4410)
      // B was not told; its sweep finds the workshop in the trash and closes what it had open.
      for (const socket of onB) expect(await socket.closed).toEqual(GONE)
      expect(performance.now() - started, 'closed within two sweeps (ms)').toBeLessThan(2 * SWEEP_MS + 1_500)

      // Deleting for good waits until every process has swept, so none can write it back after the purge.
      const response = await remove(a!, board, '?purge=now')
      const result = (await response.json()) as DeleteBoardResult
      expect(result.purged).toBe(false)
      expect(Date.parse(result.deletion!.purgeAt) - Date.now()).toBeLessThanOrEqual(2 * SWEEP_MS + 500)
      await waitUntil('a sweep purged it', async () => (await statusOf(b!, board.id, board.tokens.facilitator)) === 404)
      expect(await statusOf(a!, board.id, board.tokens.facilitator)).toBe(404)
    } finally {
      await redis().start()
    }
  })
})
