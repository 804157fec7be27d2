/** How both backends read a board's row into a record. */
import type { BoardRecord } from './Storage.ts'

/** The columns of a board, named as its record's fields (PostgreSQL folds unquoted names, so they are quoted). */
export const BOARD_COLUMNS =
  'id, title, created_at AS "createdAt", parent_id AS "parentId", deleted_at AS "deletedAt", purge_at AS "purgeAt"'

export interface BoardRow {
  id: string
  title: string
  createdAt: number
  parentId: string | null
  deletedAt: number | null
  purgeAt: number | null
}

/** A board not in the trash has no `deletion` property at all, so records compare equal to those written. */
export function boardOf(row: BoardRow): BoardRecord {
  const { deletedAt, purgeAt, ...board } = row
  return deletedAt === null || purgeAt === null ? { ...board } : { ...board, deletion: { deletedAt, purgeAt } }
}
