import type { LanguageCode } from '@cg/contract'

/*
 * The page's reading language outside React, without tldraw: I18nProvider sets it, and whatever draws outside
 * React's context follows it (readerLanguage.ts makes it a tldraw signal for the canvas). Kept apart from
 * readerLanguage.ts so that a page without the canvas (the outline) does not load tldraw through the provider.
 */
let current: LanguageCode = 'en'
const listeners = new Set<(code: LanguageCode) => void>()

export function pageLanguage(): LanguageCode {
  return current
}

export function setPageLanguage(code: LanguageCode): void {
  if (code === current) return
  current = code
  for (const listener of listeners) listener(code)
}

/** Calls `listener` on every change; returns the unsubscribe. */
export function onPageLanguage(listener: (code: LanguageCode) => void): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}
