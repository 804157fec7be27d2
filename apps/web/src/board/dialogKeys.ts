import type { Editor } from 'tldraw'

/** tldraw's dialogs (ours are tldraw's too), rendered inside the editor's container. */
const DIALOG = '.tlui-dialog__content'

/**
 * Keeps the keys pressed in a dialog from the canvas behind it. tldraw's canvas takes keys pressed anywhere in its
 * container while shapes are selected (Tab selects the next shape, the arrows nudge the selection) unless a menu is
 * open, and it does not see its own dialogs as open menus (tldraw 5.4 files them under another context than the
 * editor's). So in a dialog opened with a shape selected, Tab was swallowed as soon as the focus reached the
 * dialog's scrolling body (a keyboard trap), and the arrows that scroll it moved the shapes behind it. Marking such
 * a key as handled leaves it to the browser, the dialog and Radix, as in any page. Returns the cleanup.
 */
export function keepDialogKeysFromCanvas(editor: Editor): () => void {
  const document = editor.getContainer().ownerDocument
  const claim = (event: KeyboardEvent) => {
    if (event.target instanceof Element && event.target.closest(DIALOG)) editor.markEventAsHandled(event)
  }
  // Capture: before tldraw's own listeners on the document see the key.
  document.addEventListener('keydown', claim, true)
  document.addEventListener('keyup', claim, true)
  return () => {
    document.removeEventListener('keydown', claim, true)
    document.removeEventListener('keyup', claim, true)
  }
}
