import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pino } from 'pino'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { SqliteStorage } from '@cg/storage'
import { OPENED_WRITE_EVERY_MS, WorkshopOpenings } from './workshopOpenings.ts'

describe('recording that a workshop was opened', () => {
  let dir: string
  let storage: SqliteStorage
  let clock: number
  let openings: WorkshopOpenings
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cg-openings-'))
    storage = new SqliteStorage(join(dir, 'boards.sqlite'))
    clock = 1_000_000
    openings = new WorkshopOpenings(storage, () => clock, pino({ level: 'silent' }))
    await storage.createBoard({ id: 'p', title: 'Workshop', createdAt: 1, parentId: null })
    await storage.createBoard({ id: 'q', title: 'Another', createdAt: 1, parentId: null })
  })
  afterEach(async () => {
    await storage.close()
    rmSync(dir, { recursive: true, force: true })
  })

  const openedAt = async (id: string) => (await storage.getBoard(id))?.openedAt

  it('writes at most once per workshop every few minutes', async () => {
    await openings.opened('p')
    expect(await openedAt('p')).toBe(1_000_000)
    clock += OPENED_WRITE_EVERY_MS - 1
    await openings.opened('p')
    expect(await openedAt('p')).toBe(1_000_000)
    // Another workshop is its own.
    await openings.opened('q')
    expect(await openedAt('q')).toBe(clock)
    clock += 1
    await openings.opened('p')
    expect(await openedAt('p')).toBe(clock)
  })

  it('never fails the connection: a write that fails is logged', async () => {
    await storage.createBoard({ id: 'g', title: 'Group', createdAt: 1, parentId: 'p' })
    // A breakout's id is refused by storage (the server passes plenaries): logged, not thrown, and not remembered.
    await expect(openings.opened('g')).resolves.toBeUndefined()
    expect(await storage.getBoard('g')).not.toHaveProperty('openedAt')
    await storage.close()
    await expect(openings.opened('p')).resolves.toBeUndefined()
  })
})
