export { checkTemplate } from './checkTemplate.ts'
export { plainText, planGridRow, planRowGrowth, readGridTable, rowLabel } from './gridRows.ts'
export type { BoundsOf, GridRowGrowth, GridRowPlan, GridTable } from './gridRows.ts'
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
