import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { SqliteStorage } from './SqliteStorage.ts'
import { StorageCorruptError } from './Storage.ts'

let dir: string
let file: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cg-storage-'))
  file = join(dir, 'boards.sqlite')
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

const bytes = (...values: number[]) => new Uint8Array(values)

describe('SqliteStorage', () => {
  it('appends updates in order and reads them back after reopening', async () => {
    const storage = new SqliteStorage(file)
    expect(await storage.appendUpdates('doc', [bytes(1), bytes(2)])).toBe(2)
    expect(await storage.appendUpdates('doc', [bytes(3)])).toBe(3)
    await storage.appendUpdates('other', [bytes(9)])
    await storage.close()

    const reopened = new SqliteStorage(file)
    const doc = await reopened.loadDoc('doc')
    expect(doc.snapshot).toBeNull()
    expect(doc.updates.map((u) => Array.from(u))).toEqual([[1], [2], [3]])
    expect(doc.lastSeq).toBe(3)
    await reopened.close()
  })

  it('compaction replaces logged updates up to a sequence number with a snapshot, keeping later ones', async () => {
    const storage = new SqliteStorage(file)
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

  it('deletes single logged updates by sequence number, keeping the others and the numbering', async () => {
    const storage = new SqliteStorage(file)
    await storage.appendUpdates('doc', [bytes(1), bytes(2), bytes(3)])
    await storage.deleteUpdates('doc', [2])
    const doc = await storage.loadDoc('doc')
    expect(doc.updates.map((u) => Array.from(u))).toEqual([[1], [3]])
    expect(await storage.appendUpdates('doc', [bytes(4)])).toBe(4)
    await storage.close()
  })

  it('stores boards and assets', async () => {
    const storage = new SqliteStorage(file)
    await storage.createBoard({ id: 'b1', title: 'Vision', createdAt: 5 })
    expect(await storage.getBoard('b1')).toEqual({ id: 'b1', title: 'Vision', createdAt: 5 })
    expect(await storage.getBoard('nope')).toBeUndefined()
    await storage.putAsset({ boardId: 'b1', id: 'a1', mimeType: 'image/png', data: bytes(1, 2), createdAt: 6 })
    const asset = await storage.getAsset('b1', 'a1')
    expect(asset?.mimeType).toBe('image/png')
    expect(Array.from(asset?.data ?? [])).toEqual([1, 2])
    expect(await storage.getAsset('b2', 'a1')).toBeUndefined()
    await expect(storage.createBoard({ id: 'b1', title: 'dup', createdAt: 1 })).rejects.toThrow()
    await storage.close()
  })

  it('refuses a file that is not a database with a clear error and leaves it untouched', () => {
    writeFileSync(file, 'this is not sqlite, just some text that happens to be long enough'.repeat(20))
    expect(() => new SqliteStorage(file)).toThrow(StorageCorruptError)
    expect(() => new SqliteStorage(file)).toThrow(/Cannot open the SQLite database/)
  })

  it('refuses a database written by a newer version', () => {
    const db = new DatabaseSync(file)
    db.exec('PRAGMA user_version = 99')
    db.close()
    expect(() => new SqliteStorage(file)).toThrow(/newer version/)
  })
})
