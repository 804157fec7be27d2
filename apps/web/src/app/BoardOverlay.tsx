import { CodraftMarkPanel } from '../codraft/CodraftMarkPanel.tsx'
import { CellFitEffects } from '../templates/CellFitEffects.tsx'
import { GridRowsPanel } from '../templates/GridRowsPanel.tsx'
import { WorkshopLayer } from '../workshop/WorkshopLayer.tsx'

/** Our panels over the canvas: row controls for a selected template grid (and notes
 * fitted to its cells), turning a selected text into a co-draft block, and the workshop (timer, votes, facilitation). */
export function BoardOverlay() {
  return (
    <>
      <GridRowsPanel />
      <CellFitEffects />
      <CodraftMarkPanel />
      <WorkshopLayer />
    </>
  )
}
