import { useMemo } from 'react'
import { useBoardVoting, useMyBallot } from '../../voting/index.ts'
import { useWorkshop } from '../../board/workshop/WorkshopContext.ts'
import { outlineVoting, type OutlineVoting } from './outlineVoting.ts'

/**
 * Sticker voting on this board from the outline (a breakout votes on its own board): the open vote, this person's
 * stickers and how many are left, placing and taking them back, and the last ended vote's totals per item. Inside
 * `WorkshopContext.Provider`; re-renders only when the votes or this person's ballot change.
 */
export function useOutlineVoting(): OutlineVoting {
  const { privateDoc } = useWorkshop()
  const { open, ended } = useBoardVoting()
  const ballot = useMyBallot(open?.id)
  return useMemo(
    () => outlineVoting({ open: open ?? null, lastEnded: ended ?? null, ballot, privateDoc }),
    [open, ended, ballot, privateDoc],
  )
}
