import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { roomName } from '@cg/contract'
import { SqliteStorage } from '@cg/storage'
import { createTestDatabase, postgresSkipReason, type TestDatabase } from '@cg/storage/testing'
import { humanBytes } from '../../apps/server/src/admin/boardsTable.ts'
import { bearer, createBoard, type CreatedBoard } from '../support/boards.ts'
import { noisyPng } from '../support/png.ts'
import { connectRawWebSocket, type RawWebSocket } from '../support/rawSockets.ts'
import { redisSkipReason, startTestRedis, type TestRedis } from '../support/redisServer.ts'
import { spawnServer, type ServerProcess } from '../support/serverProcess.ts'
import { makeTempDir, removeTempDir } from '../support/tempDir.ts'
import { startTestServer, type TestServer } from '../support/testServer.ts'
import { testStorageEnv, testStorageKind } from '../support/testStorage.ts'

const ADMIN_CLI = fileURLToPath(new URL('../../apps/server/src/admin/adminCli.ts', import.meta.url))
const SWEEP_MS = 200
/** Each run of the command line starts a Node process: a test making several takes longer than most. */
const SLOW = { timeout: 120_000 }
const GONE = { code: 4410, reason: 'board-deleted' }
const sockets: RawWebSocket[] = []

interface Run {
  code: number | null
  stdout: string
  stderr: string
}

/** Runs `npm run admin -- <args>` as an operator would, with the server's environment. */
function admin(env: Record<string, string>, ...args: string[]): Promise<Run> {
  const child = spawn(process.execPath, [ADMIN_CLI, ...args], {
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, stdout, stderr })))
}

function open(url: string, room: string, token: string): RawWebSocket {
  const socket = connectRawWebSocket(url, room, token)
  sockets.push(socket)
  return socket
}

async function breakoutOf(url: string, board: CreatedBoard): Promise<string> {
  const created = await fetch(`${url}/api/boards/${board.id}/breakouts`, {
    method: 'POST',
    headers: { ...bearer(board.tokens.facilitator), 'content-type': 'application/json' },
    body: JSON.stringify({ groups: [{ name: 'Group 1' }] }),
  })
  return ((await created.json()) as { boards: { id: string }[] }).boards[0]!.id
}

const statusOf = async (url: string, board: CreatedBoard) =>
  (await fetch(`${url}/api/boards/${board.id}`, { headers: bearer(board.tokens.facilitator) })).status

afterAll(() => {
  for (const raw of sockets.splice(0)) raw.socket.terminate()
})

