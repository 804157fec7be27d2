import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { getPriority, tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { pino } from 'pino'
import { DEFAULT_PRINT_OPTIONS } from '@cg/contract'
import { PostgresStorage, SqliteStorage, type ExportStarter, type Storage, type StoredExportJob } from '@cg/storage'
import { createTestDatabase, postgresSkipReason } from '@cg/storage/testing'
import { BoardExporter } from './boardExporter.ts'
import { EXPORT_SHARES, admission, refusalMessage, starterOf } from './exportShares.ts'

/**
 * No browser renders here. Jobs another process renders are rows written straight into storage; jobs this
 * process starts get a stand-in "Chromium" that notes its CPU priority, starts nothing and exits once `letGo` is
 * called, so they stay running while a test counts them, then fail (it answers `--version` at once, as the
 * launcher that lowers its priority asks).
 */
let dir: string
let stubChromium: string
let hold: string
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cg-export-test-'))
  stubChromium = join(dir, 'chromium')
  hold = join(dir, 'hold')
  writeFileSync(
    stubChromium,
    `#!/bin/sh\n[ "$1" = --version ] && exit 0\nnice > '${dir}/niceness'\nwhile [ -e '${hold}' ]; do sleep 0.02; done\n`,
  )
  chmodSync(stubChromium, 0o755)
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))
const holdRenders = () => writeFileSync(hold, '')
const letGo = () => rmSync(hold, { force: true })

const now = Date.now()
const job = (id: string, change: Partial<StoredExportJob> = {}): StoredExportJob => ({
  id,
  boardId: 'board',
  plenaryId: 'plenary',
  title: 'Plenary',
  format: 'pdf',
  startedBy: 'participant',
  status: 'running',
  done: 1,
  total: 4,
  error: null,
  createdAt: now,
  aliveAt: now,
  finishedAt: null,
  ...change,
})
/** A job finished `ago` ms ago. */
const finished = (id: string, ago: number, change: Partial<StoredExportJob> = {}) =>
  job(id, { status: 'done', createdAt: now - ago - 1_000, finishedAt: now - ago, ...change })
const board = (plenaryId: string) => ({ id: plenaryId, title: 'Plenary', parentId: null })
const breakout = { id: 'breakout', title: 'Group 1', parentId: 'plenary' }
const newExporter = (storage: Storage, chromiumPath = stubChromium) =>
  new BoardExporter({
    storage,
    chromiumPath,
    baseUrl: () => 'http://127.0.0.1:1',
    log: pino({ level: 'silent' }),
  })
const ids = async (storage: Storage) => (await storage.listExportJobs()).map((kept) => kept.id).sort()

