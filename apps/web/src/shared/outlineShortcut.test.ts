import { describe, expect, it } from 'vitest'
import { isOutlineShortcut, isTypingInto } from './outlineShortcut.ts'

const press = (overrides: Partial<Parameters<typeof isOutlineShortcut>[0]> = {}) => ({
  code: 'KeyO',
  altKey: true,
  shiftKey: true,
  ctrlKey: false,
  metaKey: false,
  isComposing: false,
  repeat: false,
  ...overrides,
})

describe('the outline shortcut', () => {
  it('is Alt+Shift and the O key, whatever character that key types on this keyboard', () => {
    expect(isOutlineShortcut(press())).toBe(true)
  })

  it('is not O alone, with one of the two modifiers, or with Ctrl or Cmd besides', () => {
    expect(isOutlineShortcut(press({ altKey: false, shiftKey: false }))).toBe(false)
    expect(isOutlineShortcut(press({ altKey: false }))).toBe(false)
    expect(isOutlineShortcut(press({ shiftKey: false }))).toBe(false)
    expect(isOutlineShortcut(press({ ctrlKey: true }))).toBe(false)
    expect(isOutlineShortcut(press({ metaKey: true }))).toBe(false)
    expect(isOutlineShortcut(press({ code: 'KeyP' }))).toBe(false)
  })

  it('ignores a key held down and a key that is part of an input method composition', () => {
    expect(isOutlineShortcut(press({ repeat: true }))).toBe(false)
    expect(isOutlineShortcut(press({ isComposing: true }))).toBe(false)
  })
})

describe('typing into text', () => {
  it('is editable text, a text field, a text area or a list', () => {
    expect(isTypingInto({ isContentEditable: true, tagName: 'DIV' } as unknown as EventTarget)).toBe(true)
    for (const type of ['text', 'search', 'email', 'number']) {
      expect(isTypingInto({ tagName: 'INPUT', type } as unknown as EventTarget), type).toBe(true)
    }
    expect(isTypingInto({ tagName: 'TEXTAREA' } as unknown as EventTarget)).toBe(true)
    expect(isTypingInto({ tagName: 'SELECT' } as unknown as EventTarget)).toBe(true)
  })

  it('is not a button, a check box, read-only text or the page itself', () => {
    expect(isTypingInto({ tagName: 'BUTTON' } as unknown as EventTarget)).toBe(false)
    expect(isTypingInto({ tagName: 'INPUT', type: 'checkbox' } as unknown as EventTarget)).toBe(false)
    expect(isTypingInto({ tagName: 'INPUT', type: 'text', readOnly: true } as unknown as EventTarget)).toBe(false)
    expect(isTypingInto({ tagName: 'TEXTAREA', readOnly: true } as unknown as EventTarget)).toBe(false)
    expect(isTypingInto({ tagName: 'BODY', isContentEditable: false } as unknown as EventTarget)).toBe(false)
    expect(isTypingInto(null)).toBe(false)
  })
})
