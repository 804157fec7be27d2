import { randomUUID } from 'node:crypto'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { SCHEMA_VERSION } from './schema.ts'
import { SqliteStorage } from './SqliteStorage.ts'
import { StorageCorruptError } from './Storage.ts'
import { expectNewWritesBesideSample, expectSample } from './fixtures/sampleRows.ts'
import { boardId, writeWorkshop } from './fixtures/workshop.ts'

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
    // A version 4 file: today's schema without export_jobs.started_by (nor what versions 6 and 7 added).
    await new SqliteStorage(file).close()
    const db = new DatabaseSync(file)
    db.exec(`${UNDO_7}; ${UNDO_6}; ALTER TABLE export_jobs DROP COLUMN started_by;
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
    expect(reopened.prepare('PRAGMA user_version').get()).toEqual({ user_version: SCHEMA_VERSION })
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

/** Undoes migration 6 (the trash) on a new file, to make it an older version's. */
const UNDO_7 = `DROP TABLE audit_events; ALTER TABLE assets DROP COLUMN unreferenced_at;
  ALTER TABLE boards DROP COLUMN delete_on; ALTER TABLE boards DROP COLUMN links_expire_at;
  ALTER TABLE boards DROP COLUMN opened_at`
const UNDO_6 =
  'DROP INDEX boards_to_purge; ALTER TABLE boards DROP COLUMN deleted_at; ALTER TABLE boards DROP COLUMN purge_at'

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
  it('upgrades it to the current version (the trash, retention, the audit log), reads every row back, writes new ones, and migrates nothing again', async () => {
    writeVersion5File()
    const storage = new SqliteStorage(file)
    const upgraded = storedSchema()
    expect(upgraded).toMatchObject({ version: { user_version: SCHEMA_VERSION } })
    const db = new DatabaseSync(file, { readOnly: true })
    expect(db.prepare('SELECT name, type, "notnull" FROM pragma_table_info(?) WHERE pk = 0').all('boards')).toEqual(
      [
        ['title', 'TEXT', 1],
        ['created_at', 'INTEGER', 1],
        ['parent_id', 'TEXT', 0],
        ['deleted_at', 'INTEGER', 0],
        ['purge_at', 'INTEGER', 0],
        ['delete_on', 'INTEGER', 0],
        ['links_expire_at', 'INTEGER', 0],
        ['opened_at', 'INTEGER', 0],
      ].map(([name, type, notnull]) => ({ name, type, notnull })),
    )
    expect(db.prepare('SELECT deleted_at, purge_at FROM boards WHERE deleted_at IS NOT NULL').all()).toEqual([])
    db.close()
    await expectSample(storage)
    await expectNewWritesBesideSample(storage)
    await storage.setWorkshopDeletion('w1', { deletedAt: 1, purgeAt: 2 })
    expect(await storage.listWorkshopsToPurge(2)).toEqual(['w1'])
    await storage.close()
    const reopened = new SqliteStorage(file)
    expect((await reopened.loadDoc('w1')).lastSeq).toBe(6)
    await reopened.close()
    expect(storedSchema()).toEqual(upgraded)
  })

  it('upgrades it to the same tables, columns, keys and indexes as a new file', async () => {
    writeVersion5File()
    await new SqliteStorage(file).close()
    const upgraded = schemaShape()
    rmSync(file)
    await new SqliteStorage(file).close()
    expect(schemaShape()).toEqual(upgraded)
    expect((storedSchema() as { version: unknown }).version).toEqual({ user_version: SCHEMA_VERSION })
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
    expect((storedSchema() as { version: unknown }).version).toEqual({ user_version: SCHEMA_VERSION })
    expect(await storage.getBoard('w1-g1')).toMatchObject({ title: 'Group 1', parentId: version < 2 ? null : 'w1' })
    expect((await storage.loadDoc('w1')).lastSeq).toBe(4)
    expect(await storage.listAssets('w2')).toHaveLength(1)
    await storage.close()
  })
})

/** The file's bytes and its write-ahead log's (if there is one), as written on disk. */
function storedBytes(): { file: Buffer; wal: Buffer } {
  const wal = `${file}-wal`
  return { file: readFileSync(file), wal: existsSync(wal) ? readFileSync(wal) : Buffer.alloc(0) }
}

/** Whether the file or its log holds the bytes (text as UTF-8). */
function onDisk(needle: string | Uint8Array): { file: boolean; wal: boolean } {
  const { file: bytes, wal } = storedBytes()
  const sought = typeof needle === 'string' ? Buffer.from(needle, 'utf8') : Buffer.from(needle)
  return { file: bytes.includes(sought), wal: wal.includes(sought) }
}

describe('SqliteStorage: nothing of a purged workshop stays in the file', () => {
  it('leaves neither the file nor its write-ahead log holding the content of a purged workshop', async () => {
    const marker = `purge-me-${randomUUID()}`
    const storage = new SqliteStorage(file)
    const purged = await writeWorkshop(storage, boardId('Purged_workshop'), marker)
    const kept = await writeWorkshop(storage, boardId('Kept_workshop'), `keep-me-${randomUUID()}`)
    const notThere = { file: false, wal: false }
    expect(onDisk(marker)).not.toEqual(notThere)
    expect(onDisk(purged.fileBytes)).not.toEqual(notThere)

    await storage.purgeWorkshop(purged.plenaryId)
    // Right after the purge, while the storage is open (a running server)...
    expect(onDisk(marker)).toEqual(notThere)
    expect(onDisk(purged.fileBytes)).toEqual(notThere)
    expect(storedBytes().wal.length).toBe(0)
    await storage.close()
    // ...and once it is closed.
    expect(onDisk(marker)).toEqual(notThere)
    expect(onDisk(purged.fileBytes)).toEqual(notThere)
    for (const id of purged.boardIds) expect(onDisk(id)).toEqual(notThere)
    // The search finds what is there: the other workshop.
    expect(onDisk(kept.fileBytes).file).toBe(true)
  })

  // Freed whole pages (a large file) show in freelist_count; a deleted small row leaves its bytes in a page still in
  // use, which nothing counts: both are gone after the upgrade.
  it.each([
    ['freed pages and freed bytes in pages in use', true],
    ['only freed bytes in pages in use (no free page)', false],
  ])('rebuilds a file written without secure_delete once: what it deleted before is gone (%s)', async (_, large) => {
    writeVersion5File()
    const marker = `deleted-before-${randomUUID()}`
    const text = new TextEncoder().encode(marker)
    const db = new DatabaseSync(file)
    db.exec('PRAGMA secure_delete = OFF') // as the code before version 6 wrote (SQLite's default)
    const insert = (sql: string, ...values: (string | number | Uint8Array)[]) => db.prepare(sql).run(...values)
    const image = large ? Uint8Array.from([...text, ...new Uint8Array(20_000).fill(7), ...text]) : text
    insert("INSERT INTO assets VALUES ('w1', 'gone', 'image/png', ?, 1)", image)
    insert("INSERT INTO doc_updates VALUES ('w1', 100, ?)", text)
    insert("INSERT INTO doc_versions VALUES ('w1', 'gone', 1, ?, 'interval', 1, NULL, ?)", marker, text)
    db.exec("DELETE FROM assets WHERE id = 'gone'; DELETE FROM doc_updates WHERE seq = 100;")
    db.exec("DELETE FROM doc_versions WHERE id = 'gone'")
    const { freelist_count: freePages } = db.prepare('PRAGMA freelist_count').get() as { freelist_count: number }
    expect(freePages > 0).toBe(large)
    db.close()
    expect(onDisk(marker).file).toBe(true)

    const storage = new SqliteStorage(file)
    expect(onDisk(marker)).toEqual({ file: false, wal: false })
    await expectSample(storage)
    await storage.close()
    expect(onDisk(marker)).toEqual({ file: false, wal: false })
    expect(storedSchema()).toMatchObject({ version: { user_version: SCHEMA_VERSION } })
  })

  it('does not rebuild a file already written with secure_delete (version 6 and later)', async () => {
    await new SqliteStorage(file).close()
    const db = new DatabaseSync(file)
    db.exec("INSERT INTO boards (id, title, created_at) VALUES ('b', 'B', 1)")
    db.exec('PRAGMA secure_delete = OFF')
    db.exec(`INSERT INTO assets (board_id, id, mime_type, data, created_at)
      VALUES ('b', 'a', 'image/png', randomblob(20000), 1); DELETE FROM assets`)
    const freePages = db.prepare('PRAGMA freelist_count').get()
    expect(freePages).not.toEqual({ freelist_count: 0 })
    db.close()
    await new SqliteStorage(file).close()
    const reopened = new DatabaseSync(file, { readOnly: true })
    // A VACUUM would have left no free page.
    expect(reopened.prepare('PRAGMA freelist_count').get()).toEqual(freePages)
    reopened.close()
  })
})
