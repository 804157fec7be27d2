import type { PrintOptions, PrintProgress } from '@cg/contract'

/** Page size in millimetres, as CSS `@page` and the PDF use it. */
export function pageSizeMm(options: PrintOptions): { w: number; h: number } {
  const [short, long] = options.paper === 'a4' ? [210, 297] : [215.9, 279.4]
  return options.orientation === 'landscape' ? { w: long, h: short } : { w: short, h: long }
}

declare global {
  interface Window {
    /** Read by the server that drives the print view (see `PrintProgress`). */
    __cgPrint?: PrintProgress
    /** A report picture as PNG (base64), read by the server writing the report as DOCX. */
    __cgFigurePng?: (figureId: string) => Promise<{ base64: string; width: number; height: number } | null>
  }
}
