import type pg from 'pg'
import { MIGRATIONS, SCHEMA_VERSION } from '../schema.ts'
import { migrationSql, type SqlDialect } from '../schemaSql.ts'
import { StorageCorruptError } from '../Storage.ts'
import { transaction } from './database.ts'

const POSTGRES: SqlDialect = {
  types: { text: 'TEXT', integer: 'INTEGER', bigint: 'BIGINT', bytes: 'BYTEA' },
  byteOrderCollation: 'COLLATE "C"',
  createIfMissing: false,
  withoutRowid: false,
}

/** Serialises schema changes of several processes starting at once (any fixed number, ours). */
const MIGRATION_LOCK = 0x6367_0001

/**
 * PostgreSQL support came with schema 3, and cg_schema counts from there: it stores 1 for schema 3 (whose first
 * step ran migrations 1-3 at once), 2 for 4, 3 for 5, and 0 for an empty database. The stored number keeps that
 * count instead of being rewritten to the schema's, so that a process of the previous release on the same database
 * (a rolling restart, a rollback) still reads it as its own version instead of refusing a newer one.
 */
const FIRST_SCHEMA = 3
const schemaVersionOf = (stored: number) => (stored === 0 ? 0 : stored + FIRST_SCHEMA - 1)
const storedVersionOf = (schemaVersion: number) => schemaVersion - FIRST_SCHEMA + 1

/** Creates or walks forward the schema, refusing a database written by a newer version. */
export async function migrate(pool: pg.Pool): Promise<void> {
  await transaction(pool, async (db) => {
    await db.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK])
    await db.query('CREATE TABLE IF NOT EXISTS cg_schema (version INTEGER NOT NULL)')
    const row = (await db.query<{ version: number }>('SELECT version FROM cg_schema')).rows[0]
    const stored = row?.version ?? 0
    const current = storedVersionOf(SCHEMA_VERSION)
    if (stored > current) {
      throw new StorageCorruptError(
        `Cannot open the PostgreSQL database: it was written by a newer version (schema ${stored} > ${current})`,
      )
    }
    for (const migration of MIGRATIONS.slice(schemaVersionOf(stored))) {
      await db.query(migrationSql(migration, POSTGRES))
    }
    if (row) await db.query('UPDATE cg_schema SET version = $1', [current])
    else await db.query('INSERT INTO cg_schema (version) VALUES ($1)', [current])
  })
}
