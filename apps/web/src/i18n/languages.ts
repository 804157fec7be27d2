import { isLanguageCode, LANGUAGE_CODES, textDirection, type LanguageCode } from '@cg/contract'
import { en, type Messages } from './dictionaries/en.ts'

export interface Language {
  code: LanguageCode
  /** The language's own name for itself. */
  name: string
  dir: 'ltr' | 'rtl'
}

const NAMES: Record<LanguageCode, string> = { en: 'English', fr: 'Français', es: 'Español', ar: 'العربية' }

/** The product's languages (@cg/contract), with their names. */
export const LANGUAGES: readonly Language[] = LANGUAGE_CODES.map((code) => ({
  code,
  name: NAMES[code],
  dir: textDirection(code),
}))

/**
 * Each language but English (the reference, and the words shown if another cannot be fetched) is a chunk of its
 * own, fetched the first time it is used and kept by the service worker: a page downloads the words it shows.
 */
const LOADERS: Record<LanguageCode, () => Promise<Messages>> = {
  en: () => Promise.resolve(en),
  fr: async () => (await import('./dictionaries/fr.ts')).fr,
  es: async () => (await import('./dictionaries/es.ts')).es,
  ar: async () => (await import('./dictionaries/ar.ts')).ar,
}
const loaded = new Map<LanguageCode, Messages>([['en', en]])

/** Fetches a language's words once; resolves at once for a language already here. */
export async function loadMessages(code: LanguageCode): Promise<Messages> {
  const known = loaded.get(code)
  if (known) return known
  const messages = await LOADERS[code]()
  loaded.set(code, messages)
  return messages
}

/** A language's words if they have arrived, else English's. */
export function messagesOf(code: LanguageCode): Messages {
  return loaded.get(code) ?? en
}

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
