import type { DatabaseSync } from 'node:sqlite'
import { BOARD_COLUMNS, boardOf, type BoardRow } from '../boardRows.ts'
import type { BoardAccess, BoardRecord, BoardStorage } from '../Storage.ts'
import { transaction } from './database.ts'

const prepare = (db: DatabaseSync) => ({
  insertBoard: db.prepare('INSERT INTO boards (id, title, created_at, parent_id) VALUES (?, ?, ?, ?)'),
  selectBoard: db.prepare(`SELECT ${BOARD_COLUMNS} FROM boards WHERE id = ?`),
  selectChildBoards: db.prepare(`SELECT ${BOARD_COLUMNS} FROM boards WHERE parent_id = ? ORDER BY created_at, id`),
  upsertAccess: db.prepare(
    `INSERT INTO board_access (board_id, facilitator_hash, editor_hash, viewer_hash, link_salt) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (board_id) DO UPDATE SET facilitator_hash = excluded.facilitator_hash,
       editor_hash = excluded.editor_hash, viewer_hash = excluded.viewer_hash, link_salt = excluded.link_salt`,
  ),
  selectAccess: db.prepare(
    `SELECT facilitator_hash AS facilitatorHash, editor_hash AS editorHash, viewer_hash AS viewerHash,
       link_salt AS linkSalt FROM board_access WHERE board_id = ?`,
  ),
})

/** Boards (boards) and the hashes of their secret links (board_access). */
export class SqliteBoards implements BoardStorage {
  private readonly db: DatabaseSync
  private readonly sql: ReturnType<typeof prepare>

  constructor(db: DatabaseSync) {
    this.db = db
    this.sql = prepare(db)
  }

  async createBoard(board: BoardRecord, access?: BoardAccess): Promise<void> {
    transaction(this.db, () => this.insert(board, access))
  }

  async getBoard(id: string): Promise<BoardRecord | undefined> {
    const row = this.sql.selectBoard.get(id) as BoardRow | undefined
    return row ? boardOf(row) : undefined
  }

  async listChildBoards(parentId: string): Promise<BoardRecord[]> {
    return (this.sql.selectChildBoards.all(parentId) as unknown as BoardRow[]).map(boardOf)
  }

  async getBoardAccess(id: string): Promise<BoardAccess | undefined> {
    const row = this.sql.selectAccess.get(id) as BoardAccess | undefined
    return row ? { ...row } : undefined
  }

  async setBoardAccess(id: string, access: BoardAccess): Promise<void> {
    this.writeAccess(id, access)
  }

  /** Stores a board and its access hashes, if any, never in the trash; in the caller's transaction (a restore's). */
  insert(board: BoardRecord, access?: BoardAccess): void {
    this.sql.insertBoard.run(board.id, board.title, board.createdAt, board.parentId)
    if (access) this.writeAccess(board.id, access)
  }

  private writeAccess(id: string, access: BoardAccess): void {
    this.sql.upsertAccess.run(id, access.facilitatorHash, access.editorHash, access.viewerHash, access.linkSalt)
  }
}
