// What other folders may use of templates: the only door into this folder (see apps/web/README.md).
export { CellFitEffects } from './CellFitEffects.tsx'
export { GridRowsPanel } from './GridRowsPanel.tsx'
export { ScaffoldLockEffects, ScaffoldLockSection } from './ScaffoldLock.tsx'
