import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type * as Y from 'yjs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDatabase, postgresSkipReason, type TestDatabase } from '@cg/storage/testing'
import { bearer, createBoard, type CreatedBoard } from '../support/boards.ts'
import { redisSkipReason, startTestRedis, type TestRedis } from '../support/redisServer.ts'
import { spawnServer, type ServerProcess } from '../support/serverProcess.ts'
import { makeTempDir, removeTempDir } from '../support/tempDir.ts'
import { waitUntil } from '../support/waitUntil.ts'
import { connectSyncedClient } from '../support/yClient.ts'
import { writeNoteBoard } from '../bench/noteBoard.ts'
import { getRecordsKeyValue } from '@cg/tldraw-yjs'
import { e2eSkipReason } from './support/browser.ts'
import { pdfPageCount } from './support/exports.ts'

const skip = e2eSkipReason() ?? (await postgresSkipReason()) ?? redisSkipReason()
const METRICS_TOKEN = 'export-across-processes-metrics'

const noteCount = (doc: Y.Doc) =>
  [...getRecordsKeyValue(doc).map.keys()].filter((id) => id.startsWith('shape:n')).length

interface JobView {
  status: string
  done: number
  total: number
  error?: string
}

const jobOn = async (server: ServerProcess, id: string): Promise<JobView> =>
  (await (await fetch(`${server.url}/api/exports/${id}`)).json()) as JobView

/** Exports this process is rendering, from its own metrics. */
async function rendering(server: ServerProcess): Promise<number> {
  const text = await (await fetch(`${server.url}/metrics`, { headers: bearer(METRICS_TOKEN) })).text()
  return Number(/^cg_export_jobs_running (\d+)/m.exec(text)![1])
}

/**
 * Exports behind a load balancer: the request that starts one, the polls of its progress, its download and its
 * cancel may each reach a different process. Jobs live in PostgreSQL, so whichever process answers knows them.
 */
describe.skipIf(skip)('exports across several server processes', () => {
  let database: TestDatabase
  let redis: TestRedis
  const processes: ServerProcess[] = []
  const dataDirs: string[] = []
  let board: CreatedBoard

  beforeAll(async () => {
    database = await createTestDatabase()
    redis = await startTestRedis()
    for (let i = 0; i < 3; i++) {
      const dataDir = makeTempDir('cg-e2e-export-multi-')
      dataDirs.push(dataDir)
      processes.push(
        await spawnServer({ DATA_DIR: dataDir, DATABASE_URL: database.url, REDIS_URL: redis.url, METRICS_TOKEN }),
      )
    }
    // Three frames of 100 notes: a render long enough to follow and to cancel.
    board = await createBoard(processes[0]!.url, 'Country plenary')
    const writer = await connectSyncedClient(processes[0]!.url, board.id, board.tokens.editor)
    writeNoteBoard(writer.doc, 300)
    const reader = await connectSyncedClient(processes[1]!.url, board.id, board.tokens.viewer)
    await waitUntil('the second process serves every note', () => noteCount(reader.doc) === 300)
    writer.destroy()
    reader.destroy()
  })
  afterAll(async () => {
    for (const server of processes.splice(0)) await server.stop()
    for (const dir of dataDirs.splice(0)) removeTempDir(dir)
    await redis?.stop()
    await database?.drop()
  })

  const startExport = async (server: ServerProcess) => {
    const response = await fetch(`${server.url}/api/boards/${board.id}/exports`, {
      method: 'POST',
      headers: { ...bearer(board.tokens.viewer), 'content-type': 'application/json' },
      body: JSON.stringify({ overview: false }),
    })
    expect(response.status).toBe(202)
    return ((await response.json()) as { id: string }).id
  }

  it('is started on one process, followed on another and downloaded from a third', async () => {
    const [a, b, c] = processes as [ServerProcess, ServerProcess, ServerProcess]
    const id = await startExport(a)
    const seen: JobView[] = []
    await waitUntil(
      'the export, followed on another process, finishes',
      async () => {
        const job = await jobOn(b, id)
        seen.push(job)
        return job.status !== 'running'
      },
      { timeoutMs: 90_000, intervalMs: 250 },
    )
    expect(seen.at(-1)).toMatchObject({ status: 'done', done: 3, total: 3 })
    // Progress was visible from the process that does not render it.
    expect(seen.some((job) => job.status === 'running' && job.total === 3 && job.done < 3)).toBe(true)
    const file = await fetch(`${c.url}/api/exports/${id}/file`)
    expect(file.status).toBe(200)
    expect(file.headers.get('content-type')).toBe('application/pdf')
    const pdf = join(makeTempDir('cg-e2e-export-multi-file-'), 'board.pdf')
    writeFileSync(pdf, Buffer.from(await file.arrayBuffer()))
    expect(pdfPageCount(pdf)).toBe(3)
  })

  it('is cancelled from another process: the rendering process stops, and no file is ever served', async () => {
    const [a, b, c] = processes as [ServerProcess, ServerProcess, ServerProcess]
    const id = await startExport(a)
    await waitUntil('the first process renders it', async () => (await rendering(a)) === 1)
    expect((await fetch(`${b.url}/api/exports/${id}`, { method: 'DELETE' })).status).toBe(204)
    expect(await jobOn(c, id)).toMatchObject({ status: 'cancelled' })
    // The renderer learns of it at its next progress (within about a second) and lets go of its tab.
    await waitUntil('the first process stops rendering it', async () => (await rendering(a)) === 0, {
      timeoutMs: 10_000,
      intervalMs: 100,
    })
    expect((await fetch(`${a.url}/api/exports/${id}/file`)).status).toBe(404)
    expect(await jobOn(a, id)).toMatchObject({ status: 'cancelled' })
    // A second cancel changes nothing; an unknown job is 404 everywhere.
    expect((await fetch(`${c.url}/api/exports/${id}`, { method: 'DELETE' })).status).toBe(204)
    expect((await fetch(`${c.url}/api/exports/no-such-job`)).status).toBe(404)
  })
})
