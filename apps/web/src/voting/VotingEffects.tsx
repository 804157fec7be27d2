import { useEffect, useRef } from 'react'
import { Box, useEditor, type TLShapeId } from 'tldraw'
import { zoomToBoundsClear } from '../board/clearViewport.ts'
import { useCodraftContext } from '../board/shapes/CodraftContext.ts'
import { useBoardVoting } from './useVotes.ts'
import { useVotedInReport } from './useVotedInReport.ts'
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

  useVotedInReport(useCodraftContext()?.awareness)
  return null
}
