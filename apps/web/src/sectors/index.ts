// What other folders may use of sectors: the only door into this folder (see apps/web/README.md).
export { SectorPanel } from './SectorPanel.tsx'
export { SectorSelect } from './SectorSelect.tsx'
export { SectorShapeWrapper } from './SectorShapeWrapper.tsx'
