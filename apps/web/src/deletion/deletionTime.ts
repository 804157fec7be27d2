import type { LanguageCode } from '@cg/contract'

const DAY_MS = 24 * 60 * 60 * 1000

/**
 * Whole days from `now` until `iso` (ms since the epoch), rounded up, so "in 30 days" the moment a 30-day trash
 * starts; 0 once it has passed.
 */
export function daysUntil(iso: string, now: number): number {
  const left = Date.parse(iso) - now
  return Number.isFinite(left) && left > 0 ? Math.ceil(left / DAY_MS) : 0
}

/** A moment of a deletion (when it was deleted, when it is purged) as the reader says a date and a time. */
export function deletionDate(iso: string, language: LanguageCode): string {
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return iso
  return new Intl.DateTimeFormat(language, { dateStyle: 'long', timeStyle: 'short' }).format(date)
}
