import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { request } from 'node:http'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import type WebSocket from 'ws'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { PageRoutes } from '@cg/contract'
import { getRecordsKeyValue } from '@cg/tldraw-yjs'
import { bearer, createBoard, type CreatedBoard } from '../support/boards.ts'
import { noteRecord } from '../support/records.ts'
import { startTestServer, type TestServer } from '../support/testServer.ts'
import {
  assertBuilt,
  assetsLoadedBy,
  assetsNamedBy,
  firstVisitAssets,
  holdsTldraw,
  readAsset,
} from '../support/webBuild.ts'
import { connectSyncedClient, type YClient } from '../support/yClient.ts'

const WEB_DIST = fileURLToPath(new URL('../../apps/web/dist', import.meta.url))

interface RawResponse {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: Buffer
}

/** A GET as the bytes go over the wire: nothing decompressed, `Accept-Encoding` exactly as given. */
function rawGet(url: string, acceptEncoding?: string): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {} }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }))
    })
    req.on('error', reject)
    req.end()
  })
}

/** Every script and stylesheet of the build. */
function builtScriptsAndStyles(): string[] {
  if (!existsSync(join(WEB_DIST, 'index.html'))) throw new Error('apps/web is not built: run `npm run build`')
  return readdirSync(join(WEB_DIST, 'assets')).filter((name) => /\.(js|css)$/.test(name))
}

/** Bytes read off the TCP socket under a stock client's websocket (compressed frames count as sent). */
const bytesOnWire = (client: YClient) => (client.provider.ws as unknown as { _socket: { bytesRead: number } })._socket

async function boardWithNotes(server: TestServer, notes: number): Promise<CreatedBoard> {
  const board = await createBoard(server.url, 'Compression board')
  const writer = await connectSyncedClient(server.url, board.id, board.tokens.editor)
  writer.doc.transact(() => {
    const records = getRecordsKeyValue(writer.doc)
    for (let i = 0; i < notes; i++) {
      records.set(`shape:n${i}`, noteRecord(`shape:n${i}`, `Mobile health teams visit school number ${i} weekly`))
    }
  })
  // Another client holding every note means the server stored and serves them.
  const reader = await connectSyncedClient(server.url, board.id, board.tokens.editor)
  await expect.poll(() => getRecordsKeyValue(reader.doc).map.size, { timeout: 10_000 }).toBe(notes)
  reader.destroy()
  writer.destroy()
  return board
}

describe('compressed transfer', () => {
  let server: TestServer
  beforeAll(async () => {
    server = await startTestServer()
  })
  afterAll(() => server?.stop())

  it('serves every script and stylesheet as Brotli or gzip to a client that asks, as it is to one that does not', async () => {
    const files = builtScriptsAndStyles()
    expect(files.some((name) => name.endsWith('.js'))).toBe(true)
    expect(files.some((name) => name.endsWith('.css'))).toBe(true)
    let compressed = 0
    for (const name of files) {
      const original = readFileSync(join(WEB_DIST, 'assets', name))
      const url = `${server.url}/assets/${name}`
      const type = name.endsWith('.js') ? /javascript/ : /text\/css/
      // The build compresses every file that shrinks (a chunk of a few dozen bytes may not): those go out compressed.
      const built = (ext: string) => existsSync(join(WEB_DIST, 'assets', `${name}.${ext}`))
      if (original.byteLength >= 1024) expect(built('br') && built('gz'), `${name} is precompressed`).toBe(true)
      if (built('br')) compressed++

      const br = await rawGet(url, 'gzip, deflate, br, zstd')
      expect(br.status, name).toBe(200)
      expect(br.headers['content-encoding'], name).toBe(built('br') ? 'br' : built('gz') ? 'gzip' : undefined)
      // Caches in between must keep one copy per encoding (a file with one form only has nothing to vary).
      if (built('br')) expect(br.headers['vary'], name).toMatch(/Accept-Encoding/i)
      expect(br.headers['content-type'], name).toMatch(type)
      expect(br.headers['cache-control'], name).toMatch(/immutable/)
      const unpack = (body: Buffer, encoding: unknown) =>
        encoding === 'br' ? brotliDecompressSync(body) : encoding === 'gzip' ? gunzipSync(body) : body
      expect(unpack(br.body, br.headers['content-encoding']).equals(original), name).toBe(true)

      const gzip = await rawGet(url, 'gzip')
      expect(gzip.headers['content-encoding'], name).toBe(built('gz') ? 'gzip' : undefined)
      expect(unpack(gzip.body, gzip.headers['content-encoding']).equals(original), name).toBe(true)

      const plain = await rawGet(url)
      expect(plain.headers['content-encoding'], name).toBeUndefined()
      expect(plain.headers['content-type'], name).toMatch(type)
      expect(plain.body.equals(original), name).toBe(true)
    }
    expect(compressed).toBeGreaterThan(files.length / 2)
  })

  it('never lets the service worker script or the app shell be cached for long', async () => {
    const sw = await rawGet(`${server.url}/sw.js`, 'br')
    expect(sw.status).toBe(200)
    expect(sw.headers['cache-control']).toBe('no-cache')
    expect(sw.headers['content-type']).toMatch(/javascript/)
    for (const path of ['/', '/index.html', '/outline.html']) {
      const shell = await rawGet(`${server.url}${path}`, 'br')
      expect(shell.headers['cache-control'], path).toBe('no-cache')
    }
  })

  it('compresses the template catalog once, for every client that accepts it', async () => {
    const plain = await rawGet(`${server.url}/api/templates`)
    const br = await rawGet(`${server.url}/api/templates`, 'br')
    const gzip = await rawGet(`${server.url}/api/templates`, 'gzip')
    expect(plain.headers['content-encoding']).toBeUndefined()
    expect(br.headers['content-encoding']).toBe('br')
    expect(gzip.headers['content-encoding']).toBe('gzip')
    expect(br.headers['vary']).toMatch(/Accept-Encoding/i)
    expect(brotliDecompressSync(br.body).toString()).toBe(plain.body.toString())
    expect(gunzipSync(gzip.body).toString()).toBe(plain.body.toString())
    expect(br.body.length).toBeLessThan(plain.body.length / 4)
  })

  it('sends a large first sync compressed over the websocket', async () => {
    const board = await boardWithNotes(server, 400)
    const joiner = await connectSyncedClient(server.url, board.id, board.tokens.viewer)
    try {
      expect((joiner.provider.ws as unknown as WebSocket).extensions).toMatch(/permessage-deflate/)
      const state = Y.encodeStateAsUpdate(joiner.doc).length
      const wire = bytesOnWire(joiner).bytesRead
      console.log(`first sync of 400 notes: state ${state} bytes, ${wire} bytes on the wire`)
      expect(state).toBeGreaterThan(50_000)
      expect(wire).toBeLessThan(state / 3)
    } finally {
      joiner.destroy()
    }
  })
})

