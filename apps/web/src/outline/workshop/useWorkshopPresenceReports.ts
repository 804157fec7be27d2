import type { Awareness } from 'y-protocols/awareness'
import { usePrivateNotesReport } from '../../private/index.ts'
import { useVotedInReport } from '../../voting/index.ts'

/**
 * What this person tells the facilitator through their presence on the board, as the canvas does: that they have
 * voted in the open vote (not how), and how many private drafts they hold (not what they say). Give it the board
 * room's awareness (the one the outline's presence goes into), inside `WorkshopContext.Provider`; without it the
 * facilitator's turnout and reveal count would miss people on the outline.
 */
export function useWorkshopPresenceReports(awareness: Awareness | null): void {
  useVotedInReport(awareness ?? undefined)
  usePrivateNotesReport(awareness ?? undefined)
}
