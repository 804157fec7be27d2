import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PageRoutes } from '@cg/contract'
import { bearer, createBoard } from '../support/boards.ts'
import { noisyPng, solidPng } from '../support/png.ts'
import { makeTempDir, removeTempDir } from '../support/tempDir.ts'
import { startTestServer, type TestServer } from '../support/testServer.ts'

const MAX_ASSET_BYTES = 4096
const MAX_BOARD_FILES_BYTES = 10_000
const INDEX_HTML = '<!doctype html><title>Common Ground test shell</title>'

let server: TestServer
let webDist: string

beforeAll(async () => {
  webDist = makeTempDir('cg-int-web-')
  writeFileSync(join(webDist, 'index.html'), INDEX_HTML)
  server = await startTestServer({
    env: {
      WEB_DIST: webDist,
      MAX_ASSET_BYTES: String(MAX_ASSET_BYTES),
      MAX_BOARD_FILES_BYTES: String(MAX_BOARD_FILES_BYTES),
    },
  })
})

afterAll(async () => {
  await server?.stop()
  removeTempDir(webDist)
})

const postJson = (path: string, body: string, contentType = 'application/json') =>
  fetch(server.url + path, { method: 'POST', headers: { 'content-type': contentType }, body })

const upload = (
  board: { id: string; tokens: { editor: string } },
  bytes: Uint8Array,
  contentType = 'image/png',
  fileName = 'picture.png',
  token = board.tokens.editor,
) =>
  fetch(`${server.url}/api/boards/${board.id}/assets`, {
    method: 'POST',
    headers: {
      ...bearer(token),
      'content-type': contentType,
      'content-disposition': `attachment; filename="${fileName}"`,
    },
    body: bytes,
  })

async function expectApiError(response: Response, status: number, code: string) {
  expect(response.status).toBe(status)
  expect(response.headers.get('content-type')).toMatch(/^application\/json/)
  const body = (await response.json()) as { error: { code: string; message: string } }
  expect(body.error.code).toBe(code)
  expect(body.error.message).toEqual(expect.any(String))
}

describe('boards', () => {
  it('creates a board: 201 with an unguessable id and a secret link per role', async () => {
    const response = await postJson('/api/boards', JSON.stringify({ title: '  Joint programme vision ' }))
    expect(response.status).toBe(201)
    const board = (await response.json()) as { id: string; title: string; role: string; links: Record<string, string> }
    expect(board.id).toMatch(/^[A-Za-z0-9_-]{22}$/)
    expect(board.title).toBe('Joint programme vision')
    expect(board.role).toBe('facilitator')
    expect(Object.keys(board.links).sort()).toEqual(['editor', 'facilitator', 'viewer'])
    // The secret rides in the fragment, which browsers never send to the server.
    for (const link of Object.values(board.links)) expect(link).toMatch(new RegExp(`^/b/${board.id}#token=[\\w-]{43}$`))
    expect(new Set(Object.values(board.links)).size).toBe(3)
    expect(response.headers.get('location')).toBe(`/api/boards/${board.id}`)
  })

  it('gives each board its own id', async () => {
    const [a, b] = await Promise.all([createBoard(server.url, 'A'), createBoard(server.url, 'B')])
    expect(a.id).not.toBe(b.id)
  })

  it('returns a board’s metadata with the role of the token, and the links to facilitators only', async () => {
    const board = await createBoard(server.url, 'Theory of change')
    // Every view carries the workshop's retention (none set here, idle retention off).
    const retention = { deleteOn: null, linksExpireAt: null, idleDeleteOn: null }
    const common = { id: board.id, title: 'Theory of change', createdAt: board.createdAt, parentId: null, retention }
    const asFacilitator = await fetch(`${server.url}/api/boards/${board.id}`, {
      headers: bearer(board.tokens.facilitator),
    })
    expect(asFacilitator.status).toBe(200)
    expect(await asFacilitator.json()).toEqual({ ...common, role: 'facilitator', links: board.links })
    for (const role of ['editor', 'viewer'] as const) {
      const response = await fetch(`${server.url}/api/boards/${board.id}`, { headers: bearer(board.tokens[role]) })
      expect(await response.json()).toEqual({ ...common, role })
    }
    expect(Number.isNaN(Date.parse(board.createdAt))).toBe(false)
  })

  it('refuses a missing, malformed or wrong token with 401, and another board’s token too', async () => {
    const [board, other] = await Promise.all([createBoard(server.url), createBoard(server.url)])
    for (const headers of [
      {},
      { authorization: 'Bearer' },
      { authorization: `Basic ${board.tokens.editor}` },
      bearer('x'.repeat(43)),
      bearer(other.tokens.facilitator),
    ]) {
      await expectApiError(await fetch(`${server.url}/api/boards/${board.id}`, { headers }), 401, 'invalid-token')
    }
  })

  it('opens a board made before links had roles (no stored secrets) as an editor, with or without a token', async () => {
    await server.storage.createBoard({ id: 'L'.repeat(22), title: 'Old board', createdAt: 1, parentId: null })
    for (const headers of [{}, bearer('x'.repeat(43))]) {
      const response = await fetch(`${server.url}/api/boards/${'L'.repeat(22)}`, { headers })
      expect(((await response.json()) as { role: string }).role).toBe('editor')
    }
  })

  it('answers 404 JSON for an unknown or malformed board id', async () => {
    const { tokens } = await createBoard(server.url)
    for (const id of ['AAAAAAAAAAAAAAAAAAAAAA', 'nope', 'x'.repeat(23), '%21%21%21%21%21%21%21%21%21%21%21']) {
      const response = await fetch(`${server.url}/api/boards/${id}`, { headers: bearer(tokens.facilitator) })
      await expectApiError(response, 404, 'board-not-found')
    }
  })

  it.each([
    ['a missing title', JSON.stringify({})],
    ['an empty title', JSON.stringify({ title: '' })],
    ['a blank title', JSON.stringify({ title: '   ' })],
    ['a title over 200 characters', JSON.stringify({ title: 'x'.repeat(201) })],
    ['a title that is not a string', JSON.stringify({ title: 42 })],
    ['a body that is not an object', JSON.stringify(['title'])],
    ['a body that is not JSON', '{"title": "unterminated'],
  ])('refuses %s with 400', async (_case, body) => {
    await expectApiError(await postJson('/api/boards', body), 400, 'invalid-request')
  })

  it('refuses a body that is not sent as JSON with 400', async () => {
    await expectApiError(
      await postJson('/api/boards', 'title=Vision', 'application/x-www-form-urlencoded'),
      400,
      'invalid-request',
    )
  })

  it('accepts a title of exactly 200 characters', async () => {
    expect((await postJson('/api/boards', JSON.stringify({ title: 'x'.repeat(200) }))).status).toBe(201)
  })
})

