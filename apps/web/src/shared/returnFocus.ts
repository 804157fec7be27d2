/**
 * Where the keyboard focus goes back to when something opened now (a dialog, a panel) closes, and giving it back.
 * Radix returns the focus only to a dialog's own trigger, and ours are opened through tldraw's `addDialog`, which
 * has none: a keyboard user was left at the top of the page, or in the canvas, and had to find their place again.
 */

/**
 * The control that has the focus now, as the thing it opens is about to appear; for an item of a menu (which
 * closes as a dialog opens), the button that opened that menu, through its submenus.
 */
export function focusOpener(): HTMLElement | null {
  let opener = document.activeElement as HTMLElement | null
  while (opener?.closest('[role="menu"]')) {
    // Radix names each menu by the button that opened it.
    const triggerId = opener.closest('[role="menu"]')!.getAttribute('aria-labelledby')
    const trigger = triggerId ? document.getElementById(triggerId) : null
    if (!trigger || trigger === opener) break
    opener = trigger
  }
  return opener && opener !== document.body ? opener : null
}

/** Whether nothing of use holds the focus: the page itself, or tldraw's editor, which takes it when a dialog goes. */
function focusLost(): boolean {
  const active = document.activeElement
  return !active || active === document.body || active.classList.contains('tl-container')
}

/**
 * Once what `opener` opened has gone (call it as it goes), gives the focus back to `opener`, if the focus was
 * lost: never away from where the person, or the closing action itself, put it; never behind another dialog.
 */
export function returnFocusTo(opener: HTMLElement | null): void {
  // After the dialog has unmounted and tldraw has done its own focusing.
  setTimeout(() => {
    if (!opener?.isConnected || !focusLost() || document.querySelector('[role="dialog"]')) return
    opener.focus()
  }, 0)
}
