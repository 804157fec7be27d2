import type { DatabaseSync } from 'node:sqlite'
import type { InventoryStorage, WorkshopSummary } from '../Storage.ts'

/** Every workshop with its size, for operators (npm run admin -- boards). */
export class SqliteInventory implements InventoryStorage {
  constructor(_db: DatabaseSync) {}

  async listWorkshops(): Promise<WorkshopSummary[]> {
    throw new Error('not built yet')
  }
}
