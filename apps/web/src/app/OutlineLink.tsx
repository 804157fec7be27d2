import { useEffect } from 'react'
import { useI18n } from '../i18n/I18nProvider.tsx'
import { outlineLink } from '../shared/boardLink.ts'
import { isOutlineShortcut, isTypingInto, OUTLINE_SHORTCUT } from '../shared/outlineShortcut.ts'

/**
 * The board as an outline (a page of its own that never loads the canvas: for screen readers, the keyboard alone,
 * slow links): a link in the bar above the canvas, next to the board's title and early in the tab order, and
 * Alt+Shift+O anywhere on the board page but in text being written.
 */
export function OutlineLink({ boardId, token }: { boardId: string; token: string }) {
  const { t } = useI18n()
  const href = outlineLink(boardId, token)
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      // On the window, so after tldraw's own listener on the body: a key tldraw or a menu took is left to them.
      if (event.defaultPrevented || !isOutlineShortcut(event) || isTypingInto(event.target)) return
      event.preventDefault()
      location.assign(href)
    }
    window.addEventListener('keydown', onKeyDown)
    return () => window.removeEventListener('keydown', onKeyDown)
  }, [href])
  return (
    <a href={href} className="cg-outline-link" title={t('openOutlineHint')} aria-keyshortcuts={OUTLINE_SHORTCUT}>
      {t('openOutline')}
    </a>
  )
}
