import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { boardSchema } from '@cg/board-rules'
import { roomName, VersionReason, type VersionView } from '@cg/contract'
import { readWorkshop } from '@cg/facilitation'
import { getMetaMap, getRecordsKeyValue, readDocRecords, SCHEMA_KEY } from '@cg/tldraw-yjs/layout'
import { bearer, createBoard, type CreatedBoard } from '../support/boards.ts'
import { noteRecord } from '../support/records.ts'
import { startTestServer, type TestServer } from '../support/testServer.ts'
import { waitUntil } from '../support/waitUntil.ts'
import { connectSyncedClient, type YClient } from '../support/yClient.ts'

let server: TestServer
const clients: YClient[] = []

beforeAll(async () => {
  server = await startTestServer({ env: { HISTORY_INTERVAL_MS: '1000', ROOM_UNLOAD_GRACE_MS: '200' } })
})
afterAll(async () => {
  for (const client of clients.splice(0)) client.destroy()
  await server?.stop()
})

async function connect(board: CreatedBoard, token: string, room = board.id): Promise<YClient> {
  const client = await connectSyncedClient(server.url, room, token)
  clients.push(client)
  return client
}

const shapeIds = (doc: Y.Doc) => [...readDocRecords(doc).keys()].filter((id) => id.startsWith('shape:'))

async function api(board: CreatedBoard, path: string, init: RequestInit = {}, token = board.tokens.facilitator) {
  return fetch(`${server.url}/api/boards/${board.id}${path}`, {
    ...init,
    headers: { ...bearer(token), 'content-type': 'application/json', ...init.headers },
  })
}

const versions = async (board: CreatedBoard) =>
  ((await (await api(board, '/versions')).json()) as { versions: VersionView[] }).versions

/** A board of `notes` notes, written by its facilitator as a browser would. */
async function boardOf(notes: number): Promise<{ board: CreatedBoard; facilitator: YClient }> {
  const board = await createBoard(server.url, `History of ${notes}`)
  const facilitator = await connect(board, board.tokens.facilitator)
  facilitator.doc.transact(() => {
    getMetaMap(facilitator.doc).set(SCHEMA_KEY, boardSchema.serialize())
    const kv = getRecordsKeyValue(facilitator.doc)
    kv.set('page:page', { id: 'page:page', typeName: 'page', name: 'Page 1', index: 'a1', meta: {} })
    for (let i = 0; i < notes; i++) kv.set(`shape:n${i}`, noteRecord(`shape:n${i}`, `Idea ${i}`, { x: i * 10 }))
  })
  await waitUntil('stored', async () => shapeIds((await connect(board, board.tokens.viewer)).doc).length === notes)
  return { board, facilitator }
}

describe('board history', () => {
  it('brings back 1,000 notes a participant deleted at once, from the version taken just before', async () => {
    const { board, facilitator } = await boardOf(1000)
    const participant = await connect(board, board.tokens.editor)
    participant.doc.transact(() => {
      for (const id of shapeIds(participant.doc)) getRecordsKeyValue(participant.doc).delete(id)
    })
    await waitUntil('everyone sees the wreck', () => shapeIds(facilitator.doc).length === 0)
    const before = await (async () => {
      let found: VersionView | undefined
      await waitUntil('a version was taken just before', async () => {
        found = (await versions(board)).find((v) => v.reason === VersionReason.beforeLargeDeletion)
        return found !== undefined
      })
      return found!
    })()
    expect(before.shapes).toBe(1000)

    const restored = await api(board, `/versions/${before.id}/restore`, { method: 'POST' })
    expect(restored.status).toBe(200)
    // Live for the one who stayed connected with the wrecked copy, and for a fresh reader.
    await waitUntil('the participant sees the board back', () => shapeIds(participant.doc).length === 1000)
    const reader = await connect(board, board.tokens.viewer)
    expect(shapeIds(reader.doc)).toHaveLength(1000)
    // The restore is undoable: a version of the wrecked board was taken just before it.
    const list = await versions(board)
    expect(list[0]).toMatchObject({ reason: VersionReason.beforeRestore, shapes: 0 })
    // Everyone on the board is told.
    const workshop = await connect(board, board.tokens.editor, roomName({ channel: 'facilitation', boardId: board.id }))
    expect(readWorkshop(workshop.doc, 'restored')).toMatchObject({ boardId: board.id, seq: 1 })
  })

  it('restores a named version; a browser offline with an old copy cannot bring deleted work back', async () => {
    const { board, facilitator } = await boardOf(5)
    const saved = await api(board, '/versions', { method: 'POST', body: JSON.stringify({ name: 'Before voting' }) })
    expect(saved.status).toBe(201)
    const { id } = (await saved.json()) as { id: string }
    getRecordsKeyValue(facilitator.doc).set('shape:late', noteRecord('shape:late', 'Added after the version'))
    // A participant's browser holds a copy with the late note, then goes offline.
    const offline = await connect(board, board.tokens.editor)
    await waitUntil('offline copy has the late note', () => readDocRecords(offline.doc).has('shape:late'))
    const cached = Y.encodeStateAsUpdate(offline.doc)
    offline.destroy()

    expect((await api(board, `/versions/${id}/restore`, { method: 'POST' })).status).toBe(200)
    await waitUntil('restored', () => !readDocRecords(facilitator.doc).has('shape:late'))
    // The browser comes back with its old copy (as its IndexedDB cache would hand it to the provider).
    const returning = await connectSyncedClient(server.url, board.id, board.tokens.editor)
    clients.push(returning)
    Y.applyUpdate(returning.doc, cached)
    await waitUntil('it synced', async () => shapeIds(returning.doc).length === 5)
    const reader = await connect(board, board.tokens.viewer)
    expect(shapeIds(reader.doc).sort()).toEqual(['shape:n0', 'shape:n1', 'shape:n2', 'shape:n3', 'shape:n4'])
    expect((await versions(board)).find((v) => v.id === id)).toMatchObject({ name: 'Before voting', shapes: 5 })
  })

  it('takes versions on its own while the board changes and when it is put away', async () => {
    const { board, facilitator } = await boardOf(3)
    getRecordsKeyValue(facilitator.doc).set('shape:n0', noteRecord('shape:n0', 'changed'))
    await waitUntil('an interval version', async () =>
      (await versions(board)).some((v) => v.reason === VersionReason.interval),
    )
    getRecordsKeyValue(facilitator.doc).set('shape:n1', noteRecord('shape:n1', 'changed again'))
    await new Promise((resolve) => setTimeout(resolve, 100))
    for (const client of clients.splice(0)) client.destroy()
    await waitUntil('an unload version', async () =>
      (await versions(board)).some((v) => v.reason === VersionReason.unload),
    )
    const preview = (await (await api(board, `/versions/${(await versions(board))[0]!.id}`)).json()) as {
      records: { id: string }[]
    }
    expect(preview.records.map((r) => r.id)).toContain('shape:n1')
  })

  it('is for facilitators only', async () => {
    const board = await createBoard(server.url, 'Private history')
    for (const token of [board.tokens.editor, board.tokens.viewer]) {
      expect((await api(board, '/versions', {}, token)).status).toBe(403)
      expect((await api(board, '/versions', { method: 'POST', body: '{"name":"x"}' }, token)).status).toBe(403)
    }
    expect((await api(board, '/versions/nope/restore', { method: 'POST' })).status).toBe(404)
  })
})
