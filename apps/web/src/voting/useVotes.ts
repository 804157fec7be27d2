import { useCallback } from 'react'
import type * as Y from 'yjs'
import { readBallot, readVotingSessions, type VotingSession } from '@cg/facilitation'
import { useDocValue } from '../board/workshop/useDocValue.ts'
import { useWorkshop } from '../board/workshop/WorkshopContext.ts'

const readSessions = (doc: Y.Doc | null): VotingSession[] => (doc ? readVotingSessions(doc) : [])
export function useVotingSessions(): VotingSession[] {
  const { workshopDoc } = useWorkshop()
  return useDocValue(workshopDoc, readSessions)
}

export function useMyBallot(sessionId: string | undefined): string[] {
  const { privateDoc } = useWorkshop()
  const read = useCallback((doc: Y.Doc | null) => (doc && sessionId ? readBallot(doc, sessionId) : []), [sessionId])
  return useDocValue(privateDoc, read)
}

/**
 * The session a board is voting in now, else the last one that ended there (its totals stay on the items), of the
 * workshop's sessions (newest first): a breakout votes on its own board.
 */
export function boardVotingOf(
  sessions: readonly VotingSession[],
  boardId: string,
): { open?: VotingSession; ended?: VotingSession } {
  const onBoard = sessions.filter((session) => session.boardId === boardId)
  return {
    open: onBoard.find((session) => session.status === 'open'),
    ended: onBoard.find((session) => session.status === 'ended'),
  }
}

/** `boardVotingOf` this board. */
export function useBoardVoting(): { open?: VotingSession; ended?: VotingSession } {
  const { board } = useWorkshop()
  return boardVotingOf(useVotingSessions(), board.id)
}
