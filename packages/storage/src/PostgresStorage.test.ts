import pg from 'pg'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { PostgresStorage } from './PostgresStorage.ts'
import { StorageCorruptError } from './Storage.ts'
import { createTestDatabase, postgresSkipReason, type TestDatabase } from './testDatabases.ts'

// What every backend must do is in storageContract.test.ts; this is what only PostgreSQL has.
const skip = await postgresSkipReason()

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
    // A version 2 database: today's schema without export_jobs.started_by.
    await (await PostgresStorage.connect(database.url)).close()
    const client = new pg.Client({ connectionString: database.url })
    await client.connect()
    await client.query(`ALTER TABLE export_jobs DROP COLUMN started_by;
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
    expect((await client.query('SELECT version FROM cg_schema')).rows).toEqual([{ version: 3 }])
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
