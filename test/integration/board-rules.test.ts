import * as decoding from 'lib0/decoding'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { boardSchema } from '@cg/board-rules'
import { REFUSAL_MESSAGE_TYPE, RefusalReason } from '@cg/contract'
import { getMetaMap, getRecordsKeyValue, readDocRecords, RECORDS_ARRAY_NAME, SCHEMA_KEY } from '@cg/tldraw-yjs/layout'
import { createBoard, type CreatedBoard } from '../support/boards.ts'
import { connectRawWebSocket, syncFrame, type RawWebSocket } from '../support/rawSockets.ts'
import { frameRecord, noteRecord, pageRecord, richText } from '../support/records.ts'
import { startTestServer, type TestServer } from '../support/testServer.ts'
import { waitUntil } from '../support/waitUntil.ts'
import { connectClient, connectSyncedClient, type YClient } from '../support/yClient.ts'

// Small enough to pass with a 300 kB update, which the frame limit still lets through.
const MAX_BOARD_BYTES = 256 * 1024
const MAX_MESSAGE_BYTES = 1024 * 1024

let server: TestServer
let board: CreatedBoard
const clients: YClient[] = []
const sockets: RawWebSocket[] = []

const frame = frameRecord('shape:frame', { meta: { template: 'logframe' } })
const cell = noteRecord('shape:cell', 'Outcome', {
  parentId: 'shape:frame',
  isLocked: true,
  meta: { template: 'logframe' },
})

beforeAll(async () => {
  server = await startTestServer({
    env: { MAX_BOARD_BYTES: String(MAX_BOARD_BYTES), MAX_MESSAGE_BYTES: String(MAX_MESSAGE_BYTES) },
  })
  board = await createBoard(server.url, 'Rules')
  const facilitator = await connect(board.tokens.facilitator)
  facilitator.doc.transact(() => {
    getMetaMap(facilitator.doc).set(SCHEMA_KEY, boardSchema.serialize())
    const kv = getRecordsKeyValue(facilitator.doc)
    for (const record of [pageRecord, frame, cell, noteRecord('shape:free', 'Free note')])
      kv.set(record.id as string, record)
  })
  await waitUntil('the board is stored', async () => (await fresh()).size === 4)
})
afterAll(async () => {
  for (const client of clients.splice(0)) client.destroy()
  for (const raw of sockets.splice(0)) raw.socket.terminate()
  await server?.stop()
})

async function connect(token: string): Promise<YClient> {
  const client = await connectSyncedClient(server.url, board.id, token)
  clients.push(client)
  return client
}

/** The records a fresh client loads from the server. */
async function fresh(): Promise<Map<string, unknown>> {
  const reader = await connectSyncedClient(server.url, board.id, board.tokens.facilitator)
  const records = readDocRecords(reader.doc)
  reader.destroy()
  return records
}

/** A stock client that also records the server's refusals. */
async function participant(): Promise<{ client: YClient; refusals: string[] }> {
  const client = connectClient(server.url, board.id, board.tokens.editor)
  clients.push(client)
  const refusals: string[] = []
  client.provider.messageHandlers[REFUSAL_MESSAGE_TYPE] = (_encoder, decoder) =>
    refusals.push(decoding.readVarString(decoder))
  await client.synced()
  return { client, refusals }
}

/** A raw participant connection that keeps every byte the server sends it. */
function watcher(): { received: () => string } {
  const raw = connectRawWebSocket(server.url, board.id, board.tokens.editor)
  sockets.push(raw)
  const chunks: Buffer[] = []
  raw.socket.on('message', (data: Buffer) => chunks.push(data))
  return { received: () => Buffer.concat(chunks).toString('latin1') }
}

/** Every stored byte of the board (its update log and snapshot), as text. */
async function storedText(): Promise<string> {
  const stored = await server.storage.loadDoc(board.id)
  return [stored.snapshot, ...stored.updates]
    .flatMap((bytes) => (bytes ? [Buffer.from(bytes).toString('latin1')] : []))
    .join('')
}

async function expectServerServing(): Promise<void> {
  expect((await fetch(`${server.url}/healthz`)).status).toBe(200)
  const editor = await connect(board.tokens.editor)
  const mark = `ok-${Math.random()}`
  editor.doc.getMap('checks').set(mark, true)
  const other = await connect(board.tokens.editor)
  await waitUntil('a good change still syncs', () => other.doc.getMap('checks').get(mark) === true)
}

