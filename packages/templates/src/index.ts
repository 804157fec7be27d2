export { checkTemplate } from './checkTemplate.ts'
export { CELL_PADDING, MIN_NOTE_SCALE, placeInCell } from './fitInCell.ts'
export type { CellPlacement, PageBox } from './fitInCell.ts'
export { plainText, planRowGrowth, readGridTable, rowLabel } from './gridRows.ts'
export type { BoundsOf, GridRowGrowth, GridTable } from './gridRows.ts'
export { planGridRow } from './planGridRow.ts'
export type { GridRowPlan } from './planGridRow.ts'
export { layoutTemplate } from './layoutTemplate.ts'
export { scaffoldText, scaffoldTextFor } from './scaffoldText.ts'
export type { LayoutOptions, ScaffoldMeta } from './layoutTemplate.ts'
export { partiallyOverlap, scaffoldBoxes } from './scaffoldBoxes.ts'
export type { ScaffoldBox } from './scaffoldBoxes.ts'
export {
  Sector,
  SectorList,
  TemplateColor,
  TemplateDefinition,
  TemplateElement,
  TemplateStrings,
} from './templateSchema.ts'
export type { Template, TemplateCatalog, TemplateGrid, TemplateGridRowKind } from './templateSchema.ts'
