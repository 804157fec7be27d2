import type pg from 'pg'
import { BOARD_COLUMNS, boardOf, type BoardRow } from '../boardRows.ts'
import type { BoardAccess, BoardRecord, BoardStorage } from '../Storage.ts'
import { toBuffer, toBytes, transaction, type Queryable } from './database.ts'

/**
 * Stores a board and its access hashes, if any, never in the trash (a deletion is set only by the deletion role);
 * in the caller's transaction (a restore's, or createBoard's).
 */
export async function insertBoard(db: Queryable, board: BoardRecord, access?: BoardAccess): Promise<void> {
  await db.query('INSERT INTO boards (id, title, created_at, parent_id) VALUES ($1, $2, $3, $4)', [
    board.id,
    board.title,
    board.createdAt,
    board.parentId,
  ])
  if (access) await writeAccess(db, board.id, access)
}

function writeAccess(db: Queryable, id: string, access: BoardAccess): Promise<unknown> {
  return db.query(
    `INSERT INTO board_access (board_id, facilitator_hash, editor_hash, viewer_hash, link_salt)
     VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (board_id) DO UPDATE SET facilitator_hash = excluded.facilitator_hash,
       editor_hash = excluded.editor_hash, viewer_hash = excluded.viewer_hash, link_salt = excluded.link_salt`,
    [id, toBuffer(access.facilitatorHash), toBuffer(access.editorHash), toBuffer(access.viewerHash), access.linkSalt],
  )
}

/** Boards (boards) and the hashes of their secret links (board_access). */
export class PostgresBoards implements BoardStorage {
  private readonly pool: pg.Pool

  constructor(pool: pg.Pool) {
    this.pool = pool
  }

  async createBoard(board: BoardRecord, access?: BoardAccess): Promise<void> {
    await transaction(this.pool, (db) => insertBoard(db, board, access))
  }

  async getBoard(id: string): Promise<BoardRecord | undefined> {
    const { rows } = await this.pool.query<BoardRow>(`SELECT ${BOARD_COLUMNS} FROM boards WHERE id = $1`, [id])
    return rows[0] && boardOf(rows[0])
  }

  async listChildBoards(parentId: string): Promise<BoardRecord[]> {
    const { rows } = await this.pool.query<BoardRow>(
      `SELECT ${BOARD_COLUMNS} FROM boards WHERE parent_id = $1 ORDER BY created_at, id`,
      [parentId],
    )
    return rows.map(boardOf)
  }

  async getBoardAccess(id: string): Promise<BoardAccess | undefined> {
    const { rows } = await this.pool.query<{ f: Buffer; e: Buffer; v: Buffer; salt: string }>(
      'SELECT facilitator_hash AS f, editor_hash AS e, viewer_hash AS v, link_salt AS salt FROM board_access WHERE board_id = $1',
      [id],
    )
    const row = rows[0]
    if (!row) return undefined
    return {
      facilitatorHash: toBytes(row.f),
      editorHash: toBytes(row.e),
      viewerHash: toBytes(row.v),
      linkSalt: row.salt,
    }
  }

  async setBoardAccess(id: string, access: BoardAccess): Promise<void> {
    await writeAccess(this.pool, id, access)
  }
}