describe("the operators' command line, beside a running server", SLOW, () => {
  let server: TestServer
  let env: Record<string, string>

  beforeAll(async () => {
    server = await startTestServer({ env: { PURGE_SWEEP_MS: String(SWEEP_MS) } })
    // The server's own environment: its data dir (SQLite) or database (PostgreSQL), and its sweep.
    env = { DATA_DIR: server.dataDir, PURGE_SWEEP_MS: String(SWEEP_MS), ...(await testStorageEnv(server.dataDir)) }
  })
  afterAll(() => server?.stop())

  it('lists every workshop with its title, breakouts and size, and refuses what it does not know', async () => {
    const board = await createBoard(server.url, 'Référentiel — Cox’s Bazar')
    await breakoutOf(server.url, board)
    const uploaded = await fetch(`${server.url}/api/boards/${board.id}/assets`, {
      method: 'POST',
      headers: { ...bearer(board.tokens.editor), 'content-type': 'image/png' },
      body: noisyPng(64, 64, 7),
    })
    expect(uploaded.status).toBe(201)
    const summary = (await server.storage.listWorkshops()).find((workshop) => workshop.board.id === board.id)!
    expect(summary.bytes).toBeGreaterThan(64 * 64)

    const listed = await admin(env, 'boards')
    expect(listed).toMatchObject({ code: 0, stderr: '' })
    const line = listed.stdout.split('\n').find((text) => text.startsWith(board.id))!
    expect(line).toContain('Référentiel — Cox’s Bazar')
    expect(line.split(/\s{2,}/)).toEqual(
      expect.arrayContaining([
        board.id,
        '1',
        humanBytes(summary.bytes),
        `${board.createdAt.slice(0, 16).replace('T', ' ')} UTC`,
      ]),
    )
    expect(listed.stdout).toMatch(/^ID\s+TITLE\s+BREAKOUTS\s+SIZE\s+CREATED\s+LAST OPENED\s+DELETION/)

    const breakoutId = (await server.storage.listChildBoards(board.id))[0]!.id
    const refused = await admin(env, 'delete', breakoutId)
    expect(refused.code).toBe(1)
    expect(refused.stderr).toContain(`Delete the plenary board ${board.id}`)
    expect(await admin(env, 'delete', 'no-such-board')).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/^No board no-such-board/),
    })
    expect(await admin(env, 'frobnicate')).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/^Unknown command: frobnicate/),
    })
    expect(await admin(env, 'delete')).toMatchObject({ code: 2 })
    expect(await admin(env, 'help')).toMatchObject({ code: 0, stdout: expect.stringContaining('backup <file>') })
    expect(await statusOf(server.url, board)).toBe(200)
  })

  it('deletes a workshop: new connections refused at once, open ones closed at the next sweep; purge empties the trash', async () => {
    const board = await createBoard(server.url, 'Deleted by the operator')
    const breakoutId = await breakoutOf(server.url, board)
    const opened = [
      open(server.url, board.id, board.tokens.editor),
      open(server.url, breakoutId, board.tokens.viewer),
      open(server.url, roomName({ channel: 'facilitation', boardId: board.id }), board.tokens.facilitator),
    ]
    await Promise.all(opened.map((socket) => socket.opened))

    const deleted = await admin(env, 'delete', board.id)
    expect(deleted).toMatchObject({ code: 0, stdout: expect.stringContaining('is in the trash') })
    // Refused from the database at once, though this server was not told (no Redis).
    expect(await open(server.url, board.id, board.tokens.facilitator).closed).toEqual(GONE)
    expect(await statusOf(server.url, board)).toBe(410)
    // Its sweep finds the workshop in the trash and closes what it held open.
    for (const socket of opened) expect(await socket.closed).toEqual(GONE)
    expect((await admin(env, 'boards')).stdout).toMatch(new RegExp(`^${board.id}.*in the trash, purged \\d{4}-`, 'm'))

    const purged = await admin(env, 'purge')
    expect(purged).toMatchObject({ code: 0, stdout: expect.stringContaining('Purged 1 workshop from the trash.') })
    expect(await statusOf(server.url, board)).toBe(404)
    expect(await server.storage.getBoard(breakoutId)).toBeUndefined()
    expect((await admin(env, 'boards')).stdout).not.toContain(board.id)
    expect(await admin(env, 'purge')).toMatchObject({ code: 0, stdout: 'The trash is empty.\n' })
  })

  it('purges at once with delete --now', async () => {
    const board = await createBoard(server.url, 'Purged by the operator')
    const socket = open(server.url, board.id, board.tokens.editor)
    await socket.opened
    const purged = await admin(env, 'delete', board.id, '--now')
    expect(purged).toMatchObject({ code: 0, stdout: expect.stringContaining('is purged') })
    expect(await socket.closed).toEqual(GONE)
    expect(await statusOf(server.url, board)).toBe(404)
  })

  it('backs up the whole SQLite store into a file that opens with the boards; on PostgreSQL, says to use pg_dump', async () => {
    const board = await createBoard(server.url, 'Kept in the backup')
    const dir = makeTempDir('cg-admin-backup-')
    try {
      const file = join(dir, 'backup.sqlite')
      if (testStorageKind === 'postgres') {
        expect(await admin(env, 'backup', file)).toMatchObject({ code: 1, stderr: expect.stringContaining('pg_dump') })
        return
      }
      expect(await admin(env, 'backup', file)).toMatchObject({ code: 0, stdout: expect.stringContaining(file) })
      const copy = new SqliteStorage(file)
      expect(await copy.getBoard(board.id)).toMatchObject({ title: 'Kept in the backup' })
      await copy.close()
      expect(await admin(env, 'backup', file)).toMatchObject({
        code: 1,
        stderr: expect.stringContaining('already exists'),
      })
    } finally {
      removeTempDir(dir)
    }
  })
})

// Servers joined by Redis run on PostgreSQL whatever the project: this part is declared in the default one only.
const redisSkip = testStorageKind === 'postgres' ? null : ((await postgresSkipReason()) ?? redisSkipReason())
const describeWithRedis = testStorageKind === 'postgres' ? () => {} : describe.skipIf(redisSkip)

describeWithRedis('the command line with servers joined by Redis', SLOW, () => {
  let database: TestDatabase
  let redis: TestRedis
  let server: ServerProcess
  let dataDir: string

  beforeAll(async () => {
    database = await createTestDatabase()
    redis = await startTestRedis()
    dataDir = makeTempDir('cg-admin-redis-')
    // A sweep far off: only the announcement can close the sockets within the test.
    server = await spawnServer({
      DATA_DIR: dataDir,
      DATABASE_URL: database.url,
      REDIS_URL: redis.url,
      PURGE_SWEEP_MS: '3600000',
    })
  })
  afterAll(async () => {
    await server?.stop()
    await redis?.stop()
    await database?.drop()
    removeTempDir(dataDir)
  })

  it('closes the sockets of a deleted workshop on the running server at once', async () => {
    const board = await createBoard(server.url, 'Deleted across processes')
    const breakoutId = await breakoutOf(server.url, board)
    const opened = [open(server.url, board.id, board.tokens.editor), open(server.url, breakoutId, board.tokens.editor)]
    await Promise.all(opened.map((socket) => socket.opened))
    const env = { DATA_DIR: dataDir, DATABASE_URL: database.url, REDIS_URL: redis.url, PURGE_SWEEP_MS: '3600000' }

    expect((await admin(env, 'boards')).stdout).toContain(board.id)
    const deleted = await admin(env, 'delete', board.id)
    expect(deleted).toMatchObject({
      code: 0,
      stdout: expect.stringContaining('Running servers closed its connections.'),
    })
    for (const socket of opened) expect(await socket.closed).toEqual(GONE)

    // Told at once, the server drops its rooms: the purge need not wait for a sweep.
    const purged = await admin(env, 'purge')
    expect(purged).toMatchObject({ code: 0, stdout: 'Purged 1 workshop from the trash.\n' })
    expect(await statusOf(server.url, board)).toBe(404)
  })
})
