import { createHash } from 'node:crypto'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { pino } from 'pino'
import { writeVotingSession } from '@cg/facilitation'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DISPLAY_NAME_HEADER, roomName, type AuditEntryView, type AuditLogView } from '@cg/contract'
import { readConfig } from '../../apps/server/src/config.ts'
import { startServer, type RunningServer } from '../../apps/server/src/createServer.ts'
import { issueInternalViewerToken, revokeInternalViewerToken } from '../../apps/server/src/auth/internalTokens.ts'
import { changeRoom } from '../../apps/server/src/boards/changeRoom.ts'
import { MAX_BACKUP_AUDIT_ENTRIES } from '../../apps/server/src/backup/backupAudit.ts'
import { bearer, createBoard, tokenOfLink, type CreatedBoard } from '../support/boards.ts'
import { parseCsv } from '../support/csv.ts'
import { TEST_RATE_LIMITS } from '../support/serverProcess.ts'
import { makeTempDir, removeTempDir } from '../support/tempDir.ts'
import { countRows, tablesHolding, testStorageEnv } from '../support/testStorage.ts'
import { waitUntil } from '../support/waitUntil.ts'
import { connectSyncedClient, type YClient } from '../support/yClient.ts'

const HOUR_MS = 3_600_000
/** A name a spreadsheet would run as a formula if the file let it. */
const FORMULA_NAME = '=HYPERLINK("http://example.org/x","open")'
const NAMES = ['مريم', 'Maryam B.', 'Ahmed', 'Nadia', 'Someone inside', FORMULA_NAME]

/** The server's clock for the log: only this test moves it. */
let clock = Date.parse('2026-03-02T08:00:00.000Z')
let server: RunningServer
let dataDir: string
let webDist: string
const logLines: string[] = []
const clients: YClient[] = []

beforeAll(async () => {
  dataDir = makeTempDir('cg-int-audit-')
  webDist = makeTempDir('cg-int-audit-web-')
  writeFileSync(join(webDist, 'index.html'), '<!doctype html><title>Common Ground test shell</title>')
  const config = readConfig({
    PORT: '0',
    DATA_DIR: dataDir,
    WEB_DIST: webDist,
    ROOM_UNLOAD_GRACE_MS: '50',
    ...TEST_RATE_LIMITS,
    ...(await testStorageEnv(dataDir)),
  })
  if (!config.ok) throw new Error(config.errors.join('; '))
  // Every line the server logs, at every level, to prove none holds a name.
  const log = pino({ level: 'trace' }, { write: (line: string) => void logLines.push(line) })
  server = await startServer(config.config, log, { now: () => clock })
})
afterAll(async () => {
  for (const client of clients.splice(0)) client.destroy()
  await server?.close()
  removeTempDir(dataDir)
  removeTempDir(webDist)
})

const at = (time: number) => new Date(time).toISOString()

