import { useEffect } from 'react'
import type { Awareness } from 'y-protocols/awareness'
import { announce, VOTED_IN_FIELD } from '../board/workshop/presenceReports.ts'
import { useBoardVoting, useMyBallot } from './useVotes.ts'

/**
 * Whether this person has voted in the open vote (not how) goes into their presence on the board, for the
 * facilitator's turnout: the same report from the canvas and from the outline.
 */
export function useVotedInReport(awareness: Awareness | undefined): void {
  const { open } = useBoardVoting()
  const ballot = useMyBallot(open?.id)
  const votedIn = open && ballot.length > 0 ? open.id : null
  useEffect(() => {
    if (awareness) announce(awareness, VOTED_IN_FIELD, votedIn)
  }, [awareness, votedIn])
}
