import { existsSync, mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import type { DatabaseSync } from 'node:sqlite'
import { ComposedStorage, type StorageRoles } from './ComposedStorage.ts'
import { StorageCorruptError } from './Storage.ts'
import { SqliteAssets } from './sqlite/assets.ts'
import { SqliteAudit } from './sqlite/audit.ts'
import { SqliteBackup } from './sqlite/backup.ts'
import { SqliteBoards } from './sqlite/boards.ts'
import { openDatabase } from './sqlite/database.ts'
import { SqliteDeletion } from './sqlite/deletion.ts'
import { SqliteDocs } from './sqlite/docs.ts'
import { vacuumFileWrittenWithoutSecureDelete } from './sqlite/erasure.ts'
import { SqliteExportJobs } from './sqlite/exportJobs.ts'
import { SqliteInventory } from './sqlite/inventory.ts'
import { FileLocks } from './sqlite/fileLocks.ts'
import { migrate } from './sqlite/migrate.ts'
import { SqliteRetention } from './sqlite/retention.ts'
import { SqliteVersions } from './sqlite/versions.ts'

/**
 * Opens the file, rebuilds it if it was written before secure_delete was on, brings its schema up to date and
 * prepares each role's statements.
 */
function open(file: string): { db: DatabaseSync; roles: StorageRoles } {
  try {
    const db = openDatabase(file)
    vacuumFileWrittenWithoutSecureDelete(db)
    migrate(db)
    const docs = new SqliteDocs(db)
    const boards = new SqliteBoards(db)
    const assets = new SqliteAssets(db)
    const audit = new SqliteAudit(db)
    const roles = {
      docs,
      boards,
      assets,
      backup: new SqliteBackup(db, { boards, docs, assets, audit }),
      versions: new SqliteVersions(db),
      exportJobs: new SqliteExportJobs(db),
      deletion: new SqliteDeletion(db),
      retention: new SqliteRetention(db),
      audit,
      inventory: new SqliteInventory(db),
    }
    return { db, roles }
  } catch (error) {
    throw new StorageCorruptError(`Cannot open the SQLite database at ${file}: ${(error as Error).message}`, {
      cause: error,
    })
  }
}

/**
 * Embedded storage on Node's built-in SQLite (no native build). WAL with synchronous=FULL: a commit is on
 * disk before the promise resolves, so an update the server broadcast survives kill -9 and power loss.
 * Calls are synchronous underneath; the sync server batches updates per tick so one commit covers many.
 * Each role's queries are in sqlite/; the schema is schema.ts.
 */
export class SqliteStorage extends ComposedStorage {
  readonly file: string
  private readonly db: DatabaseSync
  private readonly locks: FileLocks

  constructor(file: string) {
    const locks = new FileLocks(file)
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true })
    const { db, roles } = open(file)
    super(roles)
    this.file = file
    this.db = db
    this.locks = locks
  }

  async withLock<T>(name: string, work: () => Promise<T>): Promise<T> {
    return this.locks.run(name, work)
  }

  /**
   * Writes a consistent copy of the whole store to `file` (which must not exist yet) while servers keep writing:
   * `VACUUM INTO` reads one snapshot of the database and writes it compacted, with no free pages, so nothing deleted
   * before is in the copy. It takes time in proportion to the store's size, during which writers go on (WAL).
   */
  async backupTo(file: string): Promise<void> {
    // SQLite refuses an existing file too; this says so in words an operator reads.
    if (existsSync(file)) throw new Error(`${file} already exists: name a new file for the backup`)
    this.db.prepare('VACUUM INTO ?').run(file)
  }

  async ping(): Promise<void> {
    this.db.prepare('SELECT 1').get()
  }

  async close(): Promise<void> {
    if (this.db.isOpen) this.db.close()
  }
}
