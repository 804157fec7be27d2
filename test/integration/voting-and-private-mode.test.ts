import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  ballotsMap,
  readVotingSession,
  readWorkshop,
  writeVotingSession,
  writeWorkshop,
  type VotingSession,
} from '@cg/facilitation'
import { roomName } from '@cg/contract'
import { getRecordsKeyValue, readDocRecords } from '@cg/tldraw-yjs/layout'
import { bearer, createBoard, type CreatedBoard } from '../support/boards.ts'
import { connectRawWebSocket, syncFrame, type RawWebSocket } from '../support/rawSockets.ts'
import { startTestServer, type TestServer } from '../support/testServer.ts'
import { noteRecord } from '../support/records.ts'
import { waitUntil } from '../support/waitUntil.ts'
import { connectSyncedClient, type YClient } from '../support/yClient.ts'

let server: TestServer
const clients: YClient[] = []
const sockets: RawWebSocket[] = []

beforeAll(async () => {
  server = await startTestServer()
})
afterAll(async () => {
  for (const client of clients.splice(0)) client.destroy()
  for (const raw of sockets.splice(0)) raw.socket.terminate()
  await server?.stop()
})

async function connect(room: string, token: string): Promise<YClient> {
  const client = await connectSyncedClient(server.url, room, token)
  clients.push(client)
  return client
}

const workshopRoom = (board: CreatedBoard) => roomName({ channel: 'facilitation', boardId: board.id })
const privateRoom = (board: CreatedBoard, key: string) => roomName({ channel: 'private', boardId: board.id, key })
const KEY_A = 'aaaaaaaaaaaaaaaaaaaaaa'
const KEY_B = 'bbbbbbbbbbbbbbbbbbbbbb'

/** A bare socket that records every byte the server sends it. */
function eavesdrop(room: string, token: string): { raw: RawWebSocket; received: () => Buffer } {
  const raw = connectRawWebSocket(server.url, room, token)
  sockets.push(raw)
  const chunks: Buffer[] = []
  raw.socket.on('message', (data: Buffer) => chunks.push(Buffer.from(data)))
  // Ask for the whole document, as a client joining does, so the log holds everything the server will share.
  void raw.opened.then(() => raw.socket.send(syncFrame(0, Y.encodeStateVector(new Y.Doc()))))
  return { raw, received: () => Buffer.concat(chunks) }
}

