import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { readVotingSession, writeVotingSession, writeWorkshop } from '@cg/facilitation'
import { roomName } from '@cg/contract'
import { getCodraftText } from '@cg/codraft'
import { getRecordsKeyValue, readDocRecords } from '@cg/tldraw-yjs'
import { bearer, createBoard, tokenOfLink, type CreatedBoard } from '../support/boards.ts'
import { noisyPng, solidPng } from '../support/png.ts'
import { startTestServer, type TestServer } from '../support/testServer.ts'
import { countRows } from '../support/testStorage.ts'
import { imageAssetRecord, noteRecord, noteText } from '../support/records.ts'
import { waitUntil } from '../support/waitUntil.ts'
import { connectSyncedClient, type YClient } from '../support/yClient.ts'

let server: TestServer
const MAX_BOARD_FILES_BYTES = 64 * 1024
const clients: YClient[] = []

beforeAll(async () => {
  server = await startTestServer({
    env: { ROOM_UNLOAD_GRACE_MS: '50', MAX_BOARD_FILES_BYTES: String(MAX_BOARD_FILES_BYTES) },
  })
})
afterAll(async () => {
  for (const client of clients.splice(0)) client.destroy()
  await server?.stop()
})

async function connect(room: string, token: string): Promise<YClient> {
  const client = await connectSyncedClient(server.url, room, token)
  clients.push(client)
  return client
}

const download = (board: CreatedBoard, token = board.tokens.facilitator) =>
  fetch(`${server.url}/api/boards/${board.id}/backup`, { headers: bearer(token) })

const restore = (body: Uint8Array | string) =>
  fetch(`${server.url}/api/boards/restore`, { method: 'POST', headers: { 'content-type': 'application/json' }, body })

/** Rows of every table, to prove a refused restore stored nothing. */
const rowCounts = () => countRows(server.dataDir, ['boards', 'board_access', 'doc_updates', 'doc_snapshots', 'assets'])

async function workshopWithContent(): Promise<{ board: CreatedBoard; breakoutId: string; state: Uint8Array }> {
  const board = await createBoard(server.url, 'Vision workshop, Cox’s Bazar')
  const client = await connect(board.id, board.tokens.editor)
  client.doc.transact(() => {
    getRecordsKeyValue(client.doc).set('shape:n1', noteRecord('shape:n1', 'كل طفل في المدرسة'))
    getCodraftText(client.doc, 'shape:c1').insert(0, 'Every child safe and learning')
  })
  const created = await fetch(`${server.url}/api/boards/${board.id}/breakouts`, {
    method: 'POST',
    headers: { ...bearer(board.tokens.facilitator), 'content-type': 'application/json' },
    body: JSON.stringify({ groups: [{ name: 'Health' }] }),
  })
  const breakoutId = ((await created.json()) as { boards: { id: string }[] }).boards[0]!.id
  const breakout = await connect(breakoutId, board.tokens.editor)
  breakout.doc.getMap('check').set('group', 'health work')
  const workshop = await connect(roomName({ channel: 'facilitation', boardId: board.id }), board.tokens.facilitator)
  workshop.doc.transact(() => {
    writeWorkshop(workshop.doc, 'breakouts', {
      status: 'ended',
      startedAt: 1,
      groups: [{ boardId: breakoutId, name: 'Health', memberIds: [] }],
    })
    writeVotingSession(workshop.doc, {
      id: 'v1',
      title: 'Priorities',
      boardId: board.id,
      itemIds: ['shape:n1'],
      votesPerPerson: 3,
      allowSeveralPerItem: false,
      status: 'ended',
      startedAt: 1,
      results: [{ itemId: 'shape:n1', votes: 4 }],
      voterCount: 4,
    })
  })
  // Read back through a fresh client: what the server holds.
  await waitUntil('stored', async () => {
    const reader = await connect(board.id, board.tokens.viewer)
    return getCodraftText(reader.doc, 'shape:c1').length > 0
  })
  const reader = await connect(board.id, board.tokens.viewer)
  return { board, breakoutId, state: Y.encodeStateAsUpdate(reader.doc) }
}

