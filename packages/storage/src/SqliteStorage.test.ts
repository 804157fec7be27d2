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

describe('SqliteStorage', () => {
  it('upgrades a version 1 file in place, keeping its boards and documents', async () => {
    const db = new DatabaseSync(file)
    db.exec(`CREATE TABLE boards (id TEXT PRIMARY KEY, title TEXT NOT NULL, created_at INTEGER NOT NULL);
      CREATE TABLE doc_updates (doc_name TEXT NOT NULL, seq INTEGER NOT NULL, data BLOB NOT NULL,
        PRIMARY KEY (doc_name, seq)) WITHOUT ROWID;
      INSERT INTO boards VALUES ('old', 'Old board', 7);
      INSERT INTO doc_updates VALUES ('old', 1, x'0102');
      PRAGMA user_version = 1;`)
    db.close()
    const storage = new SqliteStorage(file)
    expect(await storage.getBoard('old')).toEqual({ id: 'old', title: 'Old board', createdAt: 7, parentId: null })
    expect((await storage.loadDoc('old')).updates.map((u) => Array.from(u))).toEqual([[1, 2]])
    await storage.close()
  })

  it('upgrades a version 4 file: export jobs kept from before read as participants’ jobs', async () => {
    // A version 4 file: today's schema without export_jobs.started_by.
    await new SqliteStorage(file).close()
    const db = new DatabaseSync(file)
    db.exec(`ALTER TABLE export_jobs DROP COLUMN started_by;
      INSERT INTO export_jobs (id, board_id, plenary_id, title, format, status, done, total, error, created_at,
        alive_at, finished_at) VALUES ('old', 'b', 'p', 'Plenary', 'pdf', 'done', 2, 2, NULL, 5, 5, 6);
      PRAGMA user_version = 4;`)
    db.close()
    const storage = new SqliteStorage(file)
    expect(await storage.getExportJob('old')).toMatchObject({ id: 'old', startedBy: 'participant', status: 'done' })
    await storage.addExportJob({
      ...(await storage.getExportJob('old'))!,
      id: 'new',
      startedBy: 'facilitator',
      status: 'running',
      finishedAt: null,
    })
    expect(await storage.getExportJob('new')).toMatchObject({ startedBy: 'facilitator' })
    await storage.close()
    const reopened = new DatabaseSync(file)
    expect(reopened.prepare('PRAGMA user_version').get()).toEqual({ user_version: 5 })
    reopened.close()
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
