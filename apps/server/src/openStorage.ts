import { join } from 'node:path'
import { PostgresStorage, SqliteStorage, type Storage } from '@cg/storage'
import type { ServerConfig } from './config.ts'

/** The embedded SQLite file under DATA_DIR, or PostgreSQL when DATABASE_URL names one (several processes). */
export function openStorage(config: Pick<ServerConfig, 'dataDir' | 'databaseUrl'>): Promise<Storage> {
  if (config.databaseUrl) return PostgresStorage.connect(config.databaseUrl)
  return Promise.resolve(new SqliteStorage(join(config.dataDir, 'boards.sqlite')))
}
