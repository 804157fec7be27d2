import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { readVersionContent } from '@cg/history'
import { getRecordsKeyValue } from '@cg/tldraw-yjs'
import { bearer, createBoard, type CreatedBoard } from '../support/boards.ts'
import { noisyPng } from '../support/png.ts'
import { imageAssetRecord, imageShapeRecord } from '../support/records.ts'
import { startTestServer, type TestServer } from '../support/testServer.ts'
import { waitUntil } from '../support/waitUntil.ts'
import { connectSyncedClient, type YClient } from '../support/yClient.ts'

const DAY_MS = 24 * 3_600_000

/** The server's clock for the files' marks: only this test moves it. */
let clock = Date.now()
let server: TestServer
const clients: YClient[] = []

beforeAll(async () => {
  // Sweeps run when the test says (FILE_SWEEP_MS out of the way); the grace is the default week.
  server = await startTestServer({ env: { FILE_SWEEP_MS: String(24 * 3_600_000) }, now: () => clock })
})
afterAll(async () => {
  for (const client of clients.splice(0)) client.destroy()
  await server?.stop()
})

async function upload(boardId: string, token: string): Promise<{ id: string; url: string }> {
  const response = await fetch(`${server.url}/api/boards/${boardId}/assets`, {
    method: 'POST',
    headers: { ...bearer(token), 'content-type': 'image/png' },
    body: noisyPng(8, 8, randomBytes(4).readUInt32BE() | 1),
  })
  expect(response.status).toBe(201)
  return (await response.json()) as { id: string; url: string }
}

/** Whether the server still serves the file (200) or has deleted it (404). */
const served = async (url: string) => (await fetch(`${server.url}${url}`)).status

/** The records of a room as stored (what every process wrote). */
async function storedRecords(room: string): Promise<Record<string, unknown>> {
  const stored = await server.storage.loadDoc(room)
  const doc = new Y.Doc()
  for (const part of stored.snapshot ? [stored.snapshot, ...stored.updates] : stored.updates) Y.applyUpdate(doc, part)
  return readVersionContent(doc).records
}

async function editor(board: CreatedBoard, room = board.id): Promise<YClient> {
  const client = await connectSyncedClient(server.url, room, board.tokens.editor)
  clients.push(client)
  return client
}

/** Puts a picture on a board: the asset record of an uploaded file and an image shape showing it. */
async function showPicture(client: YClient, room: string, file: { id: string; url: string }, shapeId: string) {
  client.doc.transact(() => {
    getRecordsKeyValue(client.doc).set(`asset:${file.id}`, imageAssetRecord(`asset:${file.id}`, file.url))
    getRecordsKeyValue(client.doc).set(shapeId, imageShapeRecord(shapeId, `asset:${file.id}`))
  })
  await waitUntil(`${shapeId} stored`, async () => shapeId in (await storedRecords(room)))
}

async function sweepAt(at: number) {
  clock = at
  return server.unusedFiles.sweep()
}

describe('unused files', () => {
  it('deletes, after the grace period, a file no record and no version refers to, and keeps the others', async () => {
    const start = clock
    const board = await createBoard(server.url, 'Pictures')
    const client = await editor(board)

    const shown = await upload(board.id, board.tokens.editor)
    await showPicture(client, board.id, shown, 'shape:shown')
    const unused = await upload(board.id, board.tokens.editor)
    // Shown, saved in a named version, then removed from the board: only the version refers to it.
    const inVersion = await upload(board.id, board.tokens.editor)
    await showPicture(client, board.id, inVersion, 'shape:versioned')
    const saved = await fetch(`${server.url}/api/boards/${board.id}/versions`, {
      method: 'POST',
      headers: { ...bearer(board.tokens.facilitator), 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'With the second picture' }),
    })
    expect(saved.status).toBe(201)
    getRecordsKeyValue(client.doc).delete('shape:versioned')
    await waitUntil('the picture left the board', async () => !('shape:versioned' in (await storedRecords(board.id))))
    // Uploaded, and its record not there yet when the first sweep runs (it lands moments later).
    const arriving = await upload(board.id, board.tokens.editor)

    expect(await sweepAt(start)).toMatchObject({ deleted: 0, unreadable: 0 })
    await showPicture(client, board.id, arriving, 'shape:arrived')
    expect(await sweepAt(start + 6 * DAY_MS)).toMatchObject({ deleted: 0 })
    for (const file of [shown, unused, inVersion, arriving]) expect(await served(file.url)).toBe(200)

    // A week after the first sweep found it unused, the unused file goes; nothing else does.
    expect(await sweepAt(start + 7 * DAY_MS)).toMatchObject({ deleted: 1, unreadable: 0 })
    expect(await served(unused.url)).toBe(404)
    for (const file of [shown, inVersion, arriving]) expect(await served(file.url)).toBe(200)
    expect((await server.storage.listAssets(board.id)).map((asset) => asset.id).sort()).toEqual(
      [shown.id, inVersion.id, arriving.id].sort(),
    )
    expect(await sweepAt(start + 30 * DAY_MS)).toMatchObject({ deleted: 0 })
  })

  it("keeps a breakout's file shown on the plenary (work brought back), and deletes one nothing shows", async () => {
    const start = clock
    const board = await createBoard(server.url, 'Workshop with a group')
    const created = await fetch(`${server.url}/api/boards/${board.id}/breakouts`, {
      method: 'POST',
      headers: { ...bearer(board.tokens.facilitator), 'content-type': 'application/json' },
      body: JSON.stringify({ groups: [{ name: 'Group 1' }] }),
    })
    const breakoutId = ((await created.json()) as { boards: { id: string }[] }).boards[0]!.id
    const broughtBack = await upload(breakoutId, board.tokens.editor)
    const forgotten = await upload(breakoutId, board.tokens.editor)
    // The picture is on the plenary only, pointing at the breakout's file, as bringing work back leaves it.
    await showPicture(await editor(board), board.id, broughtBack, 'shape:brought-back')

    await sweepAt(start)
    expect(await sweepAt(start + 8 * DAY_MS)).toMatchObject({ deleted: 1 })
    expect(await served(broughtBack.url)).toBe(200)
    expect(await served(forgotten.url)).toBe(404)
  })

  it('leaves the files of a workshop in the trash to its purge', async () => {
    const start = clock
    const board = await createBoard(server.url, 'Deleted with a file')
    const file = await upload(board.id, board.tokens.editor)
    await sweepAt(start)
    const deleted = await fetch(`${server.url}/api/boards/${board.id}`, {
      method: 'DELETE',
      headers: bearer(board.tokens.facilitator),
    })
    expect(deleted.status).toBe(200)
    await sweepAt(start + 8 * DAY_MS)
    expect((await server.storage.listAssets(board.id)).map((asset) => asset.id)).toEqual([file.id])
  })
})
