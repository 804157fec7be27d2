import { atom, type Editor } from 'tldraw'

/** Whether the facilitator's panel is open (per tab). Apart from the panel, whose code loads when first opened. */
export const $facilitatorPanelOpen = atom('facilitator panel open', false)

/**
 * Opens or closes the panel. The canvas narrows or widens beside it; the view keeps its centre and its zoom, so
 * what was in the middle of the screen stays there (tldraw alone would keep the top corner and shift the rest).
 */
export function setFacilitatorPanelOpen(editor: Editor, open: boolean): void {
  $facilitatorPanelOpen.set(open)
  requestAnimationFrame(() => editor.updateViewportScreenBounds(editor.getContainer(), true))
}
