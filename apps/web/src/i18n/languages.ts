import { ar, en, es, fr, type Messages } from './messages.ts'

export const LANGUAGES = [
  { code: 'en', name: 'English', dir: 'ltr', messages: en },
  { code: 'fr', name: 'Français', dir: 'ltr', messages: fr },
  { code: 'es', name: 'Español', dir: 'ltr', messages: es },
  { code: 'ar', name: 'العربية', dir: 'rtl', messages: ar },
] as const satisfies readonly { code: string; name: string; dir: 'ltr' | 'rtl'; messages: Messages }[]

export type LanguageCode = (typeof LANGUAGES)[number]['code']
export type Language = (typeof LANGUAGES)[number]

const STORAGE_KEY = 'cg.language'

export function isLanguageCode(value: string): value is LanguageCode {
  return LANGUAGES.some((language) => language.code === value)
}

export function languageOf(code: LanguageCode): Language {
  return LANGUAGES.find((language) => language.code === code) ?? LANGUAGES[0]
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