const post = (board: CreatedBoard, path: string, token: string, body?: unknown) =>
  fetch(`${server.url}/api/boards/${board.id}${path}`, {
    method: 'POST',
    headers: { ...bearer(token), 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })

describe('sticker voting', () => {
  it('keeps ballots out of everyone’s reach until the facilitator ends the session, then shows totals', async () => {
    const board = await createBoard(server.url, 'Priorities')
    const facilitator = await connect(workshopRoom(board), board.tokens.facilitator)
    const session: VotingSession = {
      id: 'vote-1',
      title: 'Which risks first?',
      boardId: board.id,
      itemIds: ['shape:early-marriage', 'shape:dropout', 'shape:malnutrition'],
      votesPerPerson: 3,
      allowSeveralPerItem: false,
      status: 'open',
      startedAt: Date.now(),
    }
    facilitator.doc.transact(() => writeVotingSession(facilitator.doc, session))
    const watcher = eavesdrop(workshopRoom(board), board.tokens.editor)
    const participant = await connect(workshopRoom(board), board.tokens.editor)
    await waitUntil('session visible', () => readVotingSession(participant.doc, 'vote-1')?.status === 'open')

    const amina = await connect(privateRoom(board, KEY_A), board.tokens.editor)
    const bruno = await connect(privateRoom(board, KEY_B), board.tokens.editor)
    ballotsMap(amina.doc).set('vote-1', ['shape:dropout', 'shape:early-marriage'])
    // Bruno's client misbehaves: too many stickers, one twice, one on an item that is not in the session.
    ballotsMap(bruno.doc).set('vote-1', [
      'shape:dropout',
      'shape:dropout',
      'shape:x',
      'shape:malnutrition',
      'shape:early-marriage',
      'shape:dropout',
    ])
    await new Promise((resolve) => setTimeout(resolve, 200))
    // Nothing of a ballot reached anyone else.
    expect(watcher.received().includes('shape:dropout')).toBe(true) // the item list itself is public
    expect(watcher.received().includes('ballots')).toBe(false)
    expect(readVotingSession(participant.doc, 'vote-1')?.results).toBeUndefined()

    expect((await post(board, '/votes/vote-1/end', board.tokens.editor)).status).toBe(403)
    const response = await post(board, '/votes/vote-1/end', board.tokens.facilitator)
    expect(response.status).toBe(200)
    await waitUntil('results visible', () => readVotingSession(participant.doc, 'vote-1')?.status === 'ended')
    const ended = readVotingSession(participant.doc, 'vote-1')!
    // A tie keeps the order the items were listed in.
    expect(ended.results).toEqual([
      { itemId: 'shape:early-marriage', votes: 2 },
      { itemId: 'shape:dropout', votes: 2 },
      { itemId: 'shape:malnutrition', votes: 1 },
    ])
    expect(ended.voterCount).toBe(2)
    // Totals only: who voted for what is nowhere in the shared state.
    expect(JSON.stringify(participant.doc.toJSON())).not.toContain(KEY_A)
    expect((await post(board, '/votes/vote-1/end', board.tokens.facilitator)).status).toBe(409)
    expect((await post(board, '/votes/nope/end', board.tokens.facilitator)).status).toBe(404)
  })
})

describe('sticker voting across workshops', () => {
  it('refuses to count another workshop’s ballots, whatever session a facilitator writes', async () => {
    const [victim, attacker] = await Promise.all([
      createBoard(server.url, 'Victim'),
      createBoard(server.url, 'Attacker'),
    ])
    const ballot = await connect(privateRoom(victim, KEY_A), victim.tokens.editor)
    ballotsMap(ballot.doc).set('vote-x', ['shape:a'])
    const forgerRoom = await connect(workshopRoom(attacker), attacker.tokens.facilitator)
    forgerRoom.doc.transact(() =>
      writeVotingSession(forgerRoom.doc, {
        id: 'vote-x',
        title: 'Peek',
        boardId: victim.id,
        itemIds: ['shape:a'],
        votesPerPerson: 1,
        allowSeveralPerItem: false,
        status: 'open',
        startedAt: Date.now(),
      }),
    )
    await waitUntil('session stored', async () => {
      const reader = await connect(workshopRoom(attacker), attacker.tokens.viewer)
      return readVotingSession(reader.doc, 'vote-x') !== undefined
    })
    const response = await post(attacker, '/votes/vote-x/end', attacker.tokens.facilitator)
    expect(response.status).toBe(403)
    expect(JSON.stringify(await response.json())).not.toContain('"votes":1')
  })
})

describe('private mode', () => {
  const privateNote = (id: string, text: string) =>
    noteRecord(id, text, { x: 10, y: 20, meta: { private: true, authorName: 'Amina Diallo' } })

  it('sends a participant’s notes to no other client before the reveal, then to everyone, anonymously', async () => {
    const board = await createBoard(server.url, 'Private brainstorm')
    const facilitator = await connect(workshopRoom(board), board.tokens.facilitator)
    facilitator.doc.transact(() => writeWorkshop(facilitator.doc, 'privateMode', { on: true }))
    // Another participant, as a stock client and as a raw socket logging every byte, on every room it may open.
    const other = await connect(board.id, board.tokens.editor)
    const boardBytes = eavesdrop(board.id, board.tokens.editor)
    const workshopBytes = eavesdrop(workshopRoom(board), board.tokens.viewer)
    const viewerBytes = eavesdrop(board.id, board.tokens.viewer)
    const otherPrivate = await connect(privateRoom(board, KEY_B), board.tokens.editor)

    const amina = await connect(privateRoom(board, KEY_A), board.tokens.editor)
    amina.doc.transact(() => {
      getRecordsKeyValue(amina.doc).set('shape:secret', privateNote('shape:secret', 'Cash transfers for teen mothers'))
    })
    // The server holds it (stored in Amina's private room) ...
    await waitUntil('stored', async () =>
      (await server.storage.listDocNames(`${board.id}:private:`)).includes(privateRoom(board, KEY_A)),
    )
    await new Promise((resolve) => setTimeout(resolve, 300))
    // ... and no other connection got a byte of it.
    for (const bytes of [boardBytes.received(), workshopBytes.received(), viewerBytes.received()]) {
      expect(bytes.includes('Cash transfers')).toBe(false)
      expect(bytes.includes('Amina Diallo')).toBe(false)
    }
    expect(JSON.stringify(other.doc.toJSON())).not.toContain('Cash transfers')
    expect(JSON.stringify(otherPrivate.doc.toJSON())).not.toContain('Cash transfers')

    expect((await post(board, '/private/reveal', board.tokens.editor, { anonymous: true })).status).toBe(403)
    expect((await post(board, '/private/reveal', board.tokens.facilitator, { anonymous: 'yes' })).status).toBe(400)
    const reveal = await post(board, '/private/reveal', board.tokens.facilitator, { anonymous: true })
    expect(await reveal.json()).toEqual({ revealed: 1 })

    const textOf = (doc: Y.Doc) => JSON.stringify([...readDocRecords(doc).values()])
    await waitUntil('revealed to others', () => textOf(other.doc).includes('Cash transfers'))
    await waitUntil('gone from the private room', () => !textOf(amina.doc).includes('Cash transfers'))
    const revealed = [...readDocRecords(other.doc).values()] as { id: string; meta: Record<string, unknown> }[]
    expect(revealed).toHaveLength(1)
    expect(revealed[0]!.id).not.toBe('shape:secret')
    expect(revealed[0]!.meta).toEqual({})
    expect(boardBytes.received().includes('Amina Diallo')).toBe(false)
    await waitUntil('reveal noted', () => readWorkshop(facilitator.doc, 'privateMode').lastRevealCount === 1)
    expect(readWorkshop(facilitator.doc, 'privateMode').on).toBe(true)
  })

  it('names the author when the facilitator reveals without anonymity', async () => {
    const board = await createBoard(server.url, 'Named reveal')
    const amina = await connect(privateRoom(board, KEY_A), board.tokens.editor)
    amina.doc.transact(() => getRecordsKeyValue(amina.doc).set('shape:n', privateNote('shape:n', 'Named idea')))
    await waitUntil('stored', async () => (await server.storage.listDocNames(`${board.id}:private:`)).length === 1)
    const reveal = await post(board, '/private/reveal', board.tokens.facilitator, { anonymous: false })
    expect(await reveal.json()).toEqual({ revealed: 1 })
    const reader = await connect(board.id, board.tokens.viewer)
    const [record] = [...readDocRecords(reader.doc).values()] as { meta: Record<string, unknown> }[]
    expect(record!.meta).toEqual({ revealedAuthor: 'Amina Diallo' })
  })
})
