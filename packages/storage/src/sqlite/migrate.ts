import type { DatabaseSync } from 'node:sqlite'
import { MIGRATIONS, SCHEMA_VERSION, type Migration } from '../schema.ts'
import { migrationSql, type SqlDialect } from '../schemaSql.ts'
import { transaction } from './database.ts'

const SQLITE: SqlDialect = {
  types: { text: 'TEXT', integer: 'INTEGER', bigint: 'INTEGER', bytes: 'BLOB' },
  byteOrderCollation: '', // SQLite compares text byte by byte already (BINARY)
  createIfMissing: true,
  withoutRowid: true,
}

/**
 * Walks the file forward to SCHEMA_VERSION. The file's user_version is the schema version itself: SQLite files
 * have counted every migration of schema.ts from the first, so no number is mapped. A file at the current version
 * runs nothing.
 */
export function migrate(db: DatabaseSync): void {
  transaction(db, () => {
    // Read inside the write transaction: two processes opening one old file migrate it once, one after the other.
    const { user_version: version } = db.prepare('PRAGMA user_version').get() as { user_version: number }
    if (version > SCHEMA_VERSION) {
      throw new Error(`it was written by a newer version (schema ${version} > ${SCHEMA_VERSION})`)
    }
    if (version === SCHEMA_VERSION) return
    for (const migration of MIGRATIONS) {
      db.exec(migrationSql(migration.version > version ? migration : creationsOf(migration), SQLITE))
    }
    db.exec(`PRAGMA user_version = ${SCHEMA_VERSION}`)
  })
}

/**
 * The tables and indexes a migration creates, without its changes to existing tables. Before versioned steps,
 * SQLite storage ran every CREATE (IF NOT EXISTS) of its schema on each open, so an older file is not assumed to
 * hold every table of its version: its walk forward makes sure of them again, a no-op where they are there.
 */
function creationsOf(migration: Migration): Migration {
  return { ...migration, changes: migration.changes.filter((change) => !('addColumn' in change)) }
}
