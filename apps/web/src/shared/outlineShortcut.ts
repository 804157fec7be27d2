/**
 * Alt+Shift+O goes between a board and its outline, both ways. The physical key is matched (`code`), not the
 * character: on a Mac Alt+Shift+O types "Ø", and on an Arabic or a French keyboard the key in that place types
 * another letter, yet people learn the key by where it is. tldraw binds no Alt+Shift+O (its shortcuts: `kbd` in
 * tldraw's actions and tools; O alone is the ellipse).
 */
export const OUTLINE_SHORTCUT = 'Alt+Shift+O'

type KeyPress = Pick<KeyboardEvent, 'code' | 'altKey' | 'shiftKey' | 'ctrlKey' | 'metaKey' | 'isComposing' | 'repeat'>

export function isOutlineShortcut(event: KeyPress): boolean {
  return (
    event.code === 'KeyO' &&
    event.altKey &&
    event.shiftKey &&
    !event.ctrlKey &&
    !event.metaKey &&
    !event.isComposing &&
    !event.repeat
  )
}

/** Inputs whose keys are not text (the same list tldraw uses to let its own shortcuts through). */
const NOT_TEXT_INPUTS = new Set(['checkbox', 'radio', 'range', 'button', 'file', 'reset', 'submit', 'color'])

interface KeyTarget {
  isContentEditable?: boolean
  tagName?: string
  type?: string
  readOnly?: boolean
}

/**
 * Whether a key pressed in `target` goes into text being written (a note or a title being edited, a field, a
 * list): a shortcut never takes it from there, so Alt+Shift+O stays a character on keyboards where it is one.
 */
export function isTypingInto(target: EventTarget | null): boolean {
  const element = target as KeyTarget | null
  if (!element) return false
  if (element.isContentEditable) return true
  switch (element.tagName) {
    case 'SELECT':
      return true
    case 'TEXTAREA':
      return !element.readOnly
    case 'INPUT':
      return !NOT_TEXT_INPUTS.has(element.type ?? 'text') && !element.readOnly
    default:
      return false
  }
}
