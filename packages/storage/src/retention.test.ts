import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { testBackends } from './fixtures/storageBackends.ts'
import type { BoardRecord, Storage } from './Storage.ts'

const BACKENDS = await testBackends()

const board = (id: string, createdAt: number, parentId: string | null = null): BoardRecord => ({
  id,
  title: `Board ${id}`,
  createdAt,
  parentId,
})

describe.each(BACKENDS)('retention storage: $name', (backend) => {
  if (backend.skip) {
    it.skip(`needs ${backend.name}: ${backend.skip}`, () => {})
    return
  }
  let storage: Storage
  beforeEach(async () => {
    await backend.setUp()
    storage = await backend.open()
  })
  afterEach(async () => {
    await storage.close()
    await backend.tearDown()
  })

  it('keeps a workshop’s dates across a restart, clears them, and refuses a breakout', async () => {
    const plenary = board('p', 10)
    const group = board('g', 11, 'p')
    await storage.createBoard(plenary)
    await storage.createBoard(group)
    expect(await storage.getBoard('p')).toEqual(plenary)

    await storage.setWorkshopRetention('p', { deleteOn: 5_000, linksExpireAt: null })
    await storage.close()
    storage = await backend.open()
    expect(await storage.getBoard('p')).toEqual({ ...plenary, retention: { deleteOn: 5_000, linksExpireAt: null } })
    // A breakout follows its plenary: it has no dates of its own, and none can be set on it.
    expect(await storage.getBoard('g')).toEqual(group)
    await expect(storage.setWorkshopRetention('g', { deleteOn: 1, linksExpireAt: 1 })).rejects.toThrow(/breakout/)
    expect(await storage.getBoard('g')).toEqual(group)

    await storage.setWorkshopRetention('p', { deleteOn: null, linksExpireAt: 7_000 })
    expect((await storage.getBoard('p'))?.retention).toEqual({ deleteOn: null, linksExpireAt: 7_000 })
    await storage.setWorkshopRetention('p', { deleteOn: null, linksExpireAt: null })
    expect(await storage.getBoard('p')).toEqual(plenary)
  })

  it('records when a workshop was last opened, never moving it back', async () => {
    await storage.createBoard(board('p', 10))
    await storage.createBoard(board('g', 11, 'p'))
    await storage.markWorkshopOpened('p', 300)
    expect((await storage.getBoard('p'))?.openedAt).toBe(300)
    await storage.markWorkshopOpened('p', 200)
    expect((await storage.getBoard('p'))?.openedAt).toBe(300)
    await storage.markWorkshopOpened('p', 400)
    expect((await storage.getBoard('p'))?.openedAt).toBe(400)
    await expect(storage.markWorkshopOpened('g', 500)).rejects.toThrow(/breakout/)
    expect(await storage.getBoard('g')).toEqual(board('g', 11, 'p'))
    expect((await storage.getBoard('p'))?.openedAt).toBe(400)
  })

  it('lists the workshops due: deletion date passed, or (with idle retention) not opened since', async () => {
    for (const id of ['scheduled', 'later', 'opened', 'idle', 'trashed']) await storage.createBoard(board(id, 100))
    await storage.createBoard(board('group', 100, 'opened'))
    await storage.setWorkshopRetention('scheduled', { deleteOn: 1_000, linksExpireAt: null })
    await storage.setWorkshopRetention('later', { deleteOn: 5_000, linksExpireAt: 500 })
    await storage.markWorkshopOpened('opened', 900)
    await storage.setWorkshopRetention('trashed', { deleteOn: 1_000, linksExpireAt: null })
    await storage.setWorkshopDeletion('trashed', { deletedAt: 1_000, purgeAt: 9_000 })

    expect(await storage.listWorkshopsDue(999)).toEqual([])
    expect(await storage.listWorkshopsDue(1_000)).toEqual([{ id: 'scheduled', why: 'scheduled' }])
    // Idle since 800: never opened counts from creation (100); 'opened' was opened at 900.
    expect(await storage.listWorkshopsDue(1_000, 800)).toEqual([
      { id: 'idle', why: 'idle' },
      { id: 'later', why: 'idle' },
      { id: 'scheduled', why: 'scheduled' },
    ])
    expect(await storage.listWorkshopsDue(1_000, 100)).toEqual([{ id: 'scheduled', why: 'scheduled' }])
    expect((await storage.listWorkshopsDue(5_000, 901)).map((due) => due.id)).toEqual([
      'idle',
      'later',
      'opened',
      'scheduled',
    ])
  })

  it('lists the workshops whose links expired within a window, once each', async () => {
    await storage.createBoard(board('a', 1))
    await storage.createBoard(board('b', 1))
    await storage.createBoard(board('never', 1))
    await storage.setWorkshopRetention('a', { deleteOn: null, linksExpireAt: 1_000 })
    await storage.setWorkshopRetention('b', { deleteOn: 9_000, linksExpireAt: 2_000 })
    expect(await storage.listLinksExpired(0, 999)).toEqual([])
    expect(await storage.listLinksExpired(0, 1_000)).toEqual(['a'])
    expect(await storage.listLinksExpired(1_000, 2_500)).toEqual(['b'])
    expect(await storage.listLinksExpired(0, 2_500)).toEqual(['a', 'b'])
    expect(await storage.listLinksExpired(2_500, 10_000)).toEqual([])
  })
})
