import type { BoardLinks, BoardRole, BoardView, BreakoutBoards } from '@cg/contract'
import type { BoardRecord } from '@cg/storage'

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
