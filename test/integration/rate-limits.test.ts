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

  it('restore one file at a time: another restore is refused at once, before its body is read', async () => {
    // The first one never finishes sending its body while the second arrives.
    const controller = new AbortController()
    const slowBody = new ReadableStream({
      start(stream) {
        stream.enqueue(new TextEncoder().encode('{"format":'))
      },
    })
    const first = fetch(`${server.url}/api/boards/restore`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': '192.0.2.1' },
      body: slowBody,
      duplex: 'half',
      signal: controller.signal,
    } as RequestInit).catch(() => null)
    await new Promise((resolve) => setTimeout(resolve, 200))
    const second = await fetch(`${server.url}/api/boards/restore`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': '192.0.2.2' },
      body: '{}',
    })
    expect(second.status).toBe(429)
    expect(await errorCode(second)).toBe(ApiErrorCode.tooManyRequests)
    controller.abort()
    await first
    // Once the first is gone, a restore is heard again (and refused for what it is).
    await new Promise((resolve) => setTimeout(resolve, 100))
    const third = await fetch(`${server.url}/api/boards/restore`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': '192.0.2.3' },
      body: '{"hello": "world"}',
    })
    expect(third.status).toBe(400)
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