function api(method: string, path: string, token: string, options: { name?: string; body?: unknown } = {}) {
  return fetch(`${server.url}${path}`, {
    method,
    headers: {
      ...bearer(token),
      ...(options.name ? { [DISPLAY_NAME_HEADER]: encodeURIComponent(options.name) } : {}),
      ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
  })
}

async function auditLog(board: CreatedBoard, query = '', token = board.tokens.facilitator): Promise<AuditLogView> {
  const response = await api('GET', `/api/boards/${board.id}/audit${query}`, token)
  expect(response.status).toBe(200)
  expect(response.headers.get('cache-control')).toBe('no-store')
  return (await response.json()) as AuditLogView
}

const entriesOf = async (board: CreatedBoard) => (await auditLog(board, '?limit=200')).entries

/** Waits until the log holds `count` entries, and gives them. */
async function logOf(board: CreatedBoard, count: number): Promise<AuditEntryView[]> {
  let entries: AuditEntryView[] = []
  await waitUntil(`the log holds ${count} entries`, async () => (entries = await entriesOf(board)).length >= count)
  return entries
}

/** A person's tab on a room: a y-websocket client whose presence carries the name they gave, as the web app's does. */
async function openTab(room: string, token: string, name: string): Promise<YClient> {
  const client = await connectSyncedClient(server.url, room, token)
  clients.push(client)
  client.provider.awareness.setLocalState({
    tldrawPresence: { typeName: 'instance_presence', userId: `user:${name.length}`, userName: name, cursor: { x: 1 } },
  })
  return client
}

function rename(client: YClient, name: string): void {
  const state = client.provider.awareness.getLocalState() as { tldrawPresence: object }
  client.provider.awareness.setLocalState({ tldrawPresence: { ...state.tldrawPresence, userName: name } })
}

/** Whether the server's room holds a presence of `name` (the watch has seen it by then). */
async function presenceArrived(room: string, name: string): Promise<void> {
  await waitUntil(`${name}'s presence reached ${room}`, async () => {
    const states = (await server.sync.getLoadedRoom(room))?.awareness.getStates()
    return [...(states?.values() ?? [])].some((state) => JSON.stringify(state).includes(JSON.stringify(name)))
  })
}

async function breakoutOf(board: CreatedBoard): Promise<string> {
  const created = await api('POST', `/api/boards/${board.id}/breakouts`, board.tokens.facilitator, {
    body: { groups: [{ name: 'Group 1' }] },
  })
  return ((await created.json()) as { boards: { id: string }[] }).boards[0]!.id
}

describe('the audit log', () => {
  let board: CreatedBoard
  let breakoutId: string
  let expected: Partial<AuditEntryView>[]

  beforeAll(async () => {
    board = await createBoard(server.url, 'Child protection, district 4')
    breakoutId = await breakoutOf(board)
  })

  it('records joins by the name people gave and their link’s role, once per name, role and board an hour', async () => {
    const t1 = (clock += HOUR_MS)
    const maryam = await openTab(board.id, board.tokens.editor, 'مريم')
    const joined = await logOf(board, 1)
    // Cursor moves are not joins; a new name is (recorded once the moves before it were seen).
    for (let x = 2; x < 20; x++) maryam.provider.awareness.setLocalStateField('cursor', { x })
    const t2 = (clock += 60_000)
    rename(maryam, 'Maryam B.')
    await logOf(board, 2)
    // Back after a dropped connection, within the hour: the same entry. Then a name people could not open safely.
    maryam.destroy()
    clock += 30 * 60_000
    const back = await openTab(board.id, board.tokens.editor, 'مريم')
    const t3 = (clock += 60_000)
    rename(back, FORMULA_NAME)
    await logOf(board, 3)

    // A viewer on the breakout; the facilitator in the workshop room and a private room (the same people, on the
    // same page: not joins); the PDF renderer's own token (not a person).
    const t4 = (clock += 60_000)
    await openTab(breakoutId, board.tokens.viewer, 'Ahmed')
    const internal = issueInternalViewerToken(board.id)
    await openTab(board.id, internal, 'Someone inside')
    revokeInternalViewerToken(internal)
    const workshopRoom = roomName({ channel: 'facilitation', boardId: board.id })
    await openTab(workshopRoom, board.tokens.facilitator, 'Nadia')
    const privateRoom = roomName({ channel: 'private', boardId: board.id, key: 'k'.repeat(22) })
    await openTab(privateRoom, board.tokens.editor, 'Nadia')
    for (const [room, name] of [
      [board.id, 'Someone inside'],
      [workshopRoom, 'Nadia'],
      [privateRoom, 'Nadia'],
    ] as const) {
      await presenceArrived(room, name)
    }
    // An hour later the same person is recorded again.
    const t5 = (clock += 2 * HOUR_MS)
    await openTab(board.id, board.tokens.editor, 'مريم')
    await logOf(board, 5)

    expected = [
      { at: at(t5), kind: 'joined', boardId: board.id, name: 'مريم', role: 'editor', detail: null },
      { at: at(t4), kind: 'joined', boardId: breakoutId, name: 'Ahmed', role: 'viewer', detail: null },
      { at: at(t3), kind: 'joined', boardId: board.id, name: FORMULA_NAME, role: 'editor', detail: null },
      { at: at(t2), kind: 'joined', boardId: board.id, name: 'Maryam B.', role: 'editor', detail: null },
      { at: at(t1), kind: 'joined', boardId: board.id, name: 'مريم', role: 'editor', detail: null },
    ]
    expect(joined).toEqual([expected[4]])
    expect(await entriesOf(board)).toEqual(expected)
  })

  it('records exports, backups, link replacements, versions, reveals and votes, by whom, newest first', async () => {
    const t1 = (clock += 60_000)
    const exported = await api('POST', `/api/boards/${breakoutId}/exports`, board.tokens.viewer, {
      name: 'Ahmed',
      body: { format: 'pdf' },
    })
    expect(exported.status).toBe(202)
    // Rendering is not what is tested here: stopped at once.
    const { id: jobId } = (await exported.json()) as { id: string }
    expect((await fetch(`${server.url}/api/exports/${jobId}`, { method: 'DELETE' })).status).toBe(204)
    const t2 = (clock += 60_000)
    const backup = await api('GET', `/api/boards/${board.id}/backup`, board.tokens.facilitator, { name: 'Nadia' })
    expect(backup.status).toBe(200)
    await backup.arrayBuffer()
    const t3 = (clock += 60_000)
    const rotated = await api('POST', `/api/boards/${board.id}/links/rotate`, board.tokens.facilitator, {
      name: 'Nadia',
      body: {},
    })
    expect(rotated.status).toBe(200)
    const { links } = (await rotated.json()) as { links: CreatedBoard['links'] }
    board.tokens = { ...board.tokens, editor: tokenOfLink(links.editor), viewer: tokenOfLink(links.viewer) }
    const t4 = (clock += 60_000)
    const saved = await api('POST', `/api/boards/${board.id}/versions`, board.tokens.facilitator, {
      name: 'Nadia',
      body: { name: 'Before voting' },
    })
    expect(saved.status).toBe(201)
    const t5 = (clock += 60_000)
    const revealed = await api('POST', `/api/boards/${breakoutId}/private/reveal`, board.tokens.facilitator, {
      body: { anonymous: true },
    })
    expect(revealed.status).toBe(200)
    const t6 = (clock += 60_000)
    const { id: versionId } = (await saved.json()) as { id: string }
    const restoredVersion = await api(
      'POST',
      `/api/boards/${board.id}/versions/${versionId}/restore`,
      board.tokens.facilitator,
      { name: 'Nadia' },
    )
    expect(restoredVersion.status).toBe(200)
    const t7 = (clock += 60_000)
    await changeRoom(server.sync, roomName({ channel: 'facilitation', boardId: board.id }), (doc) =>
      writeVotingSession(doc, {
        id: 'vote-1',
        title: 'Which risks first?',
        boardId: breakoutId,
        itemIds: ['shape:risk'],
        votesPerPerson: 3,
        allowSeveralPerItem: false,
        status: 'open',
        startedAt: t7,
      }),
    )
    const ended = await api('POST', `/api/boards/${board.id}/votes/vote-1/end`, board.tokens.facilitator, {
      name: 'Nadia',
    })
    expect(ended.status).toBe(200)

    expected = [
      { at: at(t7), kind: 'vote-ended', boardId: breakoutId, name: 'Nadia', role: 'facilitator', detail: '0 voters' },
      {
        at: at(t6),
        kind: 'version-restored',
        boardId: board.id,
        name: 'Nadia',
        role: 'facilitator',
        detail: 'Before voting',
      },
      {
        at: at(t5),
        kind: 'drafts-revealed',
        boardId: breakoutId,
        name: null,
        role: 'facilitator',
        detail: '0 anonymous',
      },
      {
        at: at(t4),
        kind: 'version-saved',
        boardId: board.id,
        name: 'Nadia',
        role: 'facilitator',
        detail: 'Before voting',
      },
      {
        at: at(t3),
        kind: 'links-replaced',
        boardId: board.id,
        name: 'Nadia',
        role: 'facilitator',
        detail: 'editor, viewer',
      },
      { at: at(t2), kind: 'backup-downloaded', boardId: board.id, name: 'Nadia', role: 'facilitator', detail: null },
      { at: at(t1), kind: 'exported', boardId: breakoutId, name: 'Ahmed', role: 'viewer', detail: 'pdf' },
      ...expected,
    ]
    expect(await entriesOf(board)).toEqual(expected)
  })

  it('pages newest first, and shows the workshop’s log from a breakout too', async () => {
    const pages: AuditEntryView[][] = []
    let before: string | null = ''
    while (before !== null) {
      const page = await auditLog(board, `?limit=3${before ? `&before=${before}` : ''}`)
      pages.push(page.entries)
      before = page.before
    }
    expect(pages.map((page) => page.length)).toEqual([3, 3, 3, 3])
    expect(pages.flat()).toEqual(expected)
    const fromBreakout = await fetch(`${server.url}/api/boards/${breakoutId}/audit`, {
      headers: bearer(board.tokens.facilitator),
    })
    expect(((await fromBreakout.json()) as AuditLogView).entries).toEqual(expected)
    for (const query of ['?limit=0', '?limit=201', '?limit=ten', '?before=../x', '?before=1&before=2']) {
      const refused = await api('GET', `/api/boards/${board.id}/audit${query}`, board.tokens.facilitator)
      expect(refused.status, query).toBe(400)
    }
  })

  it('is for facilitators only', async () => {
    const fresh = await createBoard(server.url, 'Another workshop')
    for (const token of [board.tokens.editor, board.tokens.viewer]) {
      for (const path of ['audit', 'audit/csv']) {
        const refused = await api('GET', `/api/boards/${board.id}/${path}`, token)
        expect(refused.status).toBe(403)
      }
    }
    expect((await api('GET', `/api/boards/${board.id}/audit`, fresh.tokens.facilitator)).status).toBe(401)
  })

  it('downloads whole as CSV that a spreadsheet opens with Arabic names intact and no formula to run', async () => {
    const response = await api('GET', `/api/boards/${board.id}/audit/csv`, board.tokens.facilitator)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    expect(response.headers.get('cache-control')).toBe('no-store')
    expect(response.headers.get('content-disposition')).toMatch(
      /^attachment; filename="audit.csv"; filename\*=UTF-8''Child-protection-district-4-audit-\d{4}-\d\d-\d\d\.csv$/,
    )
    const bytes = Buffer.from(await response.arrayBuffer())
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const rows = parseCsv(bytes.subarray(3).toString('utf8'))
    expect(rows[0]).toEqual(['time', 'event', 'board id', 'board', 'name', 'role', 'detail'])
    const titles = new Map([
      [board.id, 'Child protection, district 4'],
      [breakoutId, 'Group 1'],
    ])
    // A cell a spreadsheet would take for a formula comes with a ' before it: a name, and a board id that happens to
    // start with '-' (one random id in 64).
    const asText = (cell: string) => (/^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell)
    expect(rows.slice(1)).toEqual(
      expected.map((entry) => [
        entry.at,
        entry.kind,
        asText(entry.boardId!),
        titles.get(entry.boardId!),
        asText(entry.name ?? ''),
        entry.role ?? '',
        entry.detail ?? '',
      ]),
    )
    expect(rows.some((row) => row[4] === 'مريم')).toBe(true)
    // No cell starts as a formula would.
    for (const row of rows) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/)
  })
})

