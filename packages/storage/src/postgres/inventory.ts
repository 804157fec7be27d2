import type pg from 'pg'
import { BOARD_COLUMNS, boardOf, type BoardRow } from '../boardRows.ts'
import type { InventoryStorage, WorkshopSummary } from '../Storage.ts'
import { boardDocNames } from '../workshopDocs.ts'

/** A document of the board: its exact name ($1), or a name in its key range ($2 ≤ name < $3), byte by byte. */
const OF_BOARD = 'doc_name = $1 OR (doc_name COLLATE "C" >= $2 AND doc_name COLLATE "C" < $3)'
const textBytes = (column: string) => `COALESCE(OCTET_LENGTH(${column}), 0)`

// OCTET_LENGTH of a bytea reads its stored size, not its data (a large value stays in TOAST).
const BOARD_BYTES = `SELECT (SELECT COALESCE(SUM(OCTET_LENGTH(data)), 0) FROM doc_updates WHERE ${OF_BOARD})
  + (SELECT COALESCE(SUM(OCTET_LENGTH(data)), 0) FROM doc_snapshots WHERE ${OF_BOARD})
  + (SELECT COALESCE(SUM(OCTET_LENGTH(data)), 0) FROM doc_versions WHERE ${OF_BOARD})
  + (SELECT COALESCE(SUM(OCTET_LENGTH(data)), 0) FROM assets WHERE board_id = $1) AS bytes`
const WORKSHOP_BYTES = `SELECT (SELECT COALESCE(SUM(OCTET_LENGTH(file)), 0) FROM export_jobs WHERE plenary_id = $1)
  + (SELECT COALESCE(SUM(8 + ${['id', 'board_id', 'kind', 'name', 'role', 'detail'].map(textBytes).join(' + ')}), 0)
     FROM audit_events WHERE plenary_id = $1) AS bytes`

/** Every workshop with its size, for operators (npm run admin -- boards). */
export class PostgresInventory implements InventoryStorage {
  private readonly pool: pg.Pool

  constructor(pool: pg.Pool) {
    this.pool = pool
  }

  async listWorkshops(): Promise<WorkshopSummary[]> {
    const { rows } = await this.pool.query<BoardRow>(
      `SELECT ${BOARD_COLUMNS} FROM boards WHERE parent_id IS NULL ORDER BY created_at, id`,
    )
    const summaries: WorkshopSummary[] = []
    for (const row of rows) {
      const breakouts = (
        await this.pool.query<{ id: string }>('SELECT id FROM boards WHERE parent_id = $1', [row.id])
      ).rows.map((board) => board.id)
      let bytes = await this.bytes(WORKSHOP_BYTES, [row.id])
      for (const id of [row.id, ...breakouts]) bytes += await this.bytes(BOARD_BYTES, boardDocNames(id))
      summaries.push({ board: boardOf(row), breakouts: breakouts.length, bytes })
    }
    return summaries
  }

  private async bytes(sql: string, values: string[]): Promise<number> {
    // SUM of bigints is numeric, which comes back as a string.
    const { rows } = await this.pool.query<{ bytes: string }>(sql, values)
    return Number(rows[0]!.bytes)
  }
}
