/**
 * Leaving no deleted content readable in the file. Three places could keep it:
 * - the database's free space (freed pages, and the unused bytes of pages still in use): `secure_delete`, turned on
 *   by openDatabase, zeroes it as each delete commits;
 * - the write-ahead log, which holds the pages as they were written: `emptyWriteAheadLog` after a purge;
 * - a file written before secure_delete was on (schema < 6), whose free space still holds what it deleted then:
 *   `vacuumFileWrittenWithoutSecureDelete`, once, as such a file is opened.
 * Copies outside the file (the file system's own blocks, backups, a disk's spare sectors) are beyond SQLite's reach.
 */
import type { DatabaseSync } from 'node:sqlite'

/** The first schema version whose files were written with secure_delete on from then on (schema.ts, migration 6). */
const SECURE_DELETE_SINCE = 6

/**
 * Writes every page of the write-ahead log into the file and truncates the log to nothing, so it keeps no copy of
 * what was deleted. Throws when another connection's read kept it from finishing (after the busy timeout): the
 * caller may run it again.
 */
export function emptyWriteAheadLog(db: DatabaseSync): void {
  const { busy } = db.prepare('PRAGMA wal_checkpoint(TRUNCATE)').get() as { busy: number }
  if (busy !== 0) {
    throw new Error('The write-ahead log could not be emptied while another connection was reading: try again')
  }
}

/**
 * Rebuilds a file written before secure_delete was on, so no page keeps what was deleted then: not only the free
 * pages (`freelist_count`) but also deleted rows' bytes left inside pages still in use, which no count shows, so any
 * such file is rebuilt, not only one with free pages. Runs before the migration, outside a transaction (VACUUM
 * cannot run in one): if it fails, the file is as it was and still below version 6, so the next open tries again;
 * two processes opening the same old file may both run it (it is only repeated work).
 * Cost, once per file: VACUUM copies the whole database into a temporary file and back through the write-ahead
 * log, so it takes time in proportion to the file's size, holds the file's write lock meanwhile, and needs
 * free disk space of up to twice the file's size.
 */
export function vacuumFileWrittenWithoutSecureDelete(db: DatabaseSync): void {
  const { user_version: version } = db.prepare('PRAGMA user_version').get() as { user_version: number }
  if (version >= SECURE_DELETE_SINCE) return
  // A new file has deleted nothing yet; its version alone does not tell (files from before versioned steps may be 0).
  const { tables } = db.prepare('SELECT COUNT(*) AS tables FROM sqlite_master').get() as { tables: number }
  if (tables === 0) return
  db.exec('VACUUM')
  emptyWriteAheadLog(db)
}