describe('health and web pages', () => {
  it('answers /healthz with 200', async () => {
    const response = await fetch(`${server.url}/healthz`)
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ status: 'ok' })
  })

  it('serves the app shell for a known board with 200 and for an unknown one with 404', async () => {
    const board = await createBoard(server.url)
    const known = await fetch(server.url + board.links.editor)
    expect(known.status).toBe(200)
    expect(known.headers.get('content-type')).toMatch(/^text\/html/)
    expect(await known.text()).toBe(INDEX_HTML)

    for (const id of ['AAAAAAAAAAAAAAAAAAAAAA', 'not-a-board']) {
      const unknown = await fetch(`${server.url}/b/${id}`)
      expect(unknown.status).toBe(404)
      expect(await unknown.text()).toBe(INDEX_HTML)
    }
  })

  it('answers a board’s outline with 503 when the build has no outline page, the board page still served', async () => {
    // This server's build is a shell alone, as one from before the outline existed: never the shell in its place.
    const board = await createBoard(server.url)
    const outline = await fetch(server.url + PageRoutes.outline.path({ id: board.id }))
    expect(outline.status).toBe(503)
    expect(await outline.text()).toMatch(/not built/)
    expect((await fetch(server.url + PageRoutes.board.path({ id: board.id }))).status).toBe(200)
  })
})

