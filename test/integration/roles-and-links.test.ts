import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { CloseCode, CloseReason } from '@cg/contract'
import { bearer, createBoard, tokenOfLink, type CreatedBoard } from '../support/boards.ts'
import { connectRawWebSocket, syncFrame, type RawWebSocket } from '../support/rawSockets.ts'
import { spawnServer, type ServerProcess } from '../support/serverProcess.ts'
import { makeTempDir, removeTempDir } from '../support/tempDir.ts'
import { waitUntil } from '../support/waitUntil.ts'
import { connectSyncedClient, type YClient } from '../support/yClient.ts'

// The real executable with debug logs, so the test can also check that no secret ever reaches the log.
let server: ServerProcess
let dataDir: string
const clients: YClient[] = []
const sockets: RawWebSocket[] = []

beforeAll(async () => {
  dataDir = makeTempDir('cg-int-roles-')
  server = await spawnServer({ DATA_DIR: dataDir, LOG_LEVEL: 'debug' })
})
afterAll(async () => {
  for (const client of clients.splice(0)) client.destroy()
  for (const raw of sockets.splice(0)) raw.socket.terminate()
  await server?.stop('SIGTERM')
  removeTempDir(dataDir)
})

async function connect(room: string, token: string): Promise<YClient> {
  const client = await connectSyncedClient(server.url, room, token)
  clients.push(client)
  return client
}

function raw(room: string, token?: string): RawWebSocket {
  const socket = connectRawWebSocket(server.url, room, token)
  sockets.push(socket)
  return socket
}

/** The document exactly as the server holds it, read by a fresh facilitator client. */
async function serverState(room: string, board: CreatedBoard): Promise<Uint8Array> {
  const reader = await connect(room, board.tokens.facilitator)
  const state = Y.encodeStateAsUpdate(reader.doc)
  reader.destroy()
  return state
}

/** Whether a server message is a sync step 2 (message type 0, sync type 1): the answer to a sync step 1. */
const isSyncStep2 = (data: Buffer) => data[0] === 0 && data[1] === 1

/**
 * Sends every way a client can push content: sync step 2 (as if answering the server), and an update. Resolves
 * only once the server has read all of it: the frames end with a sync step 1, and the server answers each step 1
 * in order on the same socket, so the answer to that last one comes after every forged frame was handled.
 */
async function pushForgedContent(socket: RawWebSocket): Promise<void> {
  await socket.opened
  let answers = 0
  const answered = new Promise<void>((resolve) => {
    socket.socket.on('message', (data: Buffer) => {
      if (isSyncStep2(data) && ++answers === 2) resolve()
    })
  })
  const forged = new Y.Doc()
  forged.getMap('tl_meta').set('schema', 'defaced')
  forged.getArray('tl_records').push([{ key: 'shape:forged', val: { text: 'forged' } }])
  const update = Y.encodeStateAsUpdate(forged)
  const emptyStateVector = Y.encodeStateVector(new Y.Doc())
  socket.socket.send(syncFrame(0, emptyStateVector)) // step 1: asking is allowed
  socket.socket.send(syncFrame(1, update)) // step 2, as if answering the server
  socket.socket.send(syncFrame(2, update)) // a plain update
  socket.socket.send(syncFrame(0, emptyStateVector)) // the round trip that proves the server read the above
  await answered
}

