import type { BoardRole } from '@cg/contract'
import { useWorkshopField } from '../board/workshop/useDocValue.ts'
import { useWorkshop } from '../board/workshop/WorkshopContext.ts'

/**
 * Whether what this person makes now is a private draft: private mode is on and they are a participant with a
 * private room to keep it in. A facilitator's notes stay shared (they run the workshop), a viewer makes nothing.
 * One decision for every page that creates notes (the canvas, the outline).
 */
export function makesPrivateDrafts(state: {
  privateModeOn: boolean
  role: BoardRole
  hasPrivateRoom: boolean
}): boolean {
  return state.privateModeOn && state.role === 'editor' && state.hasPrivateRoom
}

/** `makesPrivateDrafts` for this person, now (re-renders when private mode is turned on or off). */
export function useMakesPrivateDrafts(): boolean {
  const { role, privateDoc } = useWorkshop()
  const privateMode = useWorkshopField('privateMode')
  return makesPrivateDrafts({ privateModeOn: privateMode.on, role, hasPrivateRoom: privateDoc !== null })
}