describe('the audit log in a backup, and after a purge', () => {
  const backupOf = async (board: CreatedBoard) => {
    const response = await api('GET', `/api/boards/${board.id}/backup`, board.tokens.facilitator, { name: 'Nadia' })
    return (await response.json()) as { version: number; sha256: string; payload: Record<string, unknown> }
  }
  const restore = (file: unknown) =>
    fetch(`${server.url}/api/boards/restore`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [DISPLAY_NAME_HEADER]: encodeURIComponent('مريم') },
      body: JSON.stringify(file),
    })
  const resigned = <File extends { payload: Record<string, unknown> }>(file: File) => ({
    ...file,
    sha256: createHash('sha256').update(JSON.stringify(file.payload)).digest('hex'),
  })

  it('comes back with a restore, each entry on its new board, after an entry of the restore', async () => {
    const board = await createBoard(server.url, 'Referral pathways')
    const breakoutId = await breakoutOf(board)
    clock += 60_000
    await openTab(breakoutId, board.tokens.editor, 'مريم')
    await logOf(board, 1)
    clock += 60_000
    const file = await backupOf(board)
    expect(file.version).toBe(2)
    const before = await logOf(board, 2)
    expect((file.payload.audit as unknown[]).length).toBe(1)

    const restoredAt = (clock += 60_000)
    const response = await restore(file)
    expect(response.status).toBe(201)
    const copy = createdFrom((await response.json()) as CreatedBoard)
    const listed = await api('GET', `/api/boards/${copy.id}/breakouts`, copy.tokens.viewer)
    const [newBreakout] = ((await listed.json()) as { boards: { id: string }[] }).boards
    expect(await entriesOf(copy)).toEqual([
      { at: at(restoredAt), kind: 'backup-restored', boardId: copy.id, name: 'مريم', role: null, detail: null },
      { ...before[1], boardId: newBreakout!.id },
    ])
  })

  it('restores a backup made before the log, and refuses a hostile log with nothing stored', async () => {
    const board = await createBoard(server.url, 'Older backup')
    const file = await backupOf(board)
    const { audit: _, ...withoutLog } = file.payload
    const older = await restore(resigned({ ...file, version: 1, payload: withoutLog }))
    expect(older.status).toBe(201)
    const copy = createdFrom((await older.json()) as CreatedBoard)
    expect((await entriesOf(copy)).map((entry) => entry.kind)).toEqual(['backup-restored'])

    const entry = { id: '00000000aa-000000000001', at: 1, boardId: board.id, kind: 'joined', name: 'x', role: null }
    const stored = () => countRows(dataDir, ['boards', 'audit_events'])
    const storedBefore = await stored()
    for (const audit of [
      [{ ...entry, name: { toString: 'x' } }],
      [{ ...entry, name: 'x'.repeat(10_000) }],
      [{ ...entry, kind: 'joined"; DROP TABLE boards' }],
      [entry, entry],
      Array.from({ length: MAX_BACKUP_AUDIT_ENTRIES + 1 }, (_, n) => ({
        ...entry,
        id: `00000000aa-${n.toString(16).padStart(12, '0')}`,
      })),
    ]) {
      const refused = await restore(resigned({ ...file, payload: { ...file.payload, audit } }))
      expect(refused.status).toBe(400)
      expect(((await refused.json()) as { error: { code: string } }).error.code).toMatch(
        /^backup-(damaged|too-complex)$/,
      )
    }
    expect(await stored()).toEqual(storedBefore)
  })

  it('goes with its workshop: trash and undo are in it; after a purge no row holds the workshop’s ids', async () => {
    const board = await createBoard(server.url, 'To be purged')
    const breakoutId = await breakoutOf(board)
    await openTab(breakoutId, board.tokens.viewer, 'Ahmed')
    await logOf(board, 1)
    const trashedAt = (clock += 60_000)
    expect((await api('DELETE', `/api/boards/${board.id}`, board.tokens.facilitator, { name: 'Nadia' })).status).toBe(
      200,
    )
    const undoneAt = (clock += 60_000)
    const undone = await api('POST', `/api/boards/${board.id}/undelete`, board.tokens.facilitator, { name: 'Nadia' })
    expect(undone.status).toBe(200)
    expect((await entriesOf(board)).slice(0, 2)).toEqual([
      {
        at: at(undoneAt),
        kind: 'deletion-undone',
        boardId: board.id,
        name: 'Nadia',
        role: 'facilitator',
        detail: null,
      },
      {
        at: at(trashedAt),
        kind: 'deletion-scheduled',
        boardId: board.id,
        name: 'Nadia',
        role: 'facilitator',
        detail: 'facilitator',
      },
    ])
    const needles = [
      { label: 'the board id', value: board.id },
      { label: 'the breakout id', value: breakoutId },
    ]
    expect(await tablesHolding(dataDir, needles)).toContain('audit_events holds the breakout id')
    const purged = await api('DELETE', `/api/boards/${board.id}?purge=now`, board.tokens.facilitator)
    expect(purged.status).toBe(200)
    expect(await tablesHolding(dataDir, needles)).toEqual([])
  })

  it('never puts a name in the server’s log', () => {
    expect(logLines.length).toBeGreaterThan(0)
    const all = logLines.join('\n')
    for (const name of NAMES) {
      expect(all.includes(name), name).toBe(false)
      expect(all.includes(encodeURIComponent(name)), name).toBe(false)
      expect(all.includes(JSON.stringify(name).slice(1, -1)), name).toBe(false)
    }
  })
})

/** A restored workshop as the tests use boards: with the tokens of its new links. */
function createdFrom(view: CreatedBoard): CreatedBoard {
  const { links } = view
  return {
    ...view,
    tokens: {
      facilitator: tokenOfLink(links.facilitator),
      editor: tokenOfLink(links.editor),
      viewer: tokenOfLink(links.viewer),
    },
  }
}
