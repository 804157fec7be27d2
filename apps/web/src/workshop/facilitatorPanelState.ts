import { atom, type Editor } from 'tldraw'
import { focusOpener, returnFocusTo } from '../shared/returnFocus.ts'

/** Whether the facilitator's panel is open (per tab). Apart from the panel, whose code loads when first opened. */
export const $facilitatorPanelOpen = atom('facilitator panel open', false)

/** What had the focus when the panel opened (its button in the bar): where the focus goes back when it closes. */
let opener: HTMLElement | null = null

/**
 * Opens or closes the panel. The canvas narrows or widens beside it; the view keeps its centre and its zoom, so
 * what was in the middle of the screen stays there (tldraw alone would keep the top corner and shift the rest).
 */
export function setFacilitatorPanelOpen(editor: Editor, open: boolean): void {
  if (open === $facilitatorPanelOpen.get()) return
  if (open) opener = focusOpener()
  $facilitatorPanelOpen.set(open)
  requestAnimationFrame(() => editor.updateViewportScreenBounds(editor.getContainer(), true))
  // Closed from inside (its Close button, Escape), the focus would be lost with the panel.
  if (!open) returnFocusTo(opener)
}
