/**
 * Which storage the servers of a test run on. By default the embedded SQLite file in the server's data dir; with
 * CG_TEST_STORAGE=postgres (the "postgres" test project), a fresh PostgreSQL database per data dir, so a test that
 * restarts a server on the same data dir finds the same data. Databases are dropped after each test file.
 */
import { join } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import pg from 'pg'
import { afterAll } from 'vitest'
import { PostgresStorage, SqliteStorage, type Storage } from '@cg/storage'
import { createTestDatabase, type TestDatabase } from '@cg/storage/testing'

export const testStorageKind = process.env.CG_TEST_STORAGE === 'postgres' ? 'postgres' : 'sqlite'

const databases = new Map<string, Promise<TestDatabase>>()

/** Environment that points a server at this run's storage for `dataDir` (nothing for SQLite). */
export async function testStorageEnv(dataDir: string | undefined): Promise<Record<string, string>> {
  if (testStorageKind !== 'postgres') return {}
  const key = dataDir ?? ''
  let database = databases.get(key)
  if (!database) {
    database = createTestDatabase()
    databases.set(key, database)
  }
  return { DATABASE_URL: (await database).url }
}

if (testStorageKind === 'postgres') {
  afterAll(async () => {
    const all = [...databases.values()]
    databases.clear()
    for (const database of all) await (await database).drop()
  })
}

/** The storage a server started on `dataDir` uses, opened by the test itself (as a second process would). */
export async function openTestStorage(dataDir: string): Promise<Storage> {
  const { DATABASE_URL } = await testStorageEnv(dataDir)
  return DATABASE_URL
    ? PostgresStorage.connect(DATABASE_URL, { poolSize: 1 })
    : new SqliteStorage(join(dataDir, 'boards.sqlite'))
}

/** Rows in each of `tables` (the same names in every backend): proof that a refused operation stored nothing. */
export async function countRows(dataDir: string, tables: readonly string[]): Promise<Record<string, number>> {
  const { DATABASE_URL } = await testStorageEnv(dataDir)
  if (DATABASE_URL) {
    const client = new pg.Client({ connectionString: DATABASE_URL })
    await client.connect()
    try {
      const counts: Record<string, number> = {}
      for (const table of tables) {
        counts[table] = Number((await client.query(`SELECT COUNT(*) AS n FROM ${table}`)).rows[0].n)
      }
      return counts
    } finally {
      await client.end()
    }
  }
  const db = new DatabaseSync(join(dataDir, 'boards.sqlite'), { readOnly: true })
  try {
    return Object.fromEntries(
      tables.map((table) => [table, (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n]),
    )
  } finally {
    db.close()
  }
}

/** Something a test looks for in every row of every table: a text (an id, a marker) or bytes (a file's). */
export interface Needle {
  label: string
  value: string | Uint8Array
}

/** Whether one stored value (text, bytes, a number, a date) holds `needle`. */
function valueHolds(value: unknown, needle: Needle): boolean {
  if (value === null || value === undefined) return false
  const wanted = typeof needle.value === 'string' ? Buffer.from(needle.value, 'utf8') : Buffer.from(needle.value)
  if (value instanceof Uint8Array) return Buffer.from(value.buffer, value.byteOffset, value.byteLength).includes(wanted)
  const text = typeof value === 'string' ? value : value instanceof Date ? value.toISOString() : JSON.stringify(value)
  return Buffer.from(text).includes(wanted)
}

/**
 * Reads every row of every table of the storage a server on `dataDir` uses, and says which table holds which needle
 * (`"doc_updates holds the marker"`): empty when none is stored anywhere, whatever the schema grows to hold.
 */
export async function tablesHolding(dataDir: string, needles: readonly Needle[]): Promise<string[]> {
  const found = new Set<string>()
  const look = (table: string, rows: Iterable<Record<string, unknown>>) => {
    for (const row of rows) {
      for (const value of Object.values(row)) {
        for (const needle of needles) if (valueHolds(value, needle)) found.add(`${table} holds ${needle.label}`)
      }
    }
  }
  const { DATABASE_URL } = await testStorageEnv(dataDir)
  if (DATABASE_URL) {
    const client = new pg.Client({ connectionString: DATABASE_URL })
    await client.connect()
    try {
      const tables = await client.query<{ name: string }>(
        `SELECT table_name AS name FROM information_schema.tables
         WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`,
      )
      for (const { name } of tables.rows) look(name, (await client.query(`SELECT * FROM "${name}"`)).rows)
    } finally {
      await client.end()
    }
    return [...found].sort()
  }
  const db = new DatabaseSync(join(dataDir, 'boards.sqlite'), { readOnly: true })
  try {
    const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as { name: string }[]
    for (const { name } of tables) look(name, db.prepare(`SELECT * FROM "${name}"`).all())
  } finally {
    db.close()
  }
  return [...found].sort()
}