describe('a viewer', () => {
  it('cannot change a byte of the board, whatever it sends, and keeps receiving it live', async () => {
    const board = await createBoard(server.url, 'Roles')
    const editor = await connect(board.id, board.tokens.editor)
    editor.doc.getMap('tl_meta').set('title', 'Vision')
    const viewer = await connect(board.id, board.tokens.viewer)
    await waitUntil('viewer sees the edit', () => viewer.doc.getMap('tl_meta').get('title') === 'Vision')
    const before = await serverState(board.id, board)

    // A stock client made read-only only by the server: its own local edit is sent but must go nowhere.
    viewer.doc.getMap('tl_meta').set('title', 'Changed by a viewer')
    const forger = raw(board.id, board.tokens.viewer)
    await pushForgedContent(forger)
    // The forged frames were read; a later editor change goes through the room's queue after anything they
    // could have queued, so once the viewer sees it, a forged update would have been stored and sent too.
    editor.doc.getMap('tl_meta').set('after', 1)
    await waitUntil('viewer sees later edits live', () => viewer.doc.getMap('tl_meta').get('after') === 1)

    const after = new Y.Doc()
    Y.applyUpdate(after, await serverState(board.id, board))
    const expected = new Y.Doc()
    Y.applyUpdate(expected, before)
    expected.getMap('tl_meta').set('after', 1)
    expect(after.getMap('tl_meta').toJSON()).toEqual({ title: 'Vision', after: 1 })
    expect(after.getArray('tl_records').length).toBe(0)
    // No content of the viewer's reached the server: its client id appears nowhere in the server's state.
    expect([...after.store.clients.keys()]).not.toContain(viewer.doc.clientID)
    expect(editor.doc.getMap('tl_meta').get('title')).toBe('Vision')
    // The forger stays connected (an honest viewer answers sync step 1 too), it is just never heard.
    expect(forger.socket.readyState).toBe(forger.socket.OPEN)
  })

  it('sees the workshop state but may not open anyone’s private room', async () => {
    const board = await createBoard(server.url, 'Private rooms')
    await connect(`${board.id}:facilitation`, board.tokens.viewer)
    const privateRoom = raw(`${board.id}:private:${'k'.repeat(22)}`, board.tokens.viewer)
    expect(await privateRoom.closed).toEqual({ code: CloseCode.Forbidden, reason: CloseReason.roleForbidden })
  })
})

describe('the workshop state', () => {
  it('is written by facilitators only: an editor’s updates change nothing', async () => {
    const board = await createBoard(server.url, 'Facilitation')
    const room = `${board.id}:facilitation`
    const facilitator = await connect(room, board.tokens.facilitator)
    facilitator.doc.getMap('timer').set('state', 'running')
    const editor = await connect(room, board.tokens.editor)
    await waitUntil('editor sees the timer', () => editor.doc.getMap('timer').get('state') === 'running')

    editor.doc.getMap('timer').set('state', 'stopped by an editor')
    await pushForgedContent(raw(room, board.tokens.editor))
    facilitator.doc.getMap('timer').set('seq', 2)
    await waitUntil('editor sees later changes', () => editor.doc.getMap('timer').get('seq') === 2)
    const state = new Y.Doc()
    Y.applyUpdate(state, await serverState(room, board))
    expect(state.getMap('timer').toJSON()).toEqual({ state: 'running', seq: 2 })
    expect(state.getArray('tl_records').length).toBe(0)
    expect(facilitator.doc.getMap('timer').get('state')).toBe('running')
  })
})

