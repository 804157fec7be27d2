import { DatabaseSync } from 'node:sqlite'

/**
 * Opens (creating) the file: WAL with synchronous=FULL, so a commit is on disk before its promise resolves.
 * secure_delete: every delete (a purge, and compaction's dropped updates alike) overwrites the freed content with
 * zeros instead of leaving it in the file's free space, at the cost of writing those pages. See sqlite/erasure.ts.
 */
export function openDatabase(file: string): DatabaseSync {
  const db = new DatabaseSync(file)
  db.exec(
    'PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA busy_timeout = 5000; PRAGMA secure_delete = ON;',
  )
  return db
}

/** Runs `work` in one transaction: all of it lands, or none of it. */
export function transaction<T>(db: DatabaseSync, work: () => T): T {
  db.exec('BEGIN IMMEDIATE')
  try {
    const result = work()
    db.exec('COMMIT')
    return result
  } catch (error) {
    db.exec('ROLLBACK')
    throw error
  }
}