describe('export jobs in storage', () => {
  let storage: SqliteStorage
  let exporter: BoardExporter

  beforeEach(() => {
    storage = new SqliteStorage(':memory:')
    exporter = newExporter(storage, '/nonexistent/chromium')
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

  it('hands over a finished file from storage, and lets go of jobs finished more than ten minutes ago', async () => {
    await storage.addExportJob(job('fresh'))
    await storage.updateRunningExportJob('fresh', {
      status: 'done',
      done: 4,
      finishedAt: now,
      file: new Uint8Array([0x25, 0x50]),
    })
    await storage.addExportJob(finished('old', 11 * 60_000))
    const file = await exporter.file('fresh')
    expect(file?.job).toMatchObject({ status: 'done', done: 4, total: 4, title: 'Plenary', format: 'pdf' })
    expect([...file!.bytes]).toEqual([0x25, 0x50])
    expect(await exporter.get('old')).toBeUndefined()
    const started = await exporter.admit(board('another'), DEFAULT_PRINT_OPTIONS, 'participant')
    expect(started.ok).toBe(true)
    expect(await ids(storage)).toEqual(['fresh', started.ok ? started.id : ''].sort())
  })
})

describe('exports of a deleted workshop', () => {
  it('stop rendering here, and every job and file of the workshop is deleted, no other', async () => {
    holdRenders()
    const storage = new SqliteStorage(':memory:')
    const exporter = newExporter(storage)
    try {
      await exporter.start(board('plenary'), DEFAULT_PRINT_OPTIONS, 'facilitator')
      await storage.addExportJob(job('elsewhere'))
      await storage.addExportJob(finished('finished', 1_000))
      await storage.addExportJob(job('another-workshop', { plenaryId: 'another' }))
      expect(exporter.activeJobs).toBe(1)
      expect(await exporter.dropWorkshop('plenary')).toBe(3)
      expect(await ids(storage)).toEqual(['another-workshop'])
      // The render stopped here ends without writing anything back.
      letGo()
      for (let i = 0; i < 200 && exporter.activeJobs > 0; i++) await new Promise((resolve) => setTimeout(resolve, 20))
      expect(exporter.activeJobs).toBe(0)
      expect(await ids(storage)).toEqual(['another-workshop'])
    } finally {
      letGo()
      await exporter.close()
      await storage.close()
    }
  })
})

describe('shares of exports', () => {
  let storage: SqliteStorage
  let exporter: BoardExporter

  beforeEach(() => {
    holdRenders()
    storage = new SqliteStorage(':memory:')
    exporter = newExporter(storage)
  })
  afterEach(async () => {
    letGo()
    await exporter.close()
    await storage.close()
  })
  const admit = (plenaryId: string, startedBy: ExportStarter) =>
    exporter.admit(board(plenaryId), DEFAULT_PRINT_OPTIONS, startedBy)

  it('counts participant and viewer links as participants, and facilitator links apart', () => {
    expect(['facilitator', 'editor', 'viewer'].map((role) => starterOf(role as 'viewer'))).toEqual([
      'facilitator',
      'participant',
      'participant',
    ])
  })

  it('starts Chromium at a lower CPU priority than the server', async () => {
    expect((await admit('plenary', 'participant')).ok).toBe(true)
    const noted = join(dir, 'niceness')
    // The fake Chromium creates the file before `nice` has written into it.
    const written = () => existsSync(noted) && readFileSync(noted, 'utf8').trim() !== ''
    for (let i = 0; i < 200 && !written(); i++) await new Promise((resolve) => setTimeout(resolve, 25))
    expect(Number(readFileSync(noted, 'utf8'))).toBe(Math.min(19, getPriority() + 10))
  })

  it('records who started each export, and the workshop of a breakout board', async () => {
    const started = await exporter.admit(breakout, DEFAULT_PRINT_OPTIONS, 'facilitator')
    expect(started.ok).toBe(true)
    expect(await storage.getExportJob(started.ok ? started.id : '')).toMatchObject({
      boardId: 'breakout',
      plenaryId: 'plenary',
      startedBy: 'facilitator',
      status: 'running',
    })
  })

  it('the issue: viewers’ ten finished exports of a breakout block neither the next viewer nor the facilitator', async () => {
    // Ten kept jobs of the workshop, all viewers' (and what was stored before roles were recorded reads the same).
    for (let i = 0; i < 10; i++) await storage.addExportJob(finished(`viewer${i}`, 60_000 - i * 1_000))
    const next = await admit('plenary', 'participant')
    expect(next.ok).toBe(true)
    // The participants' kept share is six: the five longest-finished of theirs are let go, the newest kept.
    const kept = await ids(storage)
    expect(kept).toEqual(['viewer5', 'viewer6', 'viewer7', 'viewer8', 'viewer9', next.ok ? next.id : ''].sort())
    expect((await admit('plenary', 'facilitator')).ok).toBe(true)
    // A facilitator's export takes nothing from the participants.
    expect(await ids(storage)).toEqual(expect.arrayContaining(kept))
  })

  it('lets go only of the same class’s and workshop’s finished files to make room', async () => {
    for (let i = 0; i < 10; i++)
      await storage.addExportJob(finished(`fac${i}`, 60_000 - i, { startedBy: 'facilitator' }))
    for (let i = 0; i < 6; i++) await storage.addExportJob(finished(`other${i}`, 120_000, { plenaryId: 'other' }))
    for (let i = 0; i < 5; i++) await storage.addExportJob(finished(`part${i}`, 50_000 - i))
    // A participant's export: five of theirs kept plus this one fit; no facilitator's, no other workshop's goes.
    expect((await admit('plenary', 'participant')).ok).toBe(true)
    expect((await storage.listExportJobs()).length).toBe(22)
    // The next one lets go of the longest-finished participant's job of this workshop.
    expect((await admit('plenary', 'participant')).ok).toBe(true)
    expect(await storage.getExportJob('part0')).toBeUndefined()
    // A facilitator's export lets go of the longest-finished facilitator's job, and nothing else.
    expect((await admit('plenary', 'facilitator')).ok).toBe(true)
    expect(await storage.getExportJob('fac0')).toBeUndefined()
    expect(await storage.getExportJob('fac1')).toBeDefined()
    expect((await storage.listExportJobs()).filter((j) => j.plenaryId === 'other')).toHaveLength(6)
  })

  it('refuses a participant while the workshop’s participants have two under way, never a facilitator', async () => {
    await storage.addExportJob(job('viewer-a'))
    await storage.addExportJob(job('viewer-b', { boardId: 'breakout' }))
    const refused = await admit('plenary', 'participant')
    expect(refused).toEqual({ ok: false, startedBy: 'participant', full: 'workshop', limit: 2 })
    expect(refusalMessage(refused as Extract<typeof refused, { ok: false }>)).toMatch(
      /Wait for them to finish .* or ask a facilitator/,
    )
    expect((await admit('plenary', 'facilitator')).ok).toBe(true)
    expect((await admit('another workshop', 'participant')).ok).toBe(true)
  })

  it('keeps places on the server that only facilitators take, and one workshop’s facilitators take three at most', async () => {
    // Participants of two workshops hold every participant's place on the server...
    for (let i = 0; i < EXPORT_SHARES.participant.server; i++) {
      await storage.addExportJob(job(`viewer${i}`, { plenaryId: `busy${i % 2}` }))
    }
    expect(await admit('third workshop', 'participant')).toMatchObject({ ok: false, full: 'server', limit: 4 })
    // ...and a facilitator of any workshop still gets in, up to three of the workshop's at once.
    for (let i = 0; i < 3; i++) expect((await admit('third workshop', 'facilitator')).ok).toBe(true)
    const fourth = await admit('third workshop', 'facilitator')
    expect(fourth).toEqual({ ok: false, startedBy: 'facilitator', full: 'workshop', limit: 3 })
    expect(refusalMessage(fourth as Extract<typeof fourth, { ok: false }>)).toMatch(/Try again in a minute/)
    // Only facilitators' own exports fill the server for a facilitator: six of them, whatever participants hold.
    expect((await admit('fourth workshop', 'facilitator')).ok).toBe(true)
    expect((await admit('fourth workshop', 'facilitator')).ok).toBe(true)
    expect((await admit('fourth workshop', 'facilitator')).ok).toBe(true)
    expect(await admit('fifth workshop', 'facilitator')).toEqual({
      ok: false,
      startedBy: 'facilitator',
      full: 'server',
      limit: 6,
    })
  })

  it('reads a running job whose process stopped renewing it as failed, which frees its workshop’s place', async () => {
    await storage.addExportJob(job('a', { aliveAt: now - 31_000 }))
    await storage.addExportJob(job('b', { aliveAt: now - 1_000 }))
    // Two running would fill the participants' places, but the first lost its process: it no longer counts.
    expect((await admit('plenary', 'participant')).ok).toBe(true)
    expect(await storage.getExportJob('a')).toMatchObject({ status: 'failed', error: expect.stringMatching(/stopped/) })
    expect(await exporter.get('b')).toMatchObject({ status: 'running' })
    expect(await admit('plenary', 'participant')).toMatchObject({ ok: false, full: 'workshop' })
  })

  it('past sixty kept on the server, lets go of participants’ longest-finished files before any facilitator’s', async () => {
    for (let i = 0; i < 50; i++) {
      await storage.addExportJob(finished(`fac${i}`, 300_000, { startedBy: 'facilitator', plenaryId: `w${i}` }))
    }
    for (let i = 0; i < 20; i++) await storage.addExportJob(finished(`part${i}`, 200_000 - i, { plenaryId: `w${i}` }))
    expect((await admit('new workshop', 'participant')).ok).toBe(true)
    const kept = await storage.listExportJobs()
    expect(kept).toHaveLength(61)
    expect(kept.filter((j) => j.startedBy === 'facilitator')).toHaveLength(50)
    expect(kept.filter((j) => j.id.startsWith('part')).map((j) => j.id)).toEqual(
      Array.from({ length: 10 }, (_, i) => `part${i + 10}`),
    )
  })
})

describe('admission (the decision alone)', () => {
  it('counts only jobs of the same class, in the same workshop or on the whole server', () => {
    const jobs = [
      job('f1', { startedBy: 'facilitator' }),
      job('f2', { startedBy: 'facilitator' }),
      job('f3', { startedBy: 'facilitator' }),
      job('p1'),
    ]
    expect(admission(jobs, 'plenary', 'participant')).toEqual({ ok: true, letGo: [] })
    expect(admission(jobs, 'plenary', 'facilitator')).toMatchObject({ ok: false, full: 'workshop' })
    expect(admission([...jobs, job('p2')], 'plenary', 'participant')).toMatchObject({ ok: false, full: 'workshop' })
  })
})

const postgresSkip = await postgresSkipReason()

describe.each([
  { name: 'SQLite', skip: null as string | null },
  { name: 'PostgreSQL', skip: postgresSkip },
])('racing requests on two processes ($name)', ({ name, skip }) => {
  it.skipIf(skip)('cannot squeeze more exports past a share than it holds', async () => {
    const database = name === 'PostgreSQL' ? await createTestDatabase() : undefined
    const open = (): Promise<Storage> =>
      database
        ? PostgresStorage.connect(database.url, { poolSize: 4 })
        : Promise.resolve(new SqliteStorage(join(dir, `race-${Date.now()}.sqlite`)))
    const first = await open()
    const second = database ? await open() : new SqliteStorage((first as SqliteStorage).file)
    const exporters = [newExporter(first), newExporter(second)]
    holdRenders()
    try {
      const tries = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          exporters[i % 2]!.admit(board('plenary'), DEFAULT_PRINT_OPTIONS, i < 4 ? 'participant' : 'facilitator'),
        ),
      )
      expect(tries.slice(0, 4).filter((tried) => tried.ok)).toHaveLength(EXPORT_SHARES.participant.workshop)
      expect(tries.slice(4).filter((tried) => tried.ok)).toHaveLength(EXPORT_SHARES.facilitator.workshop)
      expect((await first.listExportJobs()).filter((kept) => kept.status === 'running')).toHaveLength(5)
    } finally {
      letGo()
      for (const exporter of exporters) await exporter.close()
      await first.close()
      await second.close()
      await database?.drop()
    }
  })
})
