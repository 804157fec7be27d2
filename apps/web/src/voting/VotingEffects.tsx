import { useEffect, useRef } from 'react'
import { Box, useEditor, type TLShapeId } from 'tldraw'
import { zoomToBoundsClear } from '../board/clearViewport.ts'
import { useCodraftContext } from '../board/shapes/CodraftContext.ts'
import { announce, VOTED_IN_FIELD } from '../board/workshop/presenceReports.ts'
import { useBoardVoting, useMyBallot } from './useVotes.ts'
import { useWorkshop } from '../board/workshop/WorkshopContext.ts'

/**
 * When a vote opens, each participant's view goes to what is being voted on, once per vote: the items may be
 * anywhere on the board, and a sticker button off screen is a vote not cast. The facilitator chose the items and
 * stays where they are; someone following the facilitator already sees what they see.
 */
export function VotingEffects() {
  const editor = useEditor()
  const { role } = useWorkshop()
  const { open } = useBoardVoting()
  const shownFor = useRef<string | null>(null)
  useEffect(() => {
    if (!open || shownFor.current === open.id) return
    shownFor.current = open.id
    if (role === 'facilitator' || editor.getInstanceState().followingUserId) return
    const onPage = open.itemIds
      .map((id) => id as TLShapeId)
      .filter((id) => editor.getAncestorPageId(id) === editor.getCurrentPageId())
    const bounds = Box.Common(onPage.flatMap((id) => editor.getShapePageBounds(id) ?? []))
    if (onPage.length > 0) zoomToBoundsClear(editor, bounds)
  }, [editor, open, role])

  // Whether this person has voted (not how) goes into their presence, for the facilitator's turnout.
  const awareness = useCodraftContext()?.awareness
  const ballot = useMyBallot(open?.id)
  const votedIn = open && ballot.length > 0 ? open.id : null
  useEffect(() => {
    if (awareness) announce(awareness, VOTED_IN_FIELD, votedIn)
  }, [awareness, votedIn])
  return null
}
