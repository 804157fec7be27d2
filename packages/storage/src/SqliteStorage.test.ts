import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { SqliteStorage } from './SqliteStorage.ts'
import { StorageCorruptError } from './Storage.ts'
import { expectNewWritesBesideSample, expectSample } from './fixtures/sampleRows.ts'

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

/** A file as the code before the storage layout change (03cd855, user_version 5) left it, with the sample's rows. */
function writeVersion5File(): void {
  const db = new DatabaseSync(file)
  db.exec(readFileSync(new URL('./fixtures/sqlite-user-version-5.sql', import.meta.url), 'utf8'))
  db.close()
}

/** What a file holds besides rows: its user_version and every table's and index's CREATE statement. */
function storedSchema(): unknown {
  const db = new DatabaseSync(file)
  try {
    return {
      version: db.prepare('PRAGMA user_version').get(),
      objects: db.prepare('SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name').all(),
    }
  } finally {
    db.close()
  }
}

/**
 * Tables, columns, keys and indexes as SQLite reports them. Columns are compared by name, not position: files
 * upgraded from schema 4 have always had export_jobs.started_by last, new ones had it in the middle; every query
 * names its columns.
 */
function schemaShape(): unknown {
  const db = new DatabaseSync(file)
  try {
    const tables = db
      .prepare(
        `SELECT name, wr FROM pragma_table_list WHERE schema = 'main' AND name NOT LIKE 'sqlite_%' ORDER BY name`,
      )
      .all() as { name: string; wr: number }[]
    return tables.map(({ name, wr }) => ({
      name,
      withoutRowid: wr,
      columns: db
        .prepare('SELECT name, type, "notnull", dflt_value, pk FROM pragma_table_info(?) ORDER BY name')
        .all(name),
      indexes: (
        db.prepare('SELECT name, "unique", origin, partial FROM pragma_index_list(?) ORDER BY name').all(name) as {
          name: string
        }[]
      ).map((index) => ({
        ...index,
        columns: db.prepare('SELECT seqno, name FROM pragma_index_info(?) ORDER BY seqno').all(index.name),
        // A WITHOUT ROWID table's key is the table itself: no entry of its own.
        sql: (db.prepare('SELECT sql FROM sqlite_master WHERE name = ?').get(index.name) as { sql: string } | undefined)
          ?.sql,
      })),
    }))
  } finally {
    db.close()
  }
}

describe('SqliteStorage on a file written before the storage layout change (user_version 5)', () => {
  it('opens it without migrating anything, reads every row back, and writes new ones', async () => {
    writeVersion5File()
    const before = storedSchema()
    const storage = new SqliteStorage(file)
    expect(storedSchema()).toEqual(before)
    await expectSample(storage)
    await expectNewWritesBesideSample(storage)
    await storage.close()
    const reopened = new SqliteStorage(file)
    expect((await reopened.loadDoc('w1')).lastSeq).toBe(6)
    await reopened.close()
    expect(storedSchema()).toEqual(before)
  })

  it('gives a new file the same tables, columns, keys and indexes as such a file', async () => {
    writeVersion5File()
    const written = schemaShape()
    rmSync(file)
    await new SqliteStorage(file).close()
    expect(schemaShape()).toEqual(written)
    expect((storedSchema() as { version: unknown }).version).toEqual({ user_version: 5 })
  })

  // Each older version made from the fixture by undoing the later migrations (as the tests above do by hand).
  it.each([
    [4, 'ALTER TABLE export_jobs DROP COLUMN started_by'],
    [3, 'DROP TABLE export_jobs'],
    [2, 'DROP TABLE export_jobs; DROP TABLE doc_versions'],
    [
      1,
      `DROP TABLE export_jobs; DROP TABLE doc_versions; DROP TABLE board_access; DROP INDEX boards_by_parent;
       ALTER TABLE boards DROP COLUMN parent_id`,
    ],
  ])('upgrades a version %i file to the schema of a new file, keeping its rows', async (version, undo) => {
    await new SqliteStorage(file).close()
    const fresh = schemaShape()
    rmSync(file)
    writeVersion5File()
    const db = new DatabaseSync(file)
    db.exec(`${undo}; PRAGMA user_version = ${version}`)
    db.close()
    const storage = new SqliteStorage(file)
    expect(schemaShape()).toEqual(fresh)
    expect((storedSchema() as { version: unknown }).version).toEqual({ user_version: 5 })
    expect(await storage.getBoard('w1-g1')).toMatchObject({ title: 'Group 1', parentId: version < 2 ? null : 'w1' })
    expect((await storage.loadDoc('w1')).lastSeq).toBe(4)
    expect(await storage.listAssets('w2')).toHaveLength(1)
    await storage.close()
  })
})