describe('the outline page (a board without the canvas)', () => {
  let server: TestServer
  beforeAll(async () => {
    assertBuilt('outline.html')
    server = await startTestServer()
  })
  afterAll(() => server?.stop())

  const outlineOf = (id: string) => rawGet(`${server.url}${PageRoutes.outline.path({ id })}`, 'br, gzip')

  it('answers outline.html, revalidated, with the board’s status: 200, 404 unknown, 410 in the trash', async () => {
    const outlineHtml = readFileSync(join(WEB_DIST, 'outline.html'))
    expect(outlineHtml.equals(readFileSync(join(WEB_DIST, 'index.html')))).toBe(false)
    const board = await createBoard(server.url, 'Outline board')
    const expectOutline = (answer: RawResponse, status: number) => {
      expect(answer.status).toBe(status)
      expect(answer.headers['content-type']).toMatch(/^text\/html/)
      expect(answer.headers['cache-control']).toBe('no-cache')
      expect(answer.body.equals(outlineHtml)).toBe(true)
    }
    expectOutline(await outlineOf(board.id), 200)
    for (const id of ['AAAAAAAAAAAAAAAAAAAAAA', 'not-a-board']) expectOutline(await outlineOf(id), 404)

    const trashed = await fetch(`${server.url}/api/boards/${board.id}`, {
      method: 'DELETE',
      headers: bearer(board.tokens.facilitator),
    })
    expect(trashed.status).toBe(200)
    expectOutline(await outlineOf(board.id), 410)
    // The board page beside it keeps the canvas app's shell.
    const boardPage = await rawGet(`${server.url}${PageRoutes.board.path({ id: board.id })}`)
    expect(boardPage.status).toBe(410)
    expect(boardPage.body.equals(readFileSync(join(WEB_DIST, 'index.html')))).toBe(true)
  })

  it('names no chunk that holds tldraw, nor any that imports one, where the board page does', async () => {
    const board = await createBoard(server.url, 'Outline board')
    const served = (await outlineOf(board.id)).body.toString()
    expect(assetsNamedBy(served).length).toBeGreaterThan(0)
    // What the outline's first visit loads: the scripts its HTML names and all they import statically.
    const outlineScripts = assetsLoadedBy(served).filter((name) => name.endsWith('.js'))
    expect(outlineScripts.filter((name) => holdsTldraw(readAsset(name)))).toEqual([])
    // The same test finds tldraw in the canvas app's first visit: the check is not blind.
    const shellScripts = firstVisitAssets('index.html').filter((name) => name.endsWith('.js'))
    expect(shellScripts.filter((name) => holdsTldraw(readAsset(name))).length).toBeGreaterThan(0)
  })
})

describe('with COMPRESSION=off (a reverse proxy compresses, or the benchmark reference)', () => {
  let server: TestServer
  beforeAll(async () => {
    server = await startTestServer({ env: { COMPRESSION: 'off' } })
  })
  afterAll(() => server?.stop())

  it('serves files, the catalog and the websocket as they are', async () => {
    const [name] = builtScriptsAndStyles()
    const script = await rawGet(`${server.url}/assets/${name}`, 'br, gzip')
    expect(script.headers['content-encoding']).toBeUndefined()
    expect(script.body.equals(readFileSync(join(WEB_DIST, 'assets', name!)))).toBe(true)
    const catalog = await rawGet(`${server.url}/api/templates`, 'br, gzip')
    expect(catalog.headers['content-encoding']).toBeUndefined()

    const board = await boardWithNotes(server, 400)
    const joiner = await connectSyncedClient(server.url, board.id, board.tokens.viewer)
    try {
      expect((joiner.provider.ws as unknown as WebSocket).extensions).toBe('')
      expect(bytesOnWire(joiner).bytesRead).toBeGreaterThan(Y.encodeStateAsUpdate(joiner.doc).length)
    } finally {
      joiner.destroy()
    }
  })
})
