import { atom } from 'tldraw'
import type { TemplateCatalog } from '@cg/templates'

/** The server's template catalog once a page has loaded it, for what renders outside React hooks' reach. */
export const $templateCatalog = atom<TemplateCatalog | null>('template catalog', null)
