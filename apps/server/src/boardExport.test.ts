import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { pino } from 'pino'
import { SqliteStorage, type StoredExportJob } from '@cg/storage'
import { BoardExporter } from './boardExport.ts'

/**
 * The bookkeeping of exports kept in storage, as one process sees jobs another process renders (rows written
 * straight into storage stand for that other process). No browser is started here: no job is rendered locally.
 */
describe('export jobs in storage', () => {
  let storage: SqliteStorage
  let exporter: BoardExporter
  const now = Date.now()
  const job = (id: string, change: Partial<StoredExportJob> = {}): StoredExportJob => ({
    id,
    boardId: 'board',
    plenaryId: 'plenary',
    title: 'Plenary',
    format: 'pdf',
    status: 'running',
    done: 1,
    total: 4,
    error: null,
    createdAt: now,
    aliveAt: now,
    finishedAt: null,
    ...change,
  })

  beforeEach(() => {
    storage = new SqliteStorage(':memory:')
    exporter = new BoardExporter({
      storage,
      chromiumPath: '/nonexistent/chromium',
      baseUrl: () => 'http://127.0.0.1:1',
      log: pino({ level: 'silent' }),
    })
  })
  afterEach(async () => {
    await exporter.close()
    await storage.close()
  })

  it('shows the progress of a job another process renders, and cancels it there through storage', async () => {
    await storage.addExportJob(job('elsewhere'))
    expect(await exporter.get('elsewhere')).toMatchObject({ status: 'running', done: 1, total: 4 })
    expect(await exporter.cancel('elsewhere')).toBe(true)
    // The renderer's next progress is refused: that is how it learns to stop.
    expect(await storage.updateRunningExportJob('elsewhere', { done: 2 })).toBe(false)
    expect(await exporter.get('elsewhere')).toMatchObject({ status: 'cancelled', done: 1 })
    expect(await exporter.cancel('elsewhere')).toBe(false)
    expect(await exporter.file('elsewhere')).toBeUndefined()
  })

  it('reads a running job whose process stopped renewing it as failed, which frees its workshop’s place', async () => {
    await storage.addExportJob(job('a', { aliveAt: now - 31_000 }))
    await storage.addExportJob(job('b', { aliveAt: now - 1_000 }))
    // Two running would fill the workshop's places, but the first lost its process: it no longer counts.
    expect(await exporter.isFullFor('plenary')).toBe(false)
    const dead = await exporter.get('a')
    expect(dead).toMatchObject({ status: 'failed', error: expect.stringMatching(/process .* stopped/) })
    expect(await storage.getExportJob('a')).toMatchObject({ status: 'failed' })
    expect(await exporter.get('b')).toMatchObject({ status: 'running' })
    await storage.addExportJob(job('c'))
    expect(await exporter.isFullFor('plenary')).toBe(true)
    expect(await exporter.isFullFor('another plenary')).toBe(false)
  })

  it('hands over a finished file from storage, and lets go of jobs finished more than ten minutes ago', async () => {
    await storage.addExportJob(job('fresh'))
    await storage.updateRunningExportJob('fresh', {
      status: 'done',
      done: 4,
      finishedAt: now,
      file: new Uint8Array([0x25, 0x50]),
    })
    await storage.addExportJob(job('old', { createdAt: now - 20 * 60_000 }))
    await storage.updateRunningExportJob('old', {
      status: 'done',
      finishedAt: now - 11 * 60_000,
      file: new Uint8Array([1]),
    })
    const file = await exporter.file('fresh')
    expect(file?.job).toMatchObject({ status: 'done', done: 4, total: 4, title: 'Plenary', format: 'pdf' })
    expect([...file!.bytes]).toEqual([0x25, 0x50])
    expect(await exporter.get('old')).toBeUndefined()
    await exporter.isFullFor('plenary')
    expect((await storage.listExportJobs()).map((kept) => kept.id)).toEqual(['fresh'])
  })

  it('counts ten kept exports per workshop and six running on all processes as full', async () => {
    for (let i = 0; i < 6; i++) await storage.addExportJob(job(`running${i}`, { plenaryId: `workshop${i}` }))
    expect(await exporter.isFullFor('workshop-new')).toBe(true)
    await storage.deleteExportJobs(['running0', 'running1', 'running2', 'running3', 'running4', 'running5'])
    for (let i = 0; i < 10; i++) {
      await storage.addExportJob(job(`kept${i}`, { status: 'done', finishedAt: now, createdAt: now + i }))
    }
    expect(await exporter.isFullFor('plenary')).toBe(true)
    expect(await exporter.isFullFor('workshop-new')).toBe(false)
  })
})
