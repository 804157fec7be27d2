import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { CloseCode, CloseReason } from '@cg/contract'
import { getRecordsKeyValue } from '@cg/tldraw-yjs'
import { createBoard } from '../support/boards.ts'
import { connectRawWebSocket, syncFrame } from '../support/rawSockets.ts'
import { noteRecord } from '../support/records.ts'
import { startTestServer, type TestServer } from '../support/testServer.ts'
import { waitUntil } from '../support/waitUntil.ts'
import { connectSyncedClient } from '../support/yClient.ts'

const TOKEN = 'metrics-secret-for-the-test-0123456789'

/** The value of one sample line (`name{labels} value`), or undefined when absent. */
function sample(text: string, line: string): number | undefined {
  const found = text.split('\n').find((l) => l.startsWith(`${line} `))
  return found === undefined ? undefined : Number(found.slice(line.length + 1))
}

describe('GET /metrics', () => {
  let off: TestServer
  let server: TestServer
  beforeAll(async () => {
    off = await startTestServer()
    server = await startTestServer({ env: { METRICS_TOKEN: TOKEN } })
  })
  afterAll(async () => {
    await off?.stop()
    await server?.stop()
  })

  const scrape = (token = TOKEN) =>
    fetch(`${server.url}/metrics`, { headers: token ? { authorization: `Bearer ${token}` } : {} })

  it('is off unless METRICS_TOKEN is set, and needs that token', async () => {
    expect((await fetch(`${off.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(404)
    expect((await scrape('')).status).toBe(401)
    expect((await scrape('wrong-token-wrong-token-wrong-token-00')).status).toBe(401)
    const ok = await scrape()
    expect(ok.status).toBe(200)
    expect(ok.headers.get('content-type')).toMatch(/text\/plain/)
  })

  it('counts connections, stored updates, bytes and refusals, and names no board', async () => {
    const board = await createBoard(server.url, 'Secret programme title')
    const writer = await connectSyncedClient(server.url, board.id, board.tokens.editor)
    try {
      getRecordsKeyValue(writer.doc).set('shape:n1', noteRecord('shape:n1', 'A private note'))
      await waitUntil(
        'the update is stored',
        async () => (sample(await (await scrape()).text(), 'cg_updates_stored_total') ?? 0) >= 1,
      )
      const refused = connectRawWebSocket(server.url, board.id, 'not-a-valid-token')
      expect((await refused.closed).code).toBe(4401)

      const text = await (await scrape()).text()
      expect(sample(text, 'cg_connections')).toBeGreaterThanOrEqual(1)
      expect(sample(text, 'cg_rooms_loaded')).toBeGreaterThanOrEqual(1)
      expect(sample(text, 'cg_websocket_bytes_total{direction="in"}')).toBeGreaterThan(0)
      expect(sample(text, 'cg_websocket_bytes_total{direction="out"}')).toBeGreaterThan(0)
      expect(sample(text, 'cg_storage_write_seconds_count')).toBeGreaterThanOrEqual(1)
      expect(sample(text, 'cg_refusals_total{reason="invalid-token"}')).toBe(1)
      expect(sample(text, 'cg_export_jobs_running')).toBe(0)
      expect(text).toContain('cg_process_resident_memory_bytes')
      for (const secret of [board.id, 'Secret programme title', board.tokens.editor, 'A private note']) {
        expect(text).not.toContain(secret)
      }
    } finally {
      writer.destroy()
    }
  })

  it('counts a connection closed for flooding updates, by its close reason', async () => {
    const board = await createBoard(server.url, 'Flooded')
    const flood = connectRawWebSocket(server.url, board.id, board.tokens.editor)
    await flood.opened
    // More small updates than any browser sends: a burst of a thousand, then two hundred a second, is the budget.
    for (let i = 0; i < 1_500; i++) {
      const doc = new Y.Doc()
      doc.getMap('m').set('k', i)
      flood.socket.send(syncFrame(2, Y.encodeStateAsUpdate(doc)))
    }
    expect(await flood.closed).toEqual({ code: CloseCode.RateLimited, reason: CloseReason.tooManyUpdates })
    const text = await (await scrape()).text()
    expect(sample(text, `cg_refusals_total{reason="${CloseReason.tooManyUpdates}"}`)).toBe(1)
  })
})
