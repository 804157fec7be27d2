import { readFileSync } from 'node:fs'
import pg from 'pg'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { PostgresStorage } from './PostgresStorage.ts'
import { SCHEMA_VERSION } from './schema.ts'
import { StorageCorruptError } from './Storage.ts'
import { createTestDatabase, postgresSkipReason, type TestDatabase } from './testDatabases.ts'
import { expectNewWritesBesideSample, expectSample } from './fixtures/sampleRows.ts'

// What every backend must do is in storageContract.test.ts; this is what only PostgreSQL has.
const skip = await postgresSkipReason()
/** cg_schema.version of the current schema (it counts from schema 3: see postgres/migrate.ts). */
const STORED_VERSION = SCHEMA_VERSION - 2

describe.skipIf(skip)('PostgresStorage', () => {
  let database: TestDatabase
  beforeEach(async () => {
    database = await createTestDatabase()
  })
  afterEach(() => database.drop())

  it('creates its schema once when several processes start at the same moment', async () => {
    const storages = await Promise.all(Array.from({ length: 4 }, () => PostgresStorage.connect(database.url)))
    await storages[0]!.appendUpdates('doc', [new Uint8Array([1])])
    expect((await storages[3]!.loadDoc('doc')).lastSeq).toBe(1)
    await Promise.all(storages.map((storage) => storage.close()))
  })

  it('upgrades a version 2 database: export jobs kept from before read as participants’ jobs', async () => {
    // A version 2 database: today's schema without export_jobs.started_by (nor the trash of schema 6, nor the
    // retention and audit log of schema 7).
    await (await PostgresStorage.connect(database.url)).close()
    const client = new pg.Client({ connectionString: database.url })
    await client.connect()
    await client.query(`DROP TABLE audit_events; ALTER TABLE assets DROP COLUMN unreferenced_at;
      ALTER TABLE boards DROP COLUMN delete_on, DROP COLUMN links_expire_at, DROP COLUMN opened_at;
      DROP INDEX boards_to_purge; ALTER TABLE boards DROP COLUMN deleted_at, DROP COLUMN purge_at;
      ALTER TABLE export_jobs DROP COLUMN started_by;
      INSERT INTO export_jobs (id, board_id, plenary_id, title, format, status, done, total, error, created_at,
        alive_at, finished_at) VALUES ('old', 'b', 'p', 'Plenary', 'pdf', 'done', 2, 2, NULL, 5, 5, 6);
      UPDATE cg_schema SET version = 2;`)
    const storage = await PostgresStorage.connect(database.url)
    expect(await storage.getExportJob('old')).toMatchObject({ id: 'old', startedBy: 'participant', status: 'done' })
    await storage.addExportJob({
      ...(await storage.getExportJob('old'))!,
      id: 'new',
      startedBy: 'facilitator',
      status: 'running',
      finishedAt: null,
    })
    expect(await storage.getExportJob('new')).toMatchObject({ startedBy: 'facilitator' })
    expect((await client.query('SELECT version FROM cg_schema')).rows).toEqual([{ version: STORED_VERSION }])
    await client.end()
    await storage.close()
  })

  it('refuses a database written by a newer version, and one it cannot reach, with a clear error', async () => {
    await (await PostgresStorage.connect(database.url)).close()
    const client = new pg.Client({ connectionString: database.url })
    await client.connect()
    await client.query('UPDATE cg_schema SET version = 99')
    await client.end()
    await expect(PostgresStorage.connect(database.url)).rejects.toThrow(StorageCorruptError)
    await expect(PostgresStorage.connect(database.url)).rejects.toThrow(/newer version/)
    const nowhere = new URL(database.url)
    nowhere.port = '1'
    await expect(PostgresStorage.connect(nowhere.toString())).rejects.toThrow(/Cannot open the PostgreSQL database/)
  })
})

/** Runs `work` on a connection of its own to the test database. */
async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return await work(client)
  } finally {
    await client.end()
  }
}

