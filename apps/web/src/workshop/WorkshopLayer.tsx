import { lazy, Suspense, useContext } from 'react'
import { useValue } from 'tldraw'
import { AttentionEffects } from '../attention/index.ts'
import { WorkshopContext } from '../board/workshop/WorkshopContext.ts'
import { BreakoutEffects } from '../breakouts/index.ts'
import { PrivateModeEffects } from '../private/index.ts'
import { RetentionNotice } from '../retention/index.ts'
import { ScaffoldLockEffects } from '../templates/index.ts'
import { VotingEffects, VotingOverlay } from '../voting/index.ts'
import { AttendanceEffects } from './AttendanceEffects.tsx'
import { CreationTimeEffects } from './CreationTimeEffects.tsx'
import { $facilitatorPanelOpen } from './facilitatorPanelState.ts'
import { WorkshopBar } from './WorkshopBar.tsx'

// Only facilitators use the panel, and only once they open it: its code stays off a participant's first visit.
const FacilitatorPanel = lazy(() => import('./FacilitatorPanel.tsx'))

/** The workshop features over the canvas, for every role; the facilitator also gets the panel. */
export function WorkshopLayer() {
  const workshop = useContext(WorkshopContext)
  const panelOpen = useValue($facilitatorPanelOpen)
  if (!workshop) return null
  return (
    <>
      <RetentionNotice />
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
