import { useContext } from 'react'
import { AttendanceEffects } from './AttendanceEffects.tsx'
import { AttentionEffects } from './AttentionEffects.tsx'
import { BreakoutEffects } from './BreakoutEffects.tsx'
import { CreationTimeEffects } from './CreationTimeEffects.tsx'
import { FacilitatorPanel } from './FacilitatorPanel.tsx'
import { PrivateModeEffects } from './PrivateModeEffects.tsx'
import { ScaffoldLockEffects } from './ScaffoldLock.tsx'
import { VotingEffects } from './VotingEffects.tsx'
import { VotingOverlay } from './VotingOverlay.tsx'
import { WorkshopBar } from './WorkshopBar.tsx'
import { WorkshopContext } from './WorkshopContext.ts'

/** The workshop features over the canvas, for every role; the facilitator also gets the panel. */
export function WorkshopLayer() {
  const workshop = useContext(WorkshopContext)
  if (!workshop) return null
  return (
    <>
      <WorkshopBar />
      <VotingOverlay />
      {workshop.role === 'facilitator' && <FacilitatorPanel />}
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