describe('board backup', () => {
  it('round-trips a workshop into a new board with new links and an identical document', async () => {
    const { board, breakoutId, state } = await workshopWithContent()
    const response = await download(board)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-disposition')).toMatch(
      /attachment;.*Vision-workshop-Coxs-Bazar-\d{4}-\d\d-\d\d\.cgboard\.json/,
    )
    const file = new Uint8Array(await response.arrayBuffer())

    const restored = await restore(file)
    expect(restored.status).toBe(201)
    const copy = (await restored.json()) as { id: string; title: string; role: string; links: CreatedBoard['links'] }
    expect(copy.id).not.toBe(board.id)
    expect(copy.title).toBe('Vision workshop, Cox’s Bazar')
    const tokens = { facilitator: tokenOfLink(copy.links.facilitator), viewer: tokenOfLink(copy.links.viewer) }
    // The old links do not open the copy.
    const refused = await fetch(`${server.url}/api/boards/${copy.id}`, { headers: bearer(board.tokens.facilitator) })
    expect(refused.status).toBe(401)

    const reader = await connect(copy.id, tokens.viewer)
    expect(Y.encodeStateAsUpdate(reader.doc)).toEqual(state)
    expect(getCodraftText(reader.doc, 'shape:c1').toString()).toBe('Every child safe and learning')
    expect(noteText(readDocRecords(reader.doc).get('shape:n1'))).toBe('كل طفل في المدرسة')

    // Breakouts and votes came along, pointing at the new boards.
    const breakouts = await fetch(`${server.url}/api/boards/${copy.id}/breakouts`, { headers: bearer(tokens.viewer) })
    const [group] = ((await breakouts.json()) as { boards: { id: string; title: string }[] }).boards
    expect(group).toMatchObject({ title: 'Health' })
    expect(group!.id).not.toBe(breakoutId)
    const groupDoc = await connect(group!.id, tokens.viewer)
    expect(groupDoc.doc.getMap('check').get('group')).toBe('health work')
    const workshop = await connect(roomName({ channel: 'facilitation', boardId: copy.id }), tokens.viewer)
    expect(readVotingSession(workshop.doc, 'v1')).toMatchObject({ boardId: copy.id, results: [{ votes: 4 }] })
    expect(JSON.stringify(workshop.doc.getMap('workshop').get('breakouts'))).toContain(group!.id)
  })

  it('carries uploaded files and moves their addresses to the new board', async () => {
    const board = await createBoard(server.url, 'With a photo')
    const png = solidPng(4, 4)
    const uploaded = await fetch(`${server.url}/api/boards/${board.id}/assets`, {
      method: 'POST',
      headers: { ...bearer(board.tokens.editor), 'content-type': 'application/octet-stream' },
      body: png,
    })
    const { id: assetId, url } = (await uploaded.json()) as { id: string; url: string }
    const client = await connect(board.id, board.tokens.editor)
    client.doc.transact(() =>
      getRecordsKeyValue(client.doc).set(`asset:${assetId}`, imageAssetRecord(`asset:${assetId}`, url)),
    )
    await waitUntil(
      'stored',
      async () => (await connect(board.id, board.tokens.viewer)).doc.getArray('tl_records').length === 1,
    )
    const copy = (await (await restore(new Uint8Array(await (await download(board)).arrayBuffer()))).json()) as {
      id: string
      links: CreatedBoard['links']
    }
    const reader = await connect(copy.id, tokenOfLink(copy.links.viewer))
    const asset = readDocRecords(reader.doc).get(`asset:${assetId}`) as { props: { src: string } }
    expect(asset.props.src).toBe(`/api/boards/${copy.id}/assets/${assetId}`)
    const served = await fetch(server.url + asset.props.src)
    expect(Buffer.from(await served.arrayBuffer()).equals(png)).toBe(true)
    expect(served.headers.get('content-security-policy')).toMatch(/^sandbox/)
  })

  it('drops files in a backup that do not decode as images or videos, whatever type the file claims', async () => {
    const board = await createBoard(server.url, 'Crafted')
    const file = JSON.parse(await (await download(board)).text()) as {
      sha256: string
      payload: { board: { assets: { id: string; mimeType: string; data: string }[] } }
    }
    const page = Buffer.from('<script>alert(localStorage.getItem("cg.recentBoards"))</script>').toString('base64')
    const png = solidPng(4, 4)
    const zeroed = Buffer.alloc(png.length)
    png.copy(zeroed, 0, 0, 16)
    file.payload.board.assets = [
      { id: 'evil', mimeType: 'text/html', data: page },
      { id: 'zeroed', mimeType: 'image/png', data: zeroed.toString('base64') },
      { id: 'real', mimeType: 'image/png', data: png.toString('base64') },
    ]
    const { createHash } = await import('node:crypto')
    file.sha256 = createHash('sha256').update(JSON.stringify(file.payload)).digest('hex')
    const restored = await restore(JSON.stringify(file))
    expect(restored.status).toBe(201)
    const copy = (await restored.json()) as { id: string }
    expect((await fetch(`${server.url}/api/boards/${copy.id}/assets/evil`)).status).toBe(404)
    expect((await fetch(`${server.url}/api/boards/${copy.id}/assets/zeroed`)).status).toBe(404)
    expect((await fetch(`${server.url}/api/boards/${copy.id}/assets/real`)).status).toBe(200)
  })

  it('is only for facilitators, of the plenary board', async () => {
    const board = await createBoard(server.url)
    expect((await download(board, board.tokens.editor)).status).toBe(403)
    expect((await download(board, 'x'.repeat(43))).status).toBe(401)
  })

  it('refuses a truncated, foreign, edited, newer or unreadable file with a clear message, storing nothing', async () => {
    const { board } = await workshopWithContent()
    const good = await (await download(board)).text()
    const parsed = JSON.parse(good) as {
      version: number
      payload: { board: { doc: string; title: string } }
      sha256: string
    }
    const edited = JSON.parse(good) as typeof parsed
    edited.payload.board.title = 'Tampered'
    const newer = { ...parsed, version: 99 }
    const unreadable = JSON.parse(good) as typeof parsed
    unreadable.payload.board.doc = Buffer.from([1, 2, 3, 250, 250, 250]).toString('base64')
    const { createHash } = await import('node:crypto')
    unreadable.sha256 = createHash('sha256').update(JSON.stringify(unreadable.payload)).digest('hex')

    const twice = JSON.parse(good) as typeof parsed & { payload: { board: { assets: unknown[] } } }
    twice.payload.board.assets = [
      { id: 'a', mimeType: 'image/png', data: 'AA==' },
      { id: 'a', mimeType: 'image/png', data: 'AA==' },
    ]
    twice.sha256 = createHash('sha256').update(JSON.stringify(twice.payload)).digest('hex')

    const before = await rowCounts()
    for (const [body, code, message] of [
      [good.slice(0, good.length / 2), 'backup-not-recognized', /not a board backup, or it was cut short/],
      ['{"hello": "world"}', 'backup-not-recognized', /not a Common Ground board backup/],
      [JSON.stringify(edited), 'backup-damaged', /checksum does not match/],
      [JSON.stringify(newer), 'backup-newer-version', /newer version/],
      [JSON.stringify(unreadable), 'backup-damaged', /cannot be read/],
      [JSON.stringify(twice), 'backup-damaged', /appears twice/],
      ['', 'invalid-request', /Send the backup file/],
    ] as const) {
      const response = await restore(body)
      expect(response.status).toBe(400)
      const error = ((await response.json()) as { error: { code: string; message: string } }).error
      expect(error).toMatchObject({ code })
      expect(error.message).toMatch(message)
    }
    expect(await rowCounts()).toEqual(before)
  })

  it("refuses a backup whose board holds more files than this server's quota, storing nothing", async () => {
    const board = await createBoard(server.url, 'Photo wall')
    const file = JSON.parse(await (await download(board)).text()) as {
      sha256: string
      payload: { board: { assets: { id: string; mimeType: string; data: string }[] } }
    }
    const photos = [1, 2, 3, 4, 5, 6].map((seed) => noisyPng(150, 150, seed))
    expect(photos[0]!.length).toBeLessThan(MAX_BOARD_FILES_BYTES)
    expect(photos.reduce((sum, photo) => sum + photo.length, 0)).toBeGreaterThan(MAX_BOARD_FILES_BYTES)
    file.payload.board.assets = photos.map((photo, i) => ({
      id: `p${i}`,
      mimeType: 'image/png',
      data: photo.toString('base64'),
    }))
    const { createHash } = await import('node:crypto')
    file.sha256 = createHash('sha256').update(JSON.stringify(file.payload)).digest('hex')
    const before = await rowCounts()
    const response = await restore(JSON.stringify(file))
    expect(response.status).toBe(413)
    const error = ((await response.json()) as { error: { code: string; message: string } }).error
    expect(error.code).toBe('board-files-full')
    expect(error.message).toMatch(/Photo wall/)
    expect(await rowCounts()).toEqual(before)
  })
})
