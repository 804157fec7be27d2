import { atom } from 'tldraw'
import type { LanguageCode } from '@cg/contract'
import { onPageLanguage, pageLanguage } from './pageLanguage.ts'

/**
 * The page's reading language, for what draws outside React's context (tldraw's SVG export of shapes, which is
 * what a PDF prints): a tldraw signal that follows the I18nProvider's language (see pageLanguage.ts).
 */
export const $readerLanguage = atom<LanguageCode>('reader language', pageLanguage())
onPageLanguage((code) => $readerLanguage.set(code))
