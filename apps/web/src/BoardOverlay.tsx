import { CodraftMarkPanel } from './codraft/CodraftMarkPanel.tsx'
import { SectorPanel } from './sectors/SectorPanel.tsx'
import { GridRowsPanel } from './templates/GridRowsPanel.tsx'
import { WorkshopLayer } from './workshop/WorkshopLayer.tsx'

/** Our panels over the canvas: the sector legend and lens, row controls for a selected template grid, and
 * turning a selected text into a co-draft block, and the workshop (timer, votes, facilitation). */
export function BoardOverlay() {
  return (
    <>
      <GridRowsPanel />
      <CodraftMarkPanel />
      <SectorPanel />
      <WorkshopLayer />
    </>
  )
}
