import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ApiErrorCode } from '@cg/contract'
import { rssMiB, spawnServer, type ServerProcess } from '../support/serverProcess.ts'
import { makeTempDir, removeTempDir } from '../support/tempDir.ts'

// Its own process, so the memory read is the server's alone.
let server: ServerProcess
let dataDir: string

beforeAll(async () => {
  dataDir = makeTempDir('cg-restore-')
  server = await spawnServer({ DATA_DIR: dataDir })
})
afterAll(async () => {
  await server?.stop()
  removeTempDir(dataDir)
})

describe('a hostile backup file', () => {
  it('costs a refusal, never a stall: 40 MB of nested arrays is parsed off the main thread within a memory bound', async () => {
    const pid = server.child.pid!
    const before = rssMiB(pid)
    let peak = before
    const body = '['.repeat(40_000_000)
    let slowest = 0
    let serving = true
    // Everyone else keeps being served while the file is read.
    const probe = (async () => {
      while (serving) {
        const started = performance.now()
        expect((await fetch(`${server.url}/healthz`)).status).toBe(200)
        slowest = Math.max(slowest, performance.now() - started)
        peak = Math.max(peak, rssMiB(pid))
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
      `[restore] server RSS ${before.toFixed(0)} → peak ${peak.toFixed(0)} → ${rssMiB(pid).toFixed(0)} MiB; ` +
        `slowest health check during the restore: ${slowest.toFixed(0)} ms`,
    )
    expect(slowest).toBeLessThan(1_000)
    // The body (40 MB), its copy handed to the worker, and the worker's scan: nothing is parsed. Before the depth
    // check, JSON.parse's own stack (outside the JS heap, so outside the worker's bound) took 2.8 GB here.
    expect(peak - before).toBeLessThan(256)
    expect(server.child.exitCode).toBeNull()
  })
})
