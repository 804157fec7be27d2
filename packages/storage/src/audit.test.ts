import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { testBackends } from './fixtures/storageBackends.ts'
import type { StoredAuditEvent } from './Storage.ts'
import { boardId, writeWorkshop } from './fixtures/workshop.ts'

const BACKENDS = await testBackends()

/** An entry as the server writes them: the id sorts like the time, then a tail of its own. */
const entry = (at: number, tail: string, fields: Partial<StoredAuditEvent> = {}): StoredAuditEvent => ({
  id: `${at.toString(36).padStart(10, '0')}-${tail.padStart(12, '0')}`,
  at,
  boardId: boardId('Plenary'),
  kind: 'joined',
  name: 'مريم',
  role: 'editor',
  detail: null,
  ...fields,
})

const ids = (events: readonly StoredAuditEvent[]) => events.map((event) => event.id)

describe.each(BACKENDS)('audit log storage: $name', (backend) => {
  if (backend.skip) {
    it.skip(`needs ${backend.name}: ${backend.skip}`, () => {})
    return
  }
  beforeEach(() => backend.setUp())
  afterEach(() => backend.tearDown())

  it('lists a workshop’s entries newest first, page by page, as stored (after reopening too)', async () => {
    const storage = await backend.open()
    const workshop = await writeWorkshop(storage, boardId('Plenary'), 'marker')
    const other = await writeWorkshop(storage, boardId('Other'), 'other')
    const breakoutId = workshop.boardIds[1]!
    const first = entry(1_000, 'a', { kind: 'links-replaced', name: null, role: 'facilitator' })
    const second = entry(2_000, 'b', { boardId: breakoutId, name: 'Ahmed', role: 'viewer' })
    // Two in one millisecond: the id orders them.
    const third = entry(3_000, 'c', { kind: 'exported', detail: 'pdf' })
    const fourth = entry(3_000, 'd', { kind: 'backup-downloaded', name: null, role: null })
    await storage.addAuditEvents(workshop.plenaryId, [first, third])
    await storage.addAuditEvents(workshop.plenaryId, [fourth, second])
    await storage.addAuditEvents(other.plenaryId, [entry(5_000, 'e', { boardId: other.plenaryId })])

    expect(await storage.listAuditEvents(workshop.plenaryId)).toEqual([fourth, third, second, first])
    const page = await storage.listAuditEvents(workshop.plenaryId, { limit: 2 })
    expect(ids(page)).toEqual(ids([fourth, third]))
    expect(ids(await storage.listAuditEvents(workshop.plenaryId, { limit: 2, before: page[1]!.id }))).toEqual(
      ids([second, first]),
    )
    expect(await storage.listAuditEvents(workshop.plenaryId, { before: first.id })).toEqual([])
    expect(await storage.listAuditEvents(workshop.plenaryId, { before: 'no-such-entry' })).toEqual([])
    // Another workshop's entry is not a place to page from.
    const otherId = (await storage.listAuditEvents(other.plenaryId))[0]!.id
    expect(await storage.listAuditEvents(workshop.plenaryId, { before: otherId })).toEqual([])
    await storage.close()

    const reopened = await backend.open()
    expect(await reopened.listAuditEvents(workshop.plenaryId)).toEqual([fourth, third, second, first])
    expect(ids(await reopened.listAuditEvents(other.plenaryId))).toEqual([otherId])
    await reopened.close()
  })

  it('drops entries for a workshop that does not exist (one already purged)', async () => {
    const storage = await backend.open()
    await storage.addAuditEvents(boardId('Never_stored'), [entry(1_000, 'a', { boardId: boardId('Never_stored') })])
    expect(await storage.listAuditEvents(boardId('Never_stored'))).toEqual([])
    await storage.close()
    expect(await backend.columnsHolding(boardId('Never_stored'))).toEqual([])
  })

  it('purges a workshop’s log with it, and only its own', async () => {
    const storage = await backend.open()
    const purged = await writeWorkshop(storage, boardId('Purged'), 'marker-p')
    const kept = await writeWorkshop(storage, boardId('Kept'), 'marker-k')
    await storage.addAuditEvents(purged.plenaryId, [
      entry(1_000, 'a', { boardId: purged.boardIds[2]!, name: 'Nadia marker-p' }),
      entry(2_000, 'b', { boardId: purged.plenaryId, detail: 'Before voting marker-p' }),
    ])
    const keptEntry = entry(1_000, 'c', { boardId: kept.boardIds[1]! })
    await storage.addAuditEvents(kept.plenaryId, [keptEntry])
    await storage.purgeWorkshop(purged.plenaryId)
    // An entry that comes after the purge (it raced it) is not stored.
    await storage.addAuditEvents(purged.plenaryId, [entry(3_000, 'd', { boardId: purged.plenaryId })])
    expect(await storage.listAuditEvents(purged.plenaryId)).toEqual([])
    expect(await storage.listAuditEvents(kept.plenaryId)).toEqual([keptEntry])
    await storage.close()
    for (const id of purged.boardIds) expect(await backend.columnsHolding(id)).toEqual([])
    expect(await backend.columnsHolding('marker-p')).toEqual([])
    expect(await backend.columnsHolding(kept.boardIds[1]!)).toContain('audit_events.board_id')
  })

  it('brings a workshop’s log in with its restore, in the same transaction', async () => {
    const storage = await backend.open()
    const plenaryId = boardId('Restored')
    const breakoutId = boardId('Restored_breakout')
    const log = [entry(1_000, 'a', { boardId: breakoutId }), entry(2_000, 'b', { boardId: plenaryId, name: null })]
    await storage.importBoards([
      {
        board: { id: plenaryId, title: 'Restored', createdAt: 1, parentId: null },
        docs: [],
        assets: [],
        audit: log,
      },
      { board: { id: breakoutId, title: 'Group', createdAt: 1, parentId: plenaryId }, docs: [], assets: [] },
    ])
    expect(await storage.listAuditEvents(plenaryId)).toEqual([...log].reverse())
    // A restore that fails stores none of its log (two entries with one id).
    const failing = boardId('Failing')
    await expect(
      storage.importBoards([
        {
          board: { id: failing, title: 'Failing', createdAt: 1, parentId: null },
          docs: [],
          assets: [],
          audit: [entry(1_000, 'a', { boardId: failing }), entry(1_000, 'a', { boardId: failing })],
        },
      ]),
    ).rejects.toThrow()
    expect(await storage.getBoard(failing)).toBeUndefined()
    expect(await storage.listAuditEvents(failing)).toEqual([])
    await storage.close()
  })
})
