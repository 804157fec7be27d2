import type pg from 'pg'
import { ComposedStorage } from './ComposedStorage.ts'
import { StorageCorruptError } from './Storage.ts'
import { PostgresAssets } from './postgres/assets.ts'
import { PostgresAudit } from './postgres/audit.ts'
import { PostgresBackup } from './postgres/backup.ts'
import { PostgresBoards } from './postgres/boards.ts'
import { createPool } from './postgres/database.ts'
import { PostgresDeletion } from './postgres/deletion.ts'
import { PostgresDocs } from './postgres/docs.ts'
import { PostgresExportJobs } from './postgres/exportJobs.ts'
import { PostgresInventory } from './postgres/inventory.ts'
import { migrate } from './postgres/migrate.ts'
import { PostgresRetention } from './postgres/retention.ts'
import { PostgresVersions } from './postgres/versions.ts'

export interface PostgresStorageOptions {
  /** Connections kept open to the database (default 10). */
  poolSize?: number
}

/**
 * Storage in PostgreSQL, for several server processes sharing one database. Same contract as SqliteStorage: a
 * resolved promise means committed. Each role's queries are in postgres/; the schema is schema.ts.
 */
export class PostgresStorage extends ComposedStorage {
  private readonly pool: pg.Pool
  private closed = false

  private constructor(pool: pg.Pool) {
    super({
      docs: new PostgresDocs(pool),
      boards: new PostgresBoards(pool),
      assets: new PostgresAssets(pool),
      backup: new PostgresBackup(pool),
      versions: new PostgresVersions(pool),
      exportJobs: new PostgresExportJobs(pool),
      deletion: new PostgresDeletion(pool),
      retention: new PostgresRetention(pool),
      audit: new PostgresAudit(pool),
      inventory: new PostgresInventory(pool),
    })
    this.pool = pool
  }

  /** Connects, and creates or upgrades the schema (refusing a database written by a newer version). */
  static async connect(url: string, options: PostgresStorageOptions = {}): Promise<PostgresStorage> {
    const pool = createPool(url, options.poolSize ?? 10)
    try {
      await migrate(pool)
    } catch (error) {
      await pool.end()
      if (error instanceof StorageCorruptError) throw error
      throw new StorageCorruptError(`Cannot open the PostgreSQL database: ${(error as Error).message}`, {
        cause: error,
      })
    }
    return new PostgresStorage(pool)
  }

  /** A session advisory lock on a connection of its own, held while `work` runs (its queries use the pool). */
  async withLock<T>(name: string, work: () => Promise<T>): Promise<T> {
    const client = await this.pool.connect()
    try {
      await client.query('SELECT pg_advisory_lock(hashtextextended($1, 1))', [name])
      try {
        return await work()
      } finally {
        await client.query('SELECT pg_advisory_unlock(hashtextextended($1, 1))', [name])
      }
    } finally {
      client.release()
    }
  }

  async ping(): Promise<void> {
    await this.pool.query('SELECT 1')
  }

  async close(): Promise<void> {
    if (this.closed) return
    this.closed = true
    await this.pool.end()
  }
}
