// What other folders may use of co-drafting: the only door into this folder (see apps/web/README.md).
export { CodraftMarkPanel } from './CodraftMarkPanel.tsx'
export { insertCodraftBlock } from './insertCodraftBlock.ts'
