/** The languages of the product: its own words, templates, reports and logframe files. */
export const LANGUAGE_CODES = ['en', 'fr', 'es', 'ar'] as const
export type LanguageCode = (typeof LANGUAGE_CODES)[number]

export function isLanguageCode(value: unknown): value is LanguageCode {
  return typeof value === 'string' && (LANGUAGE_CODES as readonly string[]).includes(value)
}

/** Writing direction: Arabic reads from the right, and layouts whose order matters are mirrored for it. */
export function textDirection(code: LanguageCode): 'ltr' | 'rtl' {
  return code === 'ar' ? 'rtl' : 'ltr'
}