describe('assets', () => {
  it('stores an uploaded PNG and serves the same bytes back as image/png', async () => {
    const board = await createBoard(server.url)
    const png = solidPng(3, 2)
    const response = await upload(board, png, 'application/octet-stream')
    expect(response.status).toBe(201)
    const asset = (await response.json()) as { id: string; mimeType: string; url: string }
    expect(asset.mimeType).toBe('image/png')
    expect(asset.url).toBe(`/api/boards/${board.id}/assets/${asset.id}`)

    const served = await fetch(server.url + asset.url)
    expect(served.status).toBe(200)
    expect(served.headers.get('content-type')).toBe('image/png')
    expect(Buffer.from(await served.arrayBuffer()).equals(png)).toBe(true)
  })

  it('refuses a text file that claims to be a PNG with 415', async () => {
    const board = await createBoard(server.url)
    const text = new TextEncoder().encode('Meeting notes: not an image, whatever its name says.')
    await expectApiError(await upload(board, text, 'image/png', 'notes.png'), 415, 'unsupported-media-type')
  })

  it('refuses a file that starts like a PNG but does not decode as one (zeros after the signature) with 415', async () => {
    const board = await createBoard(server.url)
    const png = solidPng(3, 2)
    const zeroed = Buffer.alloc(png.length)
    png.copy(zeroed, 0, 0, 16)
    await expectApiError(await upload(board, zeroed), 415, 'file-unreadable')
    await expectApiError(await upload(board, png.subarray(0, 40)), 415, 'file-unreadable')
  })

  it("refuses files beyond the board's quota (MAX_BOARD_FILES_BYTES) with 413, and other boards still take theirs", async () => {
    const [board, other] = await Promise.all([createBoard(server.url), createBoard(server.url)])
    const picture = noisyPng(24, 24)
    expect(picture.length).toBeLessThan(MAX_ASSET_BYTES)
    // Sent all at once: the quota holds even when uploads race.
    const responses = await Promise.all(Array.from({ length: 8 }, () => upload(board, picture)))
    const stored = responses.filter((response) => response.status === 201).length
    expect(stored).toBe(Math.floor(MAX_BOARD_FILES_BYTES / picture.length))
    await expectApiError(
      responses.find((response) => response.status !== 201)!,
      413,
      'board-files-full',
    )
    expect(await server.storage.assetBytes(board.id)).toBeLessThanOrEqual(MAX_BOARD_FILES_BYTES)
    expect((await upload(other, picture)).status).toBe(201)
  })

  it('refuses a file over MAX_ASSET_BYTES with 413', async () => {
    const board = await createBoard(server.url)
    const big = noisyPng(48, 48)
    expect(big.length).toBeGreaterThan(MAX_ASSET_BYTES)
    await expectApiError(await upload(board, big), 413, 'payload-too-large')
  })

  it('refuses an upload to an unknown board with 404', async () => {
    const { tokens } = await createBoard(server.url)
    await expectApiError(await upload({ id: 'AAAAAAAAAAAAAAAAAAAAAA', tokens }, solidPng()), 404, 'board-not-found')
  })

  it('takes uploads from editors and facilitators only: 403 for a viewer, 401 without a valid token', async () => {
    const board = await createBoard(server.url)
    expect((await upload(board, solidPng(), 'image/png', 'a.png', board.tokens.facilitator)).status).toBe(201)
    await expectApiError(await upload(board, solidPng(), 'image/png', 'a.png', board.tokens.viewer), 403, 'forbidden')
    await expectApiError(await upload(board, solidPng(), 'image/png', 'a.png', 'x'.repeat(43)), 401, 'invalid-token')
  })

  it('answers 404 for an asset that does not exist, or exists on another board', async () => {
    const [board, other] = await Promise.all([createBoard(server.url), createBoard(server.url)])
    const created = (await (await upload(board, solidPng())).json()) as { id: string }
    await expectApiError(await fetch(`${server.url}/api/boards/${board.id}/assets/nope`), 404, 'asset-not-found')
    await expectApiError(
      await fetch(`${server.url}/api/boards/${other.id}/assets/${created.id}`),
      404,
      'asset-not-found',
    )
  })
})

describe('errors keep their status and the JSON shape', () => {
  it('answers an unknown API path with 404 JSON', async () => {
    await expectApiError(await fetch(`${server.url}/api/nope`), 404, 'not-found')
    await expectApiError(await postJson('/api/boards/x/y/z', '{}'), 404, 'not-found')
  })

  it('answers a missing bundle file with 404, not a server error', async () => {
    await expectApiError(await fetch(`${server.url}/assets/missing.js`), 404, 'not-found')
  })

  it('refuses a JSON body in an unsupported charset with 415', async () => {
    await expectApiError(
      await postJson('/api/boards', '{"title":"x"}', 'application/json; charset=latin-9'),
      415,
      'invalid-request',
    )
  })

  it('refuses a board path with broken percent-encoding with 400, without blaming a JSON body', async () => {
    const response = await fetch(`${server.url}/b/%E0%A4%A`)
    expect(response.status).toBe(400)
    const body = (await response.json()) as { error: { message: string } }
    expect(body.error.message).not.toMatch(/JSON/)
  })

  it('refuses an upload to an unknown board before reading its body', async () => {
    const big = new Uint8Array(MAX_ASSET_BYTES * 4)
    await expectApiError(
      await upload({ id: 'A'.repeat(22), tokens: { editor: 'x'.repeat(43) } }, big),
      404,
      'board-not-found',
    )
  })
})

describe('exports', () => {
  const startExport = (board: { id: string; tokens: { viewer: string } }, body: unknown) =>
    fetch(`${server.url}/api/boards/${board.id}/exports`, {
      method: 'POST',
      headers: { ...bearer(board.tokens.viewer), 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })

  it('refuses an unknown format, and a Word document of anything but the report, with 400 before rendering', async () => {
    const board = await createBoard(server.url, 'Formats')
    const unknown = await startExport(board, { report: true, format: 'odt' })
    expect(unknown.status).toBe(400)
    const boardOnly = await startExport(board, { report: false, format: 'docx' })
    expect(boardOnly.status).toBe(400)
    expect(((await boardOnly.json()) as { error: { message: string } }).error.message).toContain('workshop report only')
  })
})

describe('templates', () => {
  it('serves the template catalog with its sectors and strings in four languages', async () => {
    const response = await fetch(`${server.url}/api/templates`)
    expect(response.status).toBe(200)
    const catalog = (await response.json()) as {
      templates: { definition: { id: string }; strings: Record<string, { name: string }> }[]
      sectors: { id: string }[]
    }
    expect(catalog.templates.map((t) => t.definition.id)).toContain('logframe')
    for (const template of catalog.templates) {
      expect(Object.keys(template.strings).sort()).toEqual(['ar', 'en', 'es', 'fr'])
    }
    expect(catalog.sectors.map((s) => s.id)).toContain('child-protection')
  })
})
