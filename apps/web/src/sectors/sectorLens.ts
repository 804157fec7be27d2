import { atom } from 'tldraw'

/**
 * The sector this tab is looking through, or null for all. A view setting of one person, like the camera:
 * it is never written to the board, so switching lenses disturbs nobody else.
 */
export const $sectorLens = atom<string | null>('sector lens', null)

/** The sector a shape is tagged with, if any (kept in the shape's `meta`, so it syncs and exports). */
export function sectorOf(meta: Record<string, unknown>): string | undefined {
  return typeof meta.sector === 'string' ? meta.sector : undefined
}
