import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { SqliteStorage } from './SqliteStorage.ts'
import { boardId, readWorkshop, writeWorkshop } from './fixtures/workshop.ts'

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cg-backup-to-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

describe('SqliteStorage.backupTo', () => {
  it('copies the whole store into a file that opens as a store holding the same workshops, while the store stays open', async () => {
    const storage = new SqliteStorage(join(dir, 'boards.sqlite'))
    const kept = await writeWorkshop(storage, boardId('Kept'), 'marker-kept')
    const purged = await writeWorkshop(storage, boardId('Purged'), 'marker-purged')
    await storage.purgeWorkshop(purged.plenaryId)
    const before = await readWorkshop(storage, kept)
    const copyFile = join(dir, 'copy.sqlite')
    await storage.backupTo(copyFile)
    // The store goes on being written after the copy; the copy stays as the store was.
    await storage.appendUpdates(kept.plenaryId, [new TextEncoder().encode('after the backup')])
    expect(await readWorkshop(storage, kept)).not.toEqual(before)

    const copy = new SqliteStorage(copyFile)
    expect(await readWorkshop(copy, kept)).toEqual(before)
    expect((await copy.listWorkshops()).map((workshop) => workshop.board.id)).toEqual([kept.plenaryId])
    await copy.close()
    await storage.close()
    // Compacted: no free page, and nothing of the workshop purged before it.
    const db = new DatabaseSync(copyFile, { readOnly: true })
    expect(db.prepare('PRAGMA freelist_count').get()).toEqual({ freelist_count: 0 })
    db.close()
    expect(readFileSync(copyFile).includes('marker-purged')).toBe(false)
    expect(readFileSync(copyFile).includes('marker-kept')).toBe(true)
  })

  it('refuses to write over an existing file, leaving it as it was', async () => {
    const storage = new SqliteStorage(join(dir, 'boards.sqlite'))
    const existing = join(dir, 'existing.sqlite')
    writeFileSync(existing, 'keep me')
    await expect(storage.backupTo(existing)).rejects.toThrow(/already exists/)
    expect(readFileSync(existing, 'utf8')).toBe('keep me')
    await storage.close()
  })
})
