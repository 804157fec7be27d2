import { useEffect } from 'react'

/** Whether a key press lands in something the person types into (there, Alt+Shift+O may type a character). */
const isTyping = (target: EventTarget | null) =>
  target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))

/**
 * Alt+Shift+O goes back to the board (the board page's same keys come here), except while typing. Read by its
 * physical key: on a Mac, Alt+Shift+O types a character, which `event.key` would report instead.
 */
export function useBackToBoard(href: string): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!event.altKey || !event.shiftKey || event.ctrlKey || event.metaKey || event.code !== 'KeyO') return
      if (isTyping(event.target)) return
      event.preventDefault()
      location.assign(href)
    }
    window.addEventListener('keydown', onKeyDown)
    return () => window.removeEventListener('keydown', onKeyDown)
  }, [href])
}
