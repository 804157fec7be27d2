import { CodraftMarkPanel } from './codraft/CodraftMarkPanel.tsx'
import { SectorPanel } from './sectors/SectorPanel.tsx'
import { GridRowsPanel } from './templates/GridRowsPanel.tsx'

/** Our panels over the canvas: the sector legend and lens, row controls for a selected template grid, and
 * turning a selected text into a co-draft block. */
export function BoardOverlay() {
  return (
    <>
      <GridRowsPanel />
      <CodraftMarkPanel />
      <SectorPanel />
    </>
  )
}
