import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ApiErrorCode } from '@cg/contract'
import { createBoard } from '../support/boards.ts'
import { startTestServer, type TestServer } from '../support/testServer.ts'

let server: TestServer

beforeAll(async () => {
  server = await startTestServer({
    env: { NEW_BOARDS_PER_10_MINUTES: '5', RESTORES_PER_10_MINUTES: '3', TRUST_PROXY: 'loopback' },
  })
})
afterAll(async () => {
  await server?.stop()
})

const create = (forwardedFor?: string) =>
  fetch(`${server.url}/api/boards`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(forwardedFor ? { 'x-forwarded-for': forwardedFor } : {}) },
    body: JSON.stringify({ title: 'Flood' }),
  })

const errorCode = async (response: Response) => ((await response.json()) as { error: { code: string } }).error.code

describe('anonymous endpoints', () => {
  it('create a few boards per address, then answer 429 too-many-requests; other addresses are not affected', async () => {
    const statuses: number[] = []
    for (let i = 0; i < 8; i++) statuses.push((await create('198.51.100.7')).status)
    expect(statuses).toEqual([201, 201, 201, 201, 201, 429, 429, 429])
    const refused = await create('198.51.100.7')
    expect(await errorCode(refused)).toBe(ApiErrorCode.tooManyRequests)
    expect(refused.headers.get('ratelimit-policy')).toMatch(/5/)
    // Behind a trusted proxy each person's address counts on its own.
    expect((await create('203.0.113.9')).status).toBe(201)
  })

  it('restore a few files at a time, one per address: more are refused at once, before their bodies are read', async () => {
    const restore = (address: string, body: string | ReadableStream, signal?: AbortSignal) =>
      fetch(`${server.url}/api/boards/restore`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
        body,
        ...(typeof body === 'string' ? {} : { duplex: 'half' }),
        ...(signal ? { signal } : {}),
      } as RequestInit)
    // A body that starts and then waits (well within its pace allowance while the others arrive).
    const waitingBody = () =>
      new ReadableStream({ start: (stream) => stream.enqueue(new TextEncoder().encode('{"format":')) })
    const controller = new AbortController()
    const first = restore('192.0.2.1', waitingBody(), controller.signal).catch(() => null)
    await new Promise((resolve) => setTimeout(resolve, 200))
    // The same address again: refused while its first restore runs.
    const again = await restore('192.0.2.1', '{}')
    expect(again.status).toBe(429)
    expect(await errorCode(again)).toBe(ApiErrorCode.tooManyRequests)
    // Another address gets the second place.
    const second = restore('192.0.2.2', waitingBody(), controller.signal).catch(() => null)
    await new Promise((resolve) => setTimeout(resolve, 200))
    const third = await restore('192.0.2.3', '{}')
    expect(third.status).toBe(429)
    controller.abort()
    await Promise.all([first, second])
    // Once they are gone, a restore is heard again (and refused for what it is).
    await new Promise((resolve) => setTimeout(resolve, 100))
    const fourth = await restore('192.0.2.4', '{"hello": "world"}')
    expect(fourth.status).toBe(400)
    expect(await errorCode(fourth)).toBe(ApiErrorCode.backupNotRecognized)
  })

  it('share exports fairly: one board exporting again and again does not block another board', async () => {
    const busy = await createBoard(server.url, 'Busy')
    const other = await createBoard(server.url, 'Other')
    const start = (board: typeof busy) =>
      fetch(`${server.url}/api/boards/${board.id}/exports`, {
        method: 'POST',
        headers: { authorization: `Bearer ${board.tokens.viewer}`, 'content-type': 'application/json' },
        body: '{}',
      })
    const statuses: number[] = []
    for (let i = 0; i < 12; i++) statuses.push((await start(busy)).status)
    // One workshop gets two at a time; the other board still gets its own (Chromium renders them: CI has it).
    expect(statuses).toEqual([202, 202, ...Array<number>(10).fill(429)])
    expect((await start(other)).status).toBe(202)
  })
})
