import { CodraftMarkPanel } from '../codraft/index.ts'
import { CellFitEffects, GridRowsPanel } from '../templates/index.ts'
import { WorkshopLayer } from '../workshop/index.ts'

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
