import { SectorPanel } from './sectors/SectorPanel.tsx'
import { GridRowsPanel } from './templates/GridRowsPanel.tsx'

/** Our panels over the canvas: the sector legend and lens, and row controls for a selected template grid. */
export function BoardOverlay() {
  return (
    <>
      <GridRowsPanel />
      <SectorPanel />
    </>
  )
}
