import type pg from 'pg'
import type { InventoryStorage, WorkshopSummary } from '../Storage.ts'

/** Every workshop with its size, for operators (npm run admin -- boards). */
export class PostgresInventory implements InventoryStorage {
  constructor(_pool: pg.Pool) {}

  async listWorkshops(): Promise<WorkshopSummary[]> {
    throw new Error('not built yet')
  }
}
