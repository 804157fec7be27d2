import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { AssetRecord, Storage } from './Storage.ts'
import { testBackends } from './fixtures/storageBackends.ts'

const DAY = 24 * 3_600_000
const file = (boardId: string, id: string): AssetRecord => ({
  boardId,
  id,
  mimeType: 'image/png',
  data: new TextEncoder().encode(`${boardId}/${id}`),
  createdAt: 1,
})
const ids = async (storage: Storage, boardId: string) => (await storage.listAssets(boardId)).map((asset) => asset.id)

describe.each(await testBackends())('unreferenced files: $name', (backend) => {
  if (backend.skip) {
    it.skip(`needs ${backend.name}: ${backend.skip}`, () => {})
    return
  }
  beforeEach(() => backend.setUp())
  afterEach(() => backend.tearDown())

  it('lists the boards that hold files', async () => {
    const storage = await backend.open()
    expect(await storage.listBoardsWithAssets()).toEqual([])
    for (const asset of [file('b2', 'x'), file('b1', 'y'), file('b2', 'z')]) await storage.putAsset(asset)
    await storage.createBoard({ id: 'b3', title: 'No files', createdAt: 1, parentId: null })
    expect(await storage.listBoardsWithAssets()).toEqual(['b1', 'b2'])
    await storage.close()
  })

  it('deletes a file only once nothing referred to it for the whole grace period, counted from the sweep that first found it so', async () => {
    const storage = await backend.open()
    for (const id of ['kept', 'late', 'orphan']) await storage.putAsset(file('b', id))
    await storage.putAsset(file('other', 'orphan'))

    // Day 0: only "kept" is referred to; the others are marked from now, and nothing is deleted yet.
    expect(await storage.sweepUnreferencedAssets('b', new Set(['kept']), 0, -7 * DAY)).toEqual([])
    // Day 3: "late" is referred to again (its record came back): its mark goes.
    expect(await storage.sweepUnreferencedAssets('b', new Set(['kept', 'late']), 3 * DAY, -4 * DAY)).toEqual([])
    await storage.close()

    // Day 7, after a restart: the mark of day 0 held; "orphan" goes, "late" stays (not referred to since day 7 only).
    const reopened = await backend.open()
    expect(await reopened.sweepUnreferencedAssets('b', new Set(['kept']), 7 * DAY, 0)).toEqual(['orphan'])
    expect(await ids(reopened, 'b')).toEqual(['kept', 'late'])
    // Another board's file of the same id is its own.
    expect(await ids(reopened, 'other')).toEqual(['orphan'])
    // Day 14: "late" was marked on day 7.
    expect(await reopened.sweepUnreferencedAssets('b', new Set(['kept']), 14 * DAY, 7 * DAY)).toEqual(['late'])
    expect(await ids(reopened, 'b')).toEqual(['kept'])
    await reopened.close()
  })

  it('marks a file as the sweep finds it, deletes at once with no grace, and ignores ids of files it does not hold', async () => {
    const storage = await backend.open()
    for (const id of ['a', 'b', 'c']) await storage.putAsset(file('board', id))
    const referenced = new Set(['a', 'not-stored', "it's; -- odd"])
    expect(await storage.sweepUnreferencedAssets('board', referenced, 100, 99)).toEqual([])
    const marks = await backend.run('SELECT id, unreferenced_at AS "at" FROM assets WHERE board_id = $1 ORDER BY id', [
      'board',
    ])
    expect(marks.map((row) => [row.id, row.at === null ? null : Number(row.at)])).toEqual([
      ['a', null],
      ['b', 100],
      ['c', 100],
    ])
    // A grace of nothing: marked now and deleted in the same sweep.
    await storage.putAsset(file('board', 'd'))
    expect(await storage.sweepUnreferencedAssets('board', new Set(), 200, 200)).toEqual(['b', 'c', 'd', 'a'].sort())
    expect(await storage.listBoardsWithAssets()).toEqual([])
    await storage.close()
  })
})