/** Tables, columns (in order), keys, indexes and the stored schema version, as the catalogue reports them. */
function storedSchema(url: string): Promise<unknown> {
  return withClient(url, async (client) => {
    const rows = async (sql: string) => (await client.query(sql)).rows
    return {
      version: await rows('SELECT version FROM cg_schema'),
      columns: await rows(`SELECT table_name, column_name, ordinal_position, data_type, is_nullable, column_default,
          collation_name FROM information_schema.columns WHERE table_schema = 'public'
        ORDER BY table_name, ordinal_position`),
      constraints: await rows(`SELECT conrelid::regclass::text AS table_name, conname, pg_get_constraintdef(oid) AS def
        FROM pg_constraint WHERE connamespace = 'public'::regnamespace ORDER BY 1, 2`),
      indexes: await rows(`SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public'
        ORDER BY 1, 2`),
    }
  })
}

describe.skipIf(skip)('PostgresStorage on a database written before the storage layout change (cg_schema 3)', () => {
  let database: TestDatabase
  beforeEach(async () => {
    database = await createTestDatabase()
  })
  afterEach(() => database.drop())

  /** A database as the code before the change (03cd855, cg_schema 3) left it, with the sample's rows. */
  const writeVersion3Database = () =>
    withClient(database.url, (client) =>
      client.query(readFileSync(new URL('./fixtures/postgres-cg-schema-3.sql', import.meta.url), 'utf8')),
    )

  it('upgrades it to the current schema (the trash, retention, the audit log), reads every row back, writes new ones, and migrates nothing again', async () => {
    await writeVersion3Database()
    const storage = await PostgresStorage.connect(database.url)
    const upgraded = await storedSchema(database.url)
    expect(upgraded).toMatchObject({ version: [{ version: STORED_VERSION }] })
    const boardColumns = await withClient(database.url, async (client) => {
      const { rows } = await client.query(`SELECT column_name, data_type, is_nullable FROM information_schema.columns
        WHERE table_schema = 'public' AND table_name = 'boards'
          AND column_name IN ('deleted_at', 'purge_at', 'delete_on', 'links_expire_at', 'opened_at')
        ORDER BY ordinal_position`)
      return rows
    })
    expect(boardColumns).toEqual([
      { column_name: 'deleted_at', data_type: 'bigint', is_nullable: 'YES' },
      { column_name: 'purge_at', data_type: 'bigint', is_nullable: 'YES' },
      { column_name: 'delete_on', data_type: 'bigint', is_nullable: 'YES' },
      { column_name: 'links_expire_at', data_type: 'bigint', is_nullable: 'YES' },
      { column_name: 'opened_at', data_type: 'bigint', is_nullable: 'YES' },
    ])
    await expectSample(storage)
    await expectNewWritesBesideSample(storage)
    await storage.setWorkshopDeletion('w1', { deletedAt: 1, purgeAt: 2 })
    expect(await storage.listWorkshopsToPurge(2)).toEqual(['w1'])
    await storage.close()
    const reopened = await PostgresStorage.connect(database.url)
    expect((await reopened.loadDoc('w1')).lastSeq).toBe(6)
    await reopened.close()
    expect(await storedSchema(database.url)).toEqual(upgraded)
  })

  it('upgrades it to the same tables, columns, keys, indexes and version as a new database', async () => {
    await writeVersion3Database()
    await (await PostgresStorage.connect(database.url)).close()
    const fresh = await createTestDatabase()
    try {
      await (await PostgresStorage.connect(fresh.url)).close()
      expect(await storedSchema(fresh.url)).toEqual(await storedSchema(database.url))
    } finally {
      await fresh.drop()
    }
  })

  it('upgrades a version 1 database (before export jobs) to the schema of a new one, keeping its rows', async () => {
    const fresh = await createTestDatabase()
    try {
      await (await PostgresStorage.connect(fresh.url)).close()
      await writeVersion3Database()
      await withClient(database.url, (client) =>
        client.query('DROP TABLE export_jobs; UPDATE cg_schema SET version = 1'),
      )
      const storage = await PostgresStorage.connect(database.url)
      expect(await storedSchema(database.url)).toEqual(await storedSchema(fresh.url))
      expect(await storage.getBoard('w1-g1')).toMatchObject({ title: 'Group 1', parentId: 'w1' })
      expect((await storage.loadDoc('w1')).lastSeq).toBe(4)
      expect(await storage.listExportJobs()).toEqual([])
      await storage.close()
    } finally {
      await fresh.drop()
    }
  })
})
