import { atom } from 'tldraw'
import type { LanguageCode } from '@cg/contract'

/**
 * The page's reading language, for what draws outside React's context (tldraw's SVG export of shapes, which is
 * what a PDF prints): kept equal to the I18nProvider's language.
 */
export const $readerLanguage = atom<LanguageCode>('reader language', 'en')
