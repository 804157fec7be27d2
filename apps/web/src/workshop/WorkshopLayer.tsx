import { lazy, Suspense, useContext } from 'react'
import { useValue } from 'tldraw'
import { AttendanceEffects } from './AttendanceEffects.tsx'
import { AttentionEffects } from '../attention/AttentionEffects.tsx'
import { BreakoutEffects } from '../breakouts/BreakoutEffects.tsx'
import { CreationTimeEffects } from './CreationTimeEffects.tsx'
import { $facilitatorPanelOpen } from './facilitatorPanelState.ts'
import { PrivateModeEffects } from '../private/PrivateModeEffects.tsx'
import { ScaffoldLockEffects } from '../templates/ScaffoldLock.tsx'
import { VotingEffects } from '../voting/VotingEffects.tsx'
import { VotingOverlay } from '../voting/VotingOverlay.tsx'
import { WorkshopBar } from './WorkshopBar.tsx'
import { WorkshopContext } from '../board/workshop/WorkshopContext.ts'

// Only facilitators use the panel, and only once they open it: its code stays off a participant's first visit.
const FacilitatorPanel = lazy(() => import('./FacilitatorPanel.tsx'))

/** The workshop features over the canvas, for every role; the facilitator also gets the panel. */
export function WorkshopLayer() {
  const workshop = useContext(WorkshopContext)
  const panelOpen = useValue($facilitatorPanelOpen)
  if (!workshop) return null
  return (
    <>
      <WorkshopBar />
      <VotingOverlay />
      {workshop.role === 'facilitator' && panelOpen && (
        <Suspense fallback={null}>
          <FacilitatorPanel />
        </Suspense>
      )}
      <AttentionEffects />
      <VotingEffects />
      <PrivateModeEffects />
      <BreakoutEffects />
      <ScaffoldLockEffects />
      <AttendanceEffects />
      <CreationTimeEffects />
    </>
  )
}
