import type { BoardDeletion, BoardLinks, BoardRole, BoardView, BreakoutBoards } from '@cg/contract'
import type { BoardRecord, StoredDeletion } from '@cg/storage'

/** A board as the API shows it; only a facilitator is given `links`, since they are how other people get in. */
export function boardView(board: BoardRecord, role: BoardRole, links?: BoardLinks): BoardView {
  return {
    id: board.id,
    title: board.title,
    createdAt: new Date(board.createdAt).toISOString(),
    parentId: board.parentId,
    role,
    ...(links ? { links } : {}),
  }
}

/** Breakout boards as the API lists them: id and title, in the order given. */
export function breakoutBoardsView(boards: readonly BoardRecord[]): BreakoutBoards {
  return { boards: boards.map(({ id, title, createdAt }) => ({ id, title, createdAt })) }
}

/** A workshop's time in the trash as the API shows it (ISO 8601). */
export function deletionView(deletion: StoredDeletion): BoardDeletion {
  return { deletedAt: new Date(deletion.deletedAt).toISOString(), purgeAt: new Date(deletion.purgeAt).toISOString() }
}
