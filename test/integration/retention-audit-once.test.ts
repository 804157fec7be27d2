import { afterAll, expect, it } from 'vitest'
import { createTestDatabase, postgresSkipReason } from '@cg/storage/testing'
import { bearer, createBoard } from '../support/boards.ts'
import { connectRawWebSocket } from '../support/rawSockets.ts'
import { startTestServer, type TestServer } from '../support/testServer.ts'

const skip = await postgresSkipReason()

// Two server processes' sweeps find the same expiry and the same due date: the workshop's log says each once.
let clock = Date.now()
const servers: TestServer[] = []
afterAll(async () => {
  for (const s of servers) await s.stop()
})

it.skipIf(skip)(
  'records one links-expired entry with two processes sweeping together, and scheduled deletion once',
  async () => {
    const db = await createTestDatabase()
    for (let i = 0; i < 2; i++)
      servers.push(
        await startTestServer({ env: { DATABASE_URL: db.url, PURGE_SWEEP_MS: '86400000' }, now: () => clock }),
      )
    const [a, b] = servers as [TestServer, TestServer]
    const board = await createBoard(a.url, 'x')
    const post = (body: unknown) =>
      fetch(`${a.url}/api/boards/${board.id}/retention`, {
        method: 'POST',
        headers: {
          ...bearer(board.tokens.facilitator),
          'content-type': 'application/json',
          'x-display-name': encodeURIComponent('فاطمة'),
        },
        body: JSON.stringify(body),
      })
    expect(
      (
        await post({
          deleteOn: new Date(clock + 7200_000).toISOString(),
          linksExpireAt: new Date(clock + 3600_000).toISOString(),
        })
      ).status,
    ).toBe(200)
    const sa = connectRawWebSocket(a.url, board.id, board.tokens.editor)
    const sb = connectRawWebSocket(b.url, board.id, board.tokens.viewer)
    await Promise.all([sa.opened, sb.opened])
    clock += 3600_000
    await Promise.all([a.sweep.sweep(), b.sweep.sweep(), a.sweep.sweep()])
    expect((await sa.closed).reason).toBe('link-expired')
    expect((await sb.closed).reason).toBe('link-expired')
    clock += 3600_000
    await Promise.all([a.sweep.sweep(), b.sweep.sweep()])
    const events = await a.storage.listAuditEvents(board.id)
    expect(events.filter((e) => e.kind === 'links-expired')).toHaveLength(1)
    expect(events.filter((e) => e.kind === 'deletion-scheduled')).toHaveLength(1)
    expect(events.filter((e) => e.kind === 'retention-set')).toEqual([
      expect.objectContaining({ name: 'فاطمة', role: 'facilitator' }),
    ])
    for (const s of servers.splice(0)) await s.stop()
    await db.drop()
  },
)
