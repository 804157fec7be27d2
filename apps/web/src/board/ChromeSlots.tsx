import { createContext, useContext, type ReactNode } from 'react'
import { createPortal } from 'react-dom'

/**
 * Places on the board page beside the canvas, not over it: the bar above it (title, templates, facilitate,
 * links, role, connection), the notice row under that (when the workshop will be deleted), the strip under that (the workshop bar) and the side column (the facilitator's panel). What goes there never covers a shape, a frame heading or a control, and the
 * canvas shrinks to make room. Components inside tldraw render into them through a portal, keeping the editor.
 */
export interface ChromeSlotNodes {
  top: HTMLElement | null
  notice: HTMLElement | null
  strip: HTMLElement | null
  side: HTMLElement | null
}

export const ChromeSlotsContext = createContext<ChromeSlotNodes>({ top: null, notice: null, strip: null, side: null })

export function InChromeSlot({ slot, children }: { slot: keyof ChromeSlotNodes; children: ReactNode }) {
  const node = useContext(ChromeSlotsContext)[slot]
  return node ? createPortal(children, node) : null
}
