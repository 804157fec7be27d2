import type { DatabaseSync } from 'node:sqlite'
import type { RetentionStorage, StoredRetention } from '../Storage.ts'

/** A workshop's dates (boards.delete_on, links_expire_at) and when it was last opened (boards.opened_at). */
export class SqliteRetention implements RetentionStorage {
  constructor(_db: DatabaseSync) {}

  async setWorkshopRetention(_plenaryId: string, _retention: StoredRetention): Promise<void> {
    throw new Error('not built yet')
  }
  async markWorkshopOpened(_plenaryId: string, _at: number): Promise<void> {
    throw new Error('not built yet')
  }
  async listWorkshopsDue(_now: number, _idleBefore?: number): Promise<{ id: string; why: 'scheduled' | 'idle' }[]> {
    throw new Error('not built yet')
  }
  async listLinksExpired(_after: number, _now: number): Promise<string[]> {
    throw new Error('not built yet')
  }
}
