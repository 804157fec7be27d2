/*
 * Template cells read, named and filled from records alone, for pages that never load the canvas (the outline):
 * nothing here imports tldraw, zod or the layout engine at run time (types only), so a bundle takes only these.
 */
export { CELL_PADDING, MIN_NOTE_SCALE, placeInCell } from './fitInCell.ts'
export type { CellPlacement, PageBox } from './fitInCell.ts'
export { plainText, planRowGrowth, readGridTable, rowLabel } from './gridRows.ts'
export type { BoundsOf, GridRowGrowth, GridTable } from './gridRows.ts'
export { scaffoldText, scaffoldTextFor } from './scaffoldText.ts'
export type { Sector, Template, TemplateCatalog, TemplateGrid } from './templateSchema.ts'
