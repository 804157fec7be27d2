import type { PrintOptions } from './apiTypes.ts'
import { isLanguageCode } from './languages.ts'

export const DEFAULT_PRINT_OPTIONS: PrintOptions = {
  paper: 'a4',
  orientation: 'landscape',
  overview: true,
  report: false,
  lang: 'en',
  format: 'pdf',
}

/**
 * The print view's URL fragment: the options and the secret it opens the board with. A fragment, so the secret
 * is never sent to the server with the page request.
 */
export function printHash(options: PrintOptions, token: string): string {
  return new URLSearchParams({
    token,
    paper: options.paper,
    orientation: options.orientation,
    overview: options.overview ? '1' : '0',
    report: options.report ? '1' : '0',
    lang: options.lang,
    format: options.format,
  }).toString()
}

/** The options in a print view's fragment; anything missing or unknown reads as the default. */
export function printOptionsFromHash(hash: string): PrintOptions {
  const params = new URLSearchParams(hash.replace(/^#/, ''))
  const lang = params.get('lang')
  return {
    paper: params.get('paper') === 'letter' ? 'letter' : 'a4',
    orientation: params.get('orientation') === 'portrait' ? 'portrait' : 'landscape',
    overview: params.get('overview') !== '0',
    report: params.get('report') === '1',
    lang: isLanguageCode(lang) ? lang : DEFAULT_PRINT_OPTIONS.lang,
    format: params.get('format') === 'docx' ? 'docx' : 'pdf',
  }
}
