import { isLanguageCode, LANGUAGE_CODES, textDirection, type LanguageCode } from '@cg/contract'
import { ar, en, es, fr, type Messages } from './messages.ts'

export interface Language {
  code: LanguageCode
  /** The language's own name for itself. */
  name: string
  dir: 'ltr' | 'rtl'
  messages: Messages
}

const NAMES_AND_MESSAGES: Record<LanguageCode, { name: string; messages: Messages }> = {
  en: { name: 'English', messages: en },
  fr: { name: 'Français', messages: fr },
  es: { name: 'Español', messages: es },
  ar: { name: 'العربية', messages: ar },
}

/** The product's languages (@cg/contract), with their names and this page's words. */
export const LANGUAGES: readonly Language[] = LANGUAGE_CODES.map((code) => ({
  code,
  dir: textDirection(code),
  ...NAMES_AND_MESSAGES[code],
}))

const STORAGE_KEY = 'cg.language'

export function languageOf(code: LanguageCode): Language {
  return LANGUAGES.find((language) => language.code === code) ?? LANGUAGES[0]!
}

export function initialLanguage(): LanguageCode {
  return pickLanguage(localStorage.getItem(STORAGE_KEY), navigator.languages)
}

/** The person's explicit choice if any, else the first browser language we speak, else English. */
export function pickLanguage(saved: string | null, preferred: readonly string[]): LanguageCode {
  if (saved && isLanguageCode(saved)) return saved
  for (const tag of preferred) {
    const base = tag.toLowerCase().split('-')[0] ?? ''
    if (isLanguageCode(base)) return base
  }
  return 'en'
}

export function rememberLanguage(code: LanguageCode): void {
  localStorage.setItem(STORAGE_KEY, code)
}