describe('tokens', () => {
  it('refuses a missing, wrong or other board’s token with 4401 invalid-token', async () => {
    const [board, other] = await Promise.all([createBoard(server.url), createBoard(server.url)])
    for (const token of [undefined, '', 'x'.repeat(43), other.tokens.facilitator, board.tokens.editor + 'x']) {
      expect(await raw(board.id, token).closed).toEqual({
        code: CloseCode.Unauthorized,
        reason: CloseReason.invalidToken,
      })
    }
  })

  it('rotation stops the old editor and viewer links, closes their open connections, keeps the facilitator', async () => {
    const board = await createBoard(server.url, 'Rotation')
    const facilitator = await connect(board.id, board.tokens.facilitator)
    const oldEditor = raw(board.id, board.tokens.editor)
    const oldViewer = raw(`${board.id}:facilitation`, board.tokens.viewer)
    await Promise.all([oldEditor.opened, oldViewer.opened])

    const response = await fetch(`${server.url}/api/boards/${board.id}/links/rotate`, {
      method: 'POST',
      headers: bearer(board.tokens.facilitator),
    })
    expect(response.status).toBe(200)
    const { links } = (await response.json()) as { links: CreatedBoard['links'] }
    expect(links.facilitator).toBe(board.links.facilitator)
    expect(links.editor).not.toBe(board.links.editor)
    expect(links.viewer).not.toBe(board.links.viewer)

    const rotated = { code: CloseCode.Unauthorized, reason: CloseReason.linkRotated }
    expect(await oldEditor.closed).toEqual(rotated)
    expect(await oldViewer.closed).toEqual(rotated)
    expect(facilitator.provider.wsconnected).toBe(true)
    expect(await raw(board.id, board.tokens.editor).closed).toMatchObject({ code: CloseCode.Unauthorized })
    const info = await fetch(`${server.url}/api/boards/${board.id}`, { headers: bearer(board.tokens.viewer) })
    expect(info.status).toBe(401)

    // The new links work, and a facilitator is shown them again later.
    await connect(board.id, tokenOfLink(links.editor))
    const again = await fetch(`${server.url}/api/boards/${board.id}`, { headers: bearer(board.tokens.facilitator) })
    expect(((await again.json()) as { links: unknown }).links).toEqual(links)
  })

  it('replaces the facilitator link too, and with it every link, closing everyone who used the old ones', async () => {
    const board = await createBoard(server.url, 'Leaked facilitator link')
    const oldFacilitator = raw(board.id, board.tokens.facilitator)
    const oldEditor = raw(board.id, board.tokens.editor)
    await Promise.all([oldFacilitator.opened, oldEditor.opened])
    const response = await fetch(`${server.url}/api/boards/${board.id}/links/rotate`, {
      method: 'POST',
      headers: { ...bearer(board.tokens.facilitator), 'content-type': 'application/json' },
      body: JSON.stringify({ facilitator: true }),
    })
    expect(response.status).toBe(200)
    const { links } = (await response.json()) as { links: CreatedBoard['links'] }
    for (const role of ['facilitator', 'editor', 'viewer'] as const) expect(links[role]).not.toBe(board.links[role])
    const rotated = { code: CloseCode.Unauthorized, reason: CloseReason.linkRotated }
    expect(await oldFacilitator.closed).toEqual(rotated)
    expect(await oldEditor.closed).toEqual(rotated)
    for (const token of [board.tokens.facilitator, board.tokens.editor, board.tokens.viewer]) {
      expect((await fetch(`${server.url}/api/boards/${board.id}`, { headers: bearer(token) })).status).toBe(401)
    }
    const info = await fetch(`${server.url}/api/boards/${board.id}`, {
      headers: bearer(tokenOfLink(links.facilitator)),
    })
    expect(((await info.json()) as { role: string; links: unknown }).links).toEqual(links)
  })

  it('may only be rotated by a facilitator', async () => {
    const board = await createBoard(server.url)
    for (const [token, status] of [
      [board.tokens.editor, 403],
      [board.tokens.viewer, 403],
      ['x'.repeat(43), 401],
    ] as const) {
      const response = await fetch(`${server.url}/api/boards/${board.id}/links/rotate`, {
        method: 'POST',
        headers: bearer(token),
      })
      expect(response.status).toBe(status)
    }
    await connect(board.id, board.tokens.editor)
  })

  it('never reach the server’s log, nor do private room keys', async () => {
    const board = await createBoard(server.url, 'Secrets')
    await connect(board.id, board.tokens.editor)
    const privateKey = 'PrivateKeyPrivateKey_1'
    const drafts = await connect(`${board.id}:private:${privateKey}`, board.tokens.editor)
    drafts.doc.getMap('ballots').set('v', ['x'])
    await waitUntil('logged the private room', () => server.output().includes(`${board.id}:private:…`))
    await raw(board.id, 'y'.repeat(43)).closed
    await fetch(`${server.url}/api/boards/${board.id}`, { headers: bearer(board.tokens.facilitator) })
    const log = server.output()
    expect(log).toContain(board.id)
    for (const token of Object.values(board.tokens)) expect(log).not.toContain(token)
    expect(log).not.toContain('y'.repeat(43))
    expect(log).not.toContain(privateKey)
  })
})
