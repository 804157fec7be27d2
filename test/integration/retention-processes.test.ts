import { describe, expect, it } from 'vitest'
import { postgresSkipReason } from '@cg/storage/testing'
import { roomName } from '@cg/contract'
import { bearer, createBoard } from '../support/boards.ts'
import { useProcessCluster } from '../support/processCluster.ts'
import { redisSkipReason } from '../support/redisServer.ts'

const skip = (await postgresSkipReason()) ?? redisSkipReason()

const SWEEP_MS = 300
/** Far enough ahead for every socket to open first (the date must be in the future when it is set). */
const EXPIRES_IN_MS = 2_500
const EXPIRED = { code: 4401, reason: 'link-expired' }

describe.skipIf(skip)('links expiring on a workshop served by several processes', () => {
  const { startProcess, open } = useProcessCluster('retention', { PURGE_SWEEP_MS: String(SWEEP_MS) })

  it('closes the participant and viewer sockets on every process at their expiry, and refuses them everywhere', async () => {
    const [a, b] = await Promise.all([startProcess(), startProcess()])
    const board = await createBoard(a!.url, 'Links expire everywhere')
    const breakout = await fetch(`${a!.url}/api/boards/${board.id}/breakouts`, {
      method: 'POST',
      headers: { ...bearer(board.tokens.facilitator), 'content-type': 'application/json' },
      body: JSON.stringify({ groups: [{ name: 'Group 1' }] }),
    })
    const breakoutId = ((await breakout.json()) as { boards: { id: string }[] }).boards[0]!.id
    const expireAt = Date.now() + EXPIRES_IN_MS
    const set = await fetch(`${b!.url}/api/boards/${board.id}/retention`, {
      method: 'POST',
      headers: { ...bearer(board.tokens.facilitator), 'content-type': 'application/json' },
      body: JSON.stringify({ deleteOn: null, linksExpireAt: new Date(expireAt).toISOString() }),
    })
    expect(set.status).toBe(200)

    const people = [a!, b!].flatMap((server) => [
      open(server, board.id, board.tokens.editor),
      open(server, breakoutId, board.tokens.viewer),
    ])
    const facilitating = [a!, b!].map((server) =>
      open(server, roomName({ channel: 'facilitation', boardId: board.id }), board.tokens.facilitator),
    )
    await Promise.all([...people, ...facilitating].map((socket) => socket.opened))

    for (const socket of people) expect(await socket.closed).toEqual(EXPIRED)
    expect(Date.now(), 'closed at the expiry, not before').toBeGreaterThanOrEqual(expireAt)
    expect(Date.now() - expireAt, 'closed within a sweep of the expiry (ms)').toBeLessThan(SWEEP_MS + 1_500)
    for (const socket of facilitating) expect(socket.socket.readyState).toBe(socket.socket.OPEN)
    for (const server of [a!, b!]) {
      expect(await open(server, breakoutId, board.tokens.editor).closed).toEqual(EXPIRED)
      const refused = await fetch(`${server.url}/api/boards/${board.id}`, { headers: bearer(board.tokens.viewer) })
      expect(refused.status).toBe(401)
      await open(server, breakoutId, board.tokens.facilitator).opened
    }
  })
})
