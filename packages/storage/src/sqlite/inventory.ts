import type { DatabaseSync } from 'node:sqlite'
import { BOARD_COLUMNS, boardOf, type BoardRow } from '../boardRows.ts'
import type { InventoryStorage, WorkshopSummary } from '../Storage.ts'
import { boardDocNames } from '../workshopDocs.ts'

/** A document of the board: its exact name (?1), or a name in its key range (?2 ≤ name < ?3), which uses the key. */
const OF_BOARD = 'doc_name = ?1 OR (doc_name >= ?2 AND doc_name < ?3)'
/** Bytes of a text column as stored (LENGTH of text counts characters). */
const textBytes = (column: string) => `COALESCE(LENGTH(CAST(${column} AS BLOB)), 0)`

const prepare = (db: DatabaseSync) => ({
  selectPlenaries: db.prepare(`SELECT ${BOARD_COLUMNS} FROM boards WHERE parent_id IS NULL ORDER BY created_at, id`),
  selectBreakouts: db.prepare('SELECT id FROM boards WHERE parent_id = ?'),
  // LENGTH of a blob reads no data: sizes come from the rows' headers.
  boardBytes: db.prepare(
    `SELECT (SELECT COALESCE(SUM(LENGTH(data)), 0) FROM doc_updates WHERE ${OF_BOARD})
      + (SELECT COALESCE(SUM(LENGTH(data)), 0) FROM doc_snapshots WHERE ${OF_BOARD})
      + (SELECT COALESCE(SUM(LENGTH(data)), 0) FROM doc_versions WHERE ${OF_BOARD})
      + (SELECT COALESCE(SUM(LENGTH(data)), 0) FROM assets WHERE board_id = ?1) AS bytes`,
  ),
  workshopBytes: db.prepare(
    `SELECT (SELECT COALESCE(SUM(LENGTH(file)), 0) FROM export_jobs WHERE plenary_id = ?1)
      + (SELECT COALESCE(SUM(8 + ${['id', 'board_id', 'kind', 'name', 'role', 'detail'].map(textBytes).join(' + ')}), 0)
         FROM audit_events WHERE plenary_id = ?1) AS bytes`,
  ),
})

/** Every workshop with its size, for operators (npm run admin -- boards). */
export class SqliteInventory implements InventoryStorage {
  private readonly sql: ReturnType<typeof prepare>

  constructor(db: DatabaseSync) {
    this.sql = prepare(db)
  }

  async listWorkshops(): Promise<WorkshopSummary[]> {
    return (this.sql.selectPlenaries.all() as unknown as BoardRow[]).map((row) => {
      const breakouts = (this.sql.selectBreakouts.all(row.id) as { id: string }[]).map((board) => board.id)
      let bytes = (this.sql.workshopBytes.get(row.id) as { bytes: number }).bytes
      for (const id of [row.id, ...breakouts]) {
        bytes += (this.sql.boardBytes.get(...boardDocNames(id)) as { bytes: number }).bytes
      }
      return { board: boardOf(row), breakouts: breakouts.length, bytes }
    })
  }
}
