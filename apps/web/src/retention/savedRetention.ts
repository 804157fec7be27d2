import { atom, useValue } from 'tldraw'
import type { BoardView, WorkshopRetention } from '@cg/contract'

/**
 * The retention a facilitator just saved from this page: the server's answer, newer than the board's description
 * this page opened with, so the notice and the panel show the new dates at once. Others see them the next time
 * their page opens the board.
 */
const $saved = atom<{ plenaryId: string; retention: WorkshopRetention } | null>('saved retention', null)

export function rememberSavedRetention(plenaryId: string, retention: WorkshopRetention): void {
  $saved.set({ plenaryId, retention })
}

/** The workshop's retention as this page knows it (undefined from a server older than retention). */
export function useRetention(board: BoardView): WorkshopRetention | undefined {
  const saved = useValue($saved)
  const plenaryId = board.parentId ?? board.id
  return saved?.plenaryId === plenaryId ? saved.retention : board.retention
}
