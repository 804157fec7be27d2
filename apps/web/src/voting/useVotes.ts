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

/** The session this board is voting in now, else the last one that ended here (its totals stay on the items). */
export function useBoardVoting(): { open?: VotingSession; ended?: VotingSession } {
  const { board } = useWorkshop()
  const sessions = useVotingSessions().filter((session) => session.boardId === board.id)
  return {
    open: sessions.find((session) => session.status === 'open'),
    ended: sessions.find((session) => session.status === 'ended'),
  }
}
