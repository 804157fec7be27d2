/** How both backends read a board's row into a record. */
import type { BoardRecord } from './Storage.ts'

/** The columns of a board, named as its record's fields (PostgreSQL folds unquoted names, so they are quoted). */
export const BOARD_COLUMNS =
  'id, title, created_at AS "createdAt", parent_id AS "parentId", deleted_at AS "deletedAt", purge_at AS "purgeAt", ' +
  'delete_on AS "deleteOn", links_expire_at AS "linksExpireAt", opened_at AS "openedAt"'

export interface BoardRow {
  id: string
  title: string
  createdAt: number
  parentId: string | null
  deletedAt: number | null
  purgeAt: number | null
  deleteOn: number | null
  linksExpireAt: number | null
  openedAt: number | null
}

/**
 * Optional parts are absent rather than null (a board not in the trash has no `deletion` property at all, one
 * without retention dates no `retention`), so records compare equal to those written.
 */
export function boardOf(row: BoardRow): BoardRecord {
  const { deletedAt, purgeAt, deleteOn, linksExpireAt, openedAt, ...board } = row
  return {
    ...board,
    ...(deletedAt === null || purgeAt === null ? {} : { deletion: { deletedAt, purgeAt } }),
    ...(deleteOn === null && linksExpireAt === null ? {} : { retention: { deleteOn, linksExpireAt } }),
    ...(openedAt === null ? {} : { openedAt }),
  }
}
