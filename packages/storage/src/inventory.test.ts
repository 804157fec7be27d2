import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { testBackends } from './fixtures/storageBackends.ts'

const bytes = (length: number) => new Uint8Array(length).fill(7)

describe.each(await testBackends())('workshops for operators: $name', (backend) => {
  if (backend.skip) {
    it.skip(`needs ${backend.name}: ${backend.skip}`, () => {})
    return
  }
  beforeEach(() => backend.setUp())
  afterEach(() => backend.tearDown())

  it('lists every plenary, oldest first, in the trash or not, with its breakouts and what it stores', async () => {
    const storage = await backend.open()
    expect(await storage.listWorkshops()).toEqual([])
    const plenary = { id: 'p', title: 'Plenary', createdAt: 20, parentId: null }
    const older = { id: 'z-older', title: 'Older', createdAt: 10, parentId: null }
    await storage.createBoard(plenary)
    await storage.createBoard(older)
    await storage.createBoard({ id: 'p-g1', title: 'Group 1', createdAt: 21, parentId: 'p' })
    await storage.createBoard({ id: 'p-g2', title: 'Group 2', createdAt: 22, parentId: 'p' })
    // A board whose id starts like the plenary's is not its room: only `p` and `p:…` are.
    await storage.createBoard({ id: 'pq', title: 'Another', createdAt: 30, parentId: null })
    await storage.appendUpdates('pq', [bytes(1_000)])

    // Documents (logged and compacted), versions, files and export files, on the plenary and a breakout.
    await storage.appendUpdates('p', [bytes(100), bytes(50)])
    await storage.compactDoc('p', bytes(120), 1)
    await storage.appendUpdates('p:facilitation', [bytes(10)])
    await storage.appendUpdates('p-g1:private:key', [bytes(5)])
    const version = { createdAt: 1, name: null, reason: 'interval', shapes: 0, baseId: null }
    await storage.addVersion({ ...version, id: 'v1', docName: 'p-g1', data: bytes(200) })
    await storage.putAsset({ boardId: 'p-g2', id: 'f', mimeType: 'image/png', data: bytes(3_000), createdAt: 1 })
    const job = {
      boardId: 'p',
      plenaryId: 'p',
      title: 'Plenary',
      format: 'pdf',
      startedBy: 'facilitator' as const,
      status: 'running' as const,
      done: 0,
      total: 1,
      error: null,
      createdAt: 1,
      aliveAt: 1,
      finishedAt: null,
    }
    await storage.addExportJob({ ...job, id: 'e1' })
    await storage.updateRunningExportJob('e1', { status: 'done', finishedAt: 2, file: bytes(400) })
    // An audit entry, written as the database holds it: 8 for its time, then its texts' bytes.
    await backend.run(
      `INSERT INTO audit_events (plenary_id, id, at, board_id, kind, name, role, detail)
       VALUES ('p', 'a1', 5, 'p', 'joined', 'Amira أ', 'editor', NULL)`,
    )
    const auditBytes = 8 + 'a1'.length + 'p'.length + 'joined'.length + Buffer.byteLength('Amira أ') + 'editor'.length
    const deletion = { deletedAt: 50, purgeAt: 60 }
    await storage.setWorkshopDeletion('z-older', deletion)
    await storage.close()

    const reopened = await backend.open()
    expect(await reopened.listWorkshops()).toEqual([
      { board: { ...older, deletion }, breakouts: 0, bytes: 0 },
      {
        board: plenary,
        breakouts: 2,
        bytes: 50 + 120 + 10 + 5 + 200 + 3_000 + 400 + auditBytes,
      },
      { board: { id: 'pq', title: 'Another', createdAt: 30, parentId: null }, breakouts: 0, bytes: 1_000 },
    ])
    await reopened.close()
  })
})
