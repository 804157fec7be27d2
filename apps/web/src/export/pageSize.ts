import type { PrintOptions } from '@cg/contract'

/** Page size in millimetres, as CSS `@page` and the PDF use it. */
export function pageSizeMm(options: PrintOptions): { w: number; h: number } {
  const [short, long] = options.paper === 'a4' ? [210, 297] : [215.9, 279.4]
  return options.orientation === 'landscape' ? { w: long, h: short } : { w: short, h: long }
}
