/** How a PDF is laid out; passed to the print view in its URL fragment, next to the link's secret. */
export interface PrintOptions {
  paper: 'a4' | 'letter'
  orientation: 'landscape' | 'portrait'
  /** A first page with the whole board. */
  overview: boolean
  /**
   * The workshop report: a cover, a table of contents, the plenary board and every breakout board, then the
   * vote tallies.
   */
  report: boolean
  /** The language of the report's own words (cover, contents, tallies). */
  lang: string
}

export const DEFAULT_PRINT_OPTIONS: PrintOptions = {
  paper: 'a4',
  orientation: 'landscape',
  overview: true,
  report: false,
  lang: 'en',
}

export function printOptionsFromHash(hash: string): PrintOptions {
  const params = new URLSearchParams(hash.replace(/^#/, ''))
  return {
    paper: params.get('paper') === 'letter' ? 'letter' : 'a4',
    orientation: params.get('orientation') === 'portrait' ? 'portrait' : 'landscape',
    overview: params.get('overview') !== '0',
    report: params.get('report') === '1',
    lang: params.get('lang') ?? 'en',
  }
}

/** Page size in millimetres, as CSS `@page` and the PDF use it. */
export function pageSizeMm(options: PrintOptions): { w: number; h: number } {
  const [short, long] = options.paper === 'a4' ? [210, 297] : [215.9, 279.4]
  return options.orientation === 'landscape' ? { w: long, h: short } : { w: short, h: long }
}

/** What the print view reports while it renders, read by the server that drives it. */
export interface PrintProgress {
  total: number
  done: number
  ready: boolean
  error: string | null
  pages: string[]
}

declare global {
  interface Window {
    __cgPrint?: PrintProgress
  }
}
