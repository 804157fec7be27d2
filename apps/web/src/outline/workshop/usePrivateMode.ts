import { useMakesPrivateDrafts } from '../../private/index.ts'

/**
 * Whether this person's new notes are private drafts right now (private mode on, and they are a participant with a
 * private room): the canvas's own decision (private/), so both pages agree. Inside `WorkshopContext.Provider`.
 */
export function usePrivateMode(): boolean {
  return useMakesPrivateDrafts()
}
