export { loadTemplateCatalog } from './loadTemplateCatalog.ts'
export type { CatalogResult } from './loadTemplateCatalog.ts'
