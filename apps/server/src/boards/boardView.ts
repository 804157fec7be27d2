import type { BoardDeletion, BoardLinks, BoardRole, BoardView, BreakoutBoards, WorkshopRetention } from '@cg/contract'
import type { BoardRecord, StoredDeletion } from '@cg/storage'

/**
 * A board as the API shows it, with its workshop's retention (everyone on it sees when it goes); only a facilitator
 * is given `links`, since they are how other people get in.
 */
export function boardView(
  board: BoardRecord,
  role: BoardRole,
  retention: WorkshopRetention,
  links?: BoardLinks,
): BoardView {
  return {
    id: board.id,
    title: board.title,
    createdAt: new Date(board.createdAt).toISOString(),
    parentId: board.parentId,
    role,
    ...(links ? { links } : {}),
    retention,
  }
}

const isoOrNull = (time: number | null | undefined) => (time == null ? null : new Date(time).toISOString())

/**
 * A workshop's retention as the API shows it, from its plenary's record: its own dates, and when RETAIN_IDLE_DAYS
 * (`retainIdleMs`, null when off) deletes it unless someone opens it before (counted from its creation until then).
 */
export function retentionView(plenary: BoardRecord, retainIdleMs: number | null): WorkshopRetention {
  return {
    deleteOn: isoOrNull(plenary.retention?.deleteOn),
    linksExpireAt: isoOrNull(plenary.retention?.linksExpireAt),
    idleDeleteOn: retainIdleMs === null ? null : isoOrNull((plenary.openedAt ?? plenary.createdAt) + retainIdleMs),
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