describe('the server’s board rules, against a participant’s client', () => {
  it.each([
    {
      name: 'a schema nobody can read',
      reason: RefusalReason.invalidSchema,
      mark: 'MARK-SCHEMA',
      edit: (doc: Y.Doc, mark: string) => getMetaMap(doc).set(SCHEMA_KEY, `not a schema ${mark}`),
    },
    {
      name: 'a record that is not a tldraw record',
      reason: RefusalReason.invalidRecord,
      mark: 'MARK-JUNK',
      edit: (doc: Y.Doc, mark: string) => getRecordsKeyValue(doc).set('shape:junk', { junk: mark }),
    },
    {
      name: 'a change to locked scaffold',
      reason: RefusalReason.scaffoldLocked,
      mark: 'MARK-SCAFFOLD',
      edit: (doc: Y.Doc, mark: string) =>
        getRecordsKeyValue(doc).set('shape:cell', {
          ...cell,
          props: { ...(cell.props as object), richText: richText(mark) },
        }),
    },
    {
      name: 'the deletion of a template frame',
      reason: RefusalReason.scaffoldLocked,
      mark: null,
      edit: (doc: Y.Doc) =>
        doc.transact(() => ['shape:cell', 'shape:frame'].forEach((id) => getRecordsKeyValue(doc).delete(id))),
    },
    {
      name: 'an update past the board’s size limit',
      reason: RefusalReason.boardTooLarge,
      mark: 'MARK-BIG',
      edit: (doc: Y.Doc, mark: string) => doc.getMap('attachments').set('big', mark.repeat(300_000 / mark.length)),
    },
  ])('undo $name for everyone, the sender included', async ({ reason, mark, edit }) => {
    const before = await fresh()
    const seen = watcher()
    const { client, refusals } = await participant()
    const schemaBefore = JSON.stringify(getMetaMap(client.doc).get(SCHEMA_KEY))
    edit(client.doc, mark ?? '')
    await waitUntil('the server says why', () => refusals.includes(reason))
    // The sender's own doc comes back to the board's real state, records and schema (the refusal may arrive first).
    await waitUntil('the sender converges back', () => {
      const mine = readDocRecords(client.doc)
      return (
        JSON.stringify([...mine].sort()) === JSON.stringify([...before].sort()) &&
        JSON.stringify(getMetaMap(client.doc).get(SCHEMA_KEY)) === schemaBefore
      )
    })
    expect(client.doc.getMap('attachments').get('big')).toBeUndefined()
    // A fresh client loads the board as it was; nobody else ever received the refused content; nor was it stored.
    expect(await fresh()).toEqual(before)
    if (mark) {
      expect(seen.received()).not.toContain(mark)
      expect(await storedText()).not.toContain(mark)
    }
    // The sender stayed connected and does not send it again when it reconnects.
    expect(client.disconnects).toBe(0)
    const count = refusals.length
    client.provider.disconnect()
    client.provider.connect()
    await client.synced()
    await expectServerServing()
    expect(refusals.length).toBe(count)
    expect(await fresh()).toEqual(before)
  })

  it('refuses an entry placed between two others before applying it: the board never holds it, even deleted', async () => {
    const { client, refusals } = await participant()
    client.doc
      .getArray(RECORDS_ARRAY_NAME)
      .insert(1, [{ key: 'shape:early', val: noteRecord('shape:early', 'MARK-EARLY') }])
    await waitUntil('the server says why', () => refusals.includes(RefusalReason.invalidRecord))
    const reader = await connectSyncedClient(server.url, board.id, board.tokens.facilitator)
    clients.push(reader)
    // Reviewed after applying, it would be undone by a deletion, and the sender's clock would be in the board.
    expect(Y.decodeStateVector(Y.encodeStateVector(reader.doc)).has(client.doc.clientID)).toBe(false)
  })

  it('lets the facilitator change scaffold the lock keeps from participants', async () => {
    const facilitator = await connect(board.tokens.facilitator)
    const moved = { ...cell, x: 40 }
    getRecordsKeyValue(facilitator.doc).set('shape:cell', moved)
    await waitUntil('stored', async () => JSON.stringify((await fresh()).get('shape:cell')) === JSON.stringify(moved))
    getRecordsKeyValue(facilitator.doc).set('shape:cell', cell)
    await waitUntil('back', async () => JSON.stringify((await fresh()).get('shape:cell')) === JSON.stringify(cell))
  })

  it('refuses an update that depends on changes the server never got, and keeps serving', async () => {
    const before = await fresh()
    const raw = connectRawWebSocket(server.url, board.id, board.tokens.editor)
    sockets.push(raw)
    await raw.opened
    const refusals: string[] = []
    raw.socket.on('message', (data: Buffer) => {
      const decoder = decoding.createDecoder(new Uint8Array(data))
      if (decoding.readVarUint(decoder) === REFUSAL_MESSAGE_TYPE) refusals.push(decoding.readVarString(decoder))
    })
    // Two changes in a row from one client; only the second is sent.
    const forger = new Y.Doc()
    const updates: Uint8Array[] = []
    forger.on('update', (update: Uint8Array) => updates.push(update))
    getRecordsKeyValue(forger).set('shape:first', noteRecord('shape:first', 'never sent'))
    getRecordsKeyValue(forger).set('shape:pending', noteRecord('shape:pending', 'MARK-PENDING'))
    raw.socket.send(syncFrame(2, updates[1]!))
    await waitUntil('refused', () => refusals.includes(RefusalReason.missingDependencies))
    expect(raw.socket.readyState).toBe(raw.socket.OPEN)
    expect(await fresh()).toEqual(before)
    expect(await storedText()).not.toContain('MARK-PENDING')
    await expectServerServing()
  })
})
