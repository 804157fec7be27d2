// Over 300 lines: one backend-independent contract, kept in one file so every backend runs exactly the same tests.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { testBackends } from './fixtures/storageBackends.ts'
import type { BoardRecord, Storage } from './Storage.ts'
import { boardId, readWorkshop, writeWorkshop } from './fixtures/workshop.ts'

/** The storage contract: the same tests against every backend (`open` again is a restart). */
const BACKENDS = await testBackends()
const bytes = (...values: number[]) => new Uint8Array(values)

describe.each(BACKENDS)('storage contract: $name', (backend) => {
  if (backend.skip) {
    it.skip(`needs ${backend.name}: ${backend.skip}`, () => {})
    return
  }
  beforeEach(() => backend.setUp())
  afterEach(() => backend.tearDown())

  it('appends updates in order and reads them back after reopening', async () => {
    const storage = await backend.open()
    expect(await storage.appendUpdates('doc', [bytes(1), bytes(2)])).toBe(2)
    expect(await storage.appendUpdates('doc', [bytes(3)])).toBe(3)
    await storage.appendUpdates('other', [bytes(9)])
    await storage.close()

    const reopened = await backend.open()
    const doc = await reopened.loadDoc('doc')
    expect(doc.snapshot).toBeNull()
    expect(doc.updates.map((u) => Array.from(u))).toEqual([[1], [2], [3]])
    expect(doc.lastSeq).toBe(3)
    await reopened.close()
  })

  it('compaction replaces logged updates up to a sequence number with a snapshot, keeping later ones', async () => {
    const storage = await backend.open()
    await storage.appendUpdates('doc', [bytes(1), bytes(2), bytes(3)])
    await storage.compactDoc('doc', bytes(7, 7), 2)
    const doc = await storage.loadDoc('doc')
    expect(Array.from(doc.snapshot ?? [])).toEqual([7, 7])
    expect(doc.updates.map((u) => Array.from(u))).toEqual([[3]])
    expect(await storage.docStats('doc')).toEqual({ updateCount: 1, updateBytes: 1, snapshotBytes: 2 })
    // Sequence numbers keep growing after compaction so a later compaction never drops newer updates.
    await storage.compactDoc('doc', bytes(8), 3)
    expect(await storage.appendUpdates('doc', [bytes(4)])).toBe(4)
    await storage.close()
  })

  it('never replaces a snapshot with an older one (a second process compacting late)', async () => {
    const storage = await backend.open()
    await storage.appendUpdates('doc', [bytes(1), bytes(2), bytes(3)])
    await storage.compactDoc('doc', bytes(9, 9, 9), 3)
    await storage.compactDoc('doc', bytes(5), 1)
    expect(Array.from((await storage.loadDoc('doc')).snapshot ?? [])).toEqual([9, 9, 9])
    await storage.close()
  })

  it('keeps versions, lists them newest first without their data, and rewrites them in one transaction', async () => {
    const storage = await backend.open()
    const version = (id: string, createdAt: number, baseId: string | null) => ({
      id,
      docName: 'doc',
      createdAt,
      name: id === 'v2' ? 'Before voting' : null,
      reason: 'interval',
      shapes: 3,
      baseId,
      data: bytes(createdAt),
    })
    await storage.addVersion(version('v1', 1, null))
    await storage.addVersion(version('v2', 2, 'v1'))
    await storage.addVersion(version('v3', 3, 'v2'))
    expect((await storage.listVersions('doc')).map((v) => [v.id, v.name, v.bytes])).toEqual([
      ['v3', null, 1],
      ['v2', 'Before voting', 1],
      ['v1', null, 1],
    ])
    expect(Array.from((await storage.getVersion('doc', 'v2'))!.data)).toEqual([2])
    await storage.replaceVersions('doc', { remove: ['v2'], rewrite: [{ ...version('v3', 3, 'v1'), data: bytes(7) }] })
    expect((await storage.listVersions('doc')).map((v) => [v.id, v.baseId])).toEqual([
      ['v3', 'v1'],
      ['v1', null],
    ])
    expect(await storage.listVersions('other')).toEqual([])
    await storage.close()
  })

  it('stores boards and assets', async () => {
    const storage = await backend.open()
    await storage.createBoard({ id: 'b1', title: 'Vision', createdAt: 5, parentId: null })
    expect(await storage.getBoard('b1')).toEqual({ id: 'b1', title: 'Vision', createdAt: 5, parentId: null })
    expect(await storage.getBoard('nope')).toBeUndefined()
    await storage.putAsset({ boardId: 'b1', id: 'a1', mimeType: 'image/png', data: bytes(1, 2), createdAt: 6 })
    const asset = await storage.getAsset('b1', 'a1')
    expect(asset?.mimeType).toBe('image/png')
    expect(Array.from(asset?.data ?? [])).toEqual([1, 2])
    expect(await storage.getAsset('b2', 'a1')).toBeUndefined()
    await expect(storage.createBoard({ id: 'b1', title: 'dup', createdAt: 1, parentId: null })).rejects.toThrow()
    await storage.close()
  })

  it("stores a file only while the board's files stay within the quota", async () => {
    const storage = await backend.open()
    await storage.createBoard({ id: 'b1', title: 'Vision', createdAt: 5, parentId: null })
    await storage.createBoard({ id: 'b2', title: 'Other', createdAt: 5, parentId: null })
    const assetOf = (boardId: string, id: string, size: number) => ({
      boardId,
      id,
      mimeType: 'image/png',
      data: new Uint8Array(size),
      createdAt: 6,
    })
    expect(await storage.putAsset(assetOf('b1', 'a1', 600), 1000)).toBe(true)
    expect(await storage.putAsset(assetOf('b1', 'a2', 401), 1000)).toBe(false)
    expect(await storage.putAsset(assetOf('b1', 'a3', 400), 1000)).toBe(true)
    expect(await storage.putAsset(assetOf('b2', 'a1', 900), 1000)).toBe(true)
    expect(await storage.assetBytes('b1')).toBe(1000)
    expect(await storage.getAsset('b1', 'a2')).toBeUndefined()
    expect(await storage.putAsset(assetOf('b1', 'a4', 10_000))).toBe(true)
    await storage.close()
  })

  it('stores access hashes with the board in one transaction, replaces them, and lists breakout boards', async () => {
    const storage = await backend.open()
    const access = { facilitatorHash: bytes(1), editorHash: bytes(2), viewerHash: bytes(3), linkSalt: 's1' }
    await storage.createBoard({ id: 'p', title: 'Plenary', createdAt: 1, parentId: null }, access)
    expect(await storage.getBoardAccess('p')).toEqual(access)
    const rotated = { ...access, editorHash: bytes(4), viewerHash: bytes(5), linkSalt: 's2' }
    await storage.setBoardAccess('p', rotated)
    expect(await storage.getBoardAccess('p')).toEqual(rotated)
    // A board whose access cannot be stored is not created either.
    await expect(
      storage.createBoard({ id: 'q', title: 'Q', createdAt: 1, parentId: null }, { ...access, linkSalt: null! }),
    ).rejects.toThrow()
    expect(await storage.getBoard('q')).toBeUndefined()

    await storage.createBoard({ id: 'g2', title: 'Group 2', createdAt: 3, parentId: 'p' })
    await storage.createBoard({ id: 'g1', title: 'Group 1', createdAt: 2, parentId: 'p' })
    expect((await storage.listChildBoards('p')).map((board) => board.id)).toEqual(['g1', 'g2'])
    expect(await storage.getBoardAccess('g1')).toBeUndefined()
    await storage.close()
  })

  it('lists stored document names by prefix, logged or compacted, without treating the prefix as a pattern', async () => {
    const storage = await backend.open()
    await storage.appendUpdates('b:private:x', [bytes(1)])
    await storage.appendUpdates('b:private:y', [bytes(1)])
    await storage.compactDoc('b:private:y', bytes(2), 1)
    await storage.compactDoc('b:private:z', bytes(2), 0)
    await storage.appendUpdates('b', [bytes(1)])
    await storage.appendUpdates('b_private_w', [bytes(1)])
    expect(await storage.listDocNames('b:private:')).toEqual(['b:private:x', 'b:private:y', 'b:private:z'])
    expect(await storage.listDocNames('b_%')).toEqual([])
    await storage.close()
  })

  it('imports several boards in one transaction: a failure part way stores none of them', async () => {
    const storage = await backend.open()
    const asset = { boardId: 'g', id: 'a1', mimeType: 'image/png', data: bytes(1), createdAt: 1 }
    const plenary = {
      board: { id: 'p', title: 'P', createdAt: 1, parentId: null },
      docs: [{ name: 'p', state: bytes(5) }],
      assets: [],
    }
    const broken = {
      board: { id: 'g', title: 'G', createdAt: 1, parentId: 'p' },
      docs: [{ name: 'g', state: bytes(6) }],
      assets: [asset, asset], // the same file twice: the second insert fails
    }
    await expect(storage.importBoards([plenary, broken])).rejects.toThrow()
    expect(await storage.getBoard('p')).toBeUndefined()
    expect((await storage.loadDoc('p')).snapshot).toBeNull()
    await storage.importBoards([plenary, { ...broken, assets: [asset] }])
    expect(Array.from((await storage.loadDoc('g')).snapshot ?? [])).toEqual([6])
    expect(await storage.listAssets('g')).toHaveLength(1)
    await storage.close()
  })

  it('returns the updates logged after a sequence number, and how far the snapshot reaches', async () => {
    const storage = await backend.open()
    await storage.appendUpdates('doc', [bytes(1), bytes(2), bytes(3)])
    const since1 = await storage.loadUpdatesSince('doc', 1)
    expect(since1.updates.map((u) => [u.seq, Array.from(u.data)])).toEqual([
      [2, [2]],
      [3, [3]],
    ])
    expect(since1.compactedThrough).toBe(0)
    expect((await storage.loadUpdatesSince('doc', 3)).updates).toEqual([])
    await storage.compactDoc('doc', bytes(9), 2)
    // A reader that had only 1 learns that 2 is in the snapshot now.
    expect(await storage.loadUpdatesSince('doc', 1)).toEqual({
      updates: [{ seq: 3, data: bytes(3) }],
      compactedThrough: 2,
    })
    await storage.close()
  })

  it('numbers the updates of two writers at once without a gap or a clash (two processes on one store)', async () => {
    const first = await backend.open()
    const second = await backend.open()
    const writes = []
    for (let i = 0; i < 20; i++) {
      writes.push(first.appendUpdates('doc', [bytes(1, i), bytes(2, i)]))
      writes.push(second.appendUpdates('doc', [bytes(3, i)]))
    }
    const lastSeqs = await Promise.all(writes)
    expect(new Set(lastSeqs).size).toBe(40)
    const stored = (await first.loadUpdatesSince('doc', 0)).updates
    expect(stored.map((u) => u.seq)).toEqual(Array.from({ length: 60 }, (_, i) => i + 1))
    await first.close()
    await second.close()
  })

  it('lets racing uploads from two writers store exactly what fits in the quota', async () => {
    const first = await backend.open()
    const second = await backend.open()
    await first.createBoard({ id: 'b1', title: 'Vision', createdAt: 5, parentId: null })
    const uploads = Array.from({ length: 10 }, (_, i) =>
      (i % 2 ? first : second).putAsset(
        { boardId: 'b1', id: `a${i}`, mimeType: 'image/png', data: new Uint8Array(300), createdAt: i },
        1000,
      ),
    )
    expect((await Promise.all(uploads)).filter(Boolean)).toHaveLength(3)
    expect(await first.assetBytes('b1')).toBe(900)
    await first.close()
    await second.close()
  })

  it('lets one holder at a time run under a lock, across two writers', async () => {
    const first = await backend.open()
    const second = await backend.open()
    const order: string[] = []
    const hold = (storage: Storage, who: string) =>
      storage.withLock('history:b1', async () => {
        order.push(`${who} in`)
        await new Promise((resolve) => setTimeout(resolve, 30))
        order.push(`${who} out`)
      })
    await Promise.all([hold(first, 'a'), hold(second, 'b'), hold(first, 'c')])
    // Nobody entered while another was inside.
    for (let i = 0; i < order.length; i += 2) expect(order[i + 1]).toBe(order[i]!.replace('in', 'out'))
    await expect(first.withLock('x', () => Promise.reject(new Error('failed inside')))).rejects.toThrow('failed inside')
    await first.withLock('x', async () => {}) // the lock was let go after the failure
    await first.close()
    await second.close()
  })

  it('keeps export jobs for every writer: progress, a cancel another writer sees, the file, deletion', async () => {
    const renderer = await backend.open()
    const other = await backend.open()
    const job = {
      id: 'j1',
      boardId: 'b1',
      plenaryId: 'p1',
      title: 'Vision',
      format: 'pdf',
      startedBy: 'participant' as const,
      status: 'running' as const,
      done: 0,
      total: 0,
      error: null,
      createdAt: 1000,
      aliveAt: 1000,
      finishedAt: null,
    }
    await renderer.addExportJob(job)
    await renderer.addExportJob({ ...job, id: 'j2', createdAt: 2000, aliveAt: 2000 })
    expect(await renderer.updateRunningExportJob('j1', { done: 3, total: 10, aliveAt: 1500 })).toBe(true)
    expect(await other.getExportJob('j1')).toEqual({ ...job, done: 3, total: 10, aliveAt: 1500 })
    // Finished with its file: the other writer reads it; a finished job no longer changes.
    const pdf = bytes(0x25, 0x50, 0x44, 0x46)
    expect(await renderer.updateRunningExportJob('j1', { status: 'done', done: 10, finishedAt: 1600, file: pdf })).toBe(
      true,
    )
    expect(await other.getExportFile('j1')).toEqual(pdf)
    expect(await other.updateRunningExportJob('j1', { status: 'cancelled' })).toBe(false)
    expect((await other.getExportJob('j1'))?.status).toBe('done')
    // Cancelled by the other writer: the renderer's next progress is refused, and no file is kept.
    expect(await other.updateRunningExportJob('j2', { status: 'cancelled', finishedAt: 2100 })).toBe(true)
    expect(await renderer.updateRunningExportJob('j2', { done: 1 })).toBe(false)
    expect(await renderer.getExportFile('j2')).toBeUndefined()
    expect((await renderer.listExportJobs()).map(({ id, status }) => [id, status])).toEqual([
      ['j1', 'done'],
      ['j2', 'cancelled'],
    ])
    await other.deleteExportJobs(['j1', 'j2', 'missing'])
    expect(await renderer.listExportJobs()).toEqual([])
    expect(await renderer.getExportJob('j1')).toBeUndefined()
    await renderer.close()
    await other.close()
  })

  it('records who started each export job (a facilitator or a participant), for every writer and after a restart', async () => {
    const first = await backend.open()
    const job = {
      id: 'f1',
      boardId: 'b1',
      plenaryId: 'p1',
      title: 'Vision',
      format: 'pdf',
      startedBy: 'facilitator' as const,
      status: 'running' as const,
      done: 0,
      total: 0,
      error: null,
      createdAt: 1000,
      aliveAt: 1000,
      finishedAt: null,
    }
    await first.addExportJob(job)
    await first.addExportJob({ ...job, id: 'p1', startedBy: 'participant', createdAt: 1001 })
    // Finishing a job keeps whose it was.
    await first.updateRunningExportJob('f1', { status: 'done', finishedAt: 1500, file: bytes(1) })
    await first.close()
    const second = await backend.open()
    expect(await second.getExportJob('f1')).toMatchObject({ startedBy: 'facilitator', status: 'done' })
    expect((await second.listExportJobs()).map(({ id, startedBy }) => [id, startedBy])).toEqual([
      ['f1', 'facilitator'],
      ['p1', 'participant'],
    ])
    await second.close()
  })

  it('puts a workshop in the trash with its breakouts and takes it out again, in one change', async () => {
    const storage = await backend.open()
    const plenary: BoardRecord = { id: 'p', title: 'Plenary', createdAt: 1, parentId: null }
    const groups: BoardRecord[] = [
      { id: 'g1', title: 'Group 1', createdAt: 2, parentId: 'p' },
      { id: 'g2', title: 'Group 2', createdAt: 3, parentId: 'p' },
    ]
    const other: BoardRecord = { id: 'o', title: 'Other', createdAt: 1, parentId: null }
    for (const board of [plenary, ...groups, other]) await storage.createBoard(board)
    await storage.createBoard({ id: 'og', title: 'Other group', createdAt: 2, parentId: 'o' })
    const deletion = { deletedAt: 1_760_000_000_000, purgeAt: 1_762_592_000_000 }
    await storage.setWorkshopDeletion('p', deletion)
    await storage.close()

    const reopened = await backend.open()
    expect(await reopened.getBoard('p')).toEqual({ ...plenary, deletion })
    expect(await reopened.listChildBoards('p')).toEqual(groups.map((group) => ({ ...group, deletion })))
    expect(await reopened.getBoard('o')).toEqual(other)
    expect((await reopened.listChildBoards('o'))[0]).not.toHaveProperty('deletion')
    // Only a plenary names a workshop: a breakout alone is refused and stays as it is.
    await expect(reopened.setWorkshopDeletion('og', deletion)).rejects.toThrow(/breakout/)
    await expect(reopened.setWorkshopDeletion('g1', null)).rejects.toThrow(/breakout/)
    expect(await reopened.getBoard('g1')).toEqual({ ...groups[0], deletion })
    await reopened.setWorkshopDeletion('missing', deletion)

    await reopened.setWorkshopDeletion('p', null)
    expect(await reopened.getBoard('p')).toEqual(plenary)
    expect(await reopened.listChildBoards('p')).toEqual(groups)
    await reopened.close()
  })

  it('lists the plenaries whose purge time has come, and never stores a deletion given with a new board', async () => {
    const storage = await backend.open()
    const board = (id: string, parentId: string | null = null) => ({ id, title: id, createdAt: 1, parentId })
    for (const id of ['p1', 'p2', 'p3']) await storage.createBoard(board(id))
    await storage.createBoard(board('p1-g', 'p1'))
    await storage.setWorkshopDeletion('p2', { deletedAt: 10, purgeAt: 200 })
    await storage.setWorkshopDeletion('p1', { deletedAt: 20, purgeAt: 100 })
    expect(await storage.listWorkshopsToPurge(99)).toEqual([])
    expect(await storage.listWorkshopsToPurge(100)).toEqual(['p1'])
    expect(await storage.listWorkshopsToPurge(10_000)).toEqual(['p1', 'p2'])
    await storage.setWorkshopDeletion('p1', null)
    expect(await storage.listWorkshopsToPurge(10_000)).toEqual(['p2'])

    const deletion = { deletedAt: 1, purgeAt: 2 }
    await storage.createBoard({ ...board('n1'), deletion })
    await storage.importBoards([{ board: { ...board('n2'), deletion }, docs: [], assets: [] }])
    expect(await storage.getBoard('n1')).toEqual(board('n1'))
    expect(await storage.getBoard('n2')).toEqual(board('n2'))
    expect(await storage.listWorkshopsToPurge(10_000)).toEqual(['p2'])
    await storage.close()
  })

  it("purges every row of a workshop, leaves another's untouched, and does nothing a second time", async () => {
    const storage = await backend.open()
    // `_` in the purged id matches any character in LIKE: the other workshop's ids differ only there.
    const purged = await writeWorkshop(storage, boardId('Work_shop-A'), 'marker-a', 1_000)
    const kept = await writeWorkshop(storage, boardId('WorkXshop-A'), 'marker-k', 2_000)
    const keptBefore = await readWorkshop(storage, kept)
    expect(keptBefore.docs).toHaveLength(9)
    expect(keptBefore.exportFiles).toHaveLength(3)
    await storage.setWorkshopDeletion(purged.plenaryId, { deletedAt: 1, purgeAt: 2 })

    // A breakout's id is refused, and nothing of either workshop goes.
    await expect(storage.purgeWorkshop(kept.boardIds[1]!)).rejects.toThrow(/breakout/)
    expect(await readWorkshop(storage, kept)).toEqual(keptBefore)

    await storage.purgeWorkshop(purged.plenaryId)
    const nothing = Object.fromEntries(Object.keys(keptBefore).map((key) => [key, []]))
    expect(await readWorkshop(storage, purged)).toEqual(nothing)
    expect(await readWorkshop(storage, kept)).toEqual(keptBefore)
    expect(await storage.listWorkshopsToPurge(10)).toEqual([])

    await storage.purgeWorkshop(purged.plenaryId)
    await storage.purgeWorkshop(boardId('never-stored'))
    await storage.close()
    const reopened = await backend.open()
    expect(await readWorkshop(reopened, purged)).toEqual(nothing)
    expect(await readWorkshop(reopened, kept)).toEqual(keptBefore)
    await reopened.close()
  })

  it("leaves no row of any table holding the id of a purged workshop's boards", async () => {
    const storage = await backend.open()
    const purged = await writeWorkshop(storage, boardId('Purged_workshop'), 'marker-p')
    const kept = await writeWorkshop(storage, boardId('Kept_workshop'), 'marker-k')
    await storage.close()
    // Before: the search finds the workshop in every table (so finding nothing after means something).
    const tables = (columns: string[]) => [...new Set(columns.map((column) => column.split('.')[0]))].sort()
    const everyTable = [
      'assets',
      'board_access',
      'boards',
      'doc_snapshots',
      'doc_updates',
      'doc_versions',
      'export_jobs',
    ]
    expect(tables(await backend.columnsHolding(purged.plenaryId))).toEqual(everyTable)
    for (const id of purged.boardIds.slice(1)) expect(await backend.columnsHolding(id)).not.toEqual([])

    const again = await backend.open()
    await again.purgeWorkshop(purged.plenaryId)
    await again.close()
    for (const id of purged.boardIds) expect(await backend.columnsHolding(id)).toEqual([])
    expect(await backend.columnsHolding('marker-p')).toEqual([])
    expect(tables(await backend.columnsHolding(kept.plenaryId))).toEqual(everyTable)
  })
})
