import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ApiErrorCode } from '@cg/contract'
import { startTestServer, type TestServer } from '../support/testServer.ts'

let server: TestServer

beforeAll(async () => {
  server = await startTestServer()
})
afterAll(async () => {
  await server?.stop()
})

const rssMiB = () => Math.round(process.memoryUsage().rss / 2 ** 20)

describe('a hostile backup file', () => {
  it('costs a refusal, never a stall: 40 MB of nested arrays is parsed off the main thread within a memory bound', async () => {
    const before = rssMiB()
    const body = '['.repeat(40_000_000)
    let slowest = 0
    let serving = true
    // Everyone else keeps being served while the file is read.
    const probe = (async () => {
      while (serving) {
        const started = performance.now()
        expect((await fetch(`${server.url}/healthz`)).status).toBe(200)
        slowest = Math.max(slowest, performance.now() - started)
        await new Promise((resolve) => setTimeout(resolve, 20))
      }
    })()
    const response = await fetch(`${server.url}/api/boards/restore`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    })
    serving = false
    await probe
    expect(response.status).toBe(400)
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe(ApiErrorCode.backupNotRecognized)
    console.log(
      `[restore] RSS ${before} → ${rssMiB()} MiB; slowest health check during the restore: ${slowest.toFixed(0)} ms`,
    )
    expect(slowest).toBeLessThan(1_000)
    expect(rssMiB() - before).toBeLessThan(600)
  })
})
