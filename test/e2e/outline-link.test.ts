import { describe, expect, it } from 'vitest'
import { PageRoutes, type LanguageCode } from '@cg/contract'
import { ar, en } from '../../apps/web/src/i18n/messages.ts'
import { createBoard } from '../support/boards.ts'
import { joinBoard } from './support/boardPage.ts'
import { e2eSkipReason, openWatchedPage } from './support/browser.ts'
import { useE2eEnvironment } from './support/e2eEnvironment.ts'

const skip = e2eSkipReason()
const MESSAGES = { en, ar }
/** The outline's key, as Playwright names it: the O key's place, whatever it types on the reader's keyboard. */
const OUTLINE_KEY = 'Alt+Shift+KeyO'

describe.skipIf(skip)('the way from the board to its outline', () => {
  const env = useE2eEnvironment('cg-e2e-outline-link-')

  it.each(['en', 'ar'] as const satisfies LanguageCode[])(
    'in %s: a link in the bar, reached early with Tab, and Alt+Shift+O, never from a note being written',
    async (code) => {
      const ui = MESSAGES[code]
      const board = await createBoard(env.server.url, `Outline link ${code}`)
      const { page, errors } = await openWatchedPage(env.browser)
      await joinBoard(page, env.server.url + board.links.editor, 'Amina', code)
      const outlinePath = PageRoutes.outline.path({ id: board.id })

      // A link named in the reader's language, with the same secret as the board's link, saying what it is for.
      const link = page.getByRole('link', { name: ui.openOutline, exact: true })
      expect(await link.getAttribute('href')).toBe(`${outlinePath}#token=${board.tokens.editor}`)
      expect(await link.getAttribute('title')).toBe(ui.openOutlineHint)
      expect(await link.getAttribute('aria-keyshortcuts')).toBe('Alt+Shift+O')

      // The next stop of the keyboard after the home link, its focus shown.
      await page.getByRole('link', { name: ui.appName, exact: true }).focus()
      await page.keyboard.press('Tab')
      const focused = await page.evaluate(`({
        text: document.activeElement.textContent,
        outline: getComputedStyle(document.activeElement).outlineStyle,
      })`)
      expect(focused).toEqual({ text: ui.openOutline, outline: 'solid' })

      // Writing a note, the keys stay in the note: the page stays, the note takes what is typed after them.
      await page.getByTestId('tools.note').click()
      await page.mouse.click(640, 450)
      await page.locator('[contenteditable="true"]:focus').waitFor({ timeout: 10_000 })
      await page.keyboard.type('Water points')
      await page.keyboard.press(OUTLINE_KEY)
      await page.keyboard.type(' near schools')
      await page.keyboard.press('Escape')
      await expect
        .poll(() => page.locator('.tl-shape[data-shape-type="note"]').allInnerTexts())
        .toEqual(['Water points near schools'])
      expect(new URL(page.url()).pathname).toBe(PageRoutes.board.path({ id: board.id }))

      // On the canvas, the same keys go to the outline, a page without the canvas, with the link's secret.
      const [navigated, response] = await Promise.all([
        page.waitForEvent('framenavigated', (frame) => new URL(frame.url()).pathname === outlinePath),
        page.waitForEvent('response', (answer) => new URL(answer.url()).pathname === outlinePath),
        page.keyboard.press(OUTLINE_KEY),
      ])
      expect(response.status()).toBe(200)
      expect(new URL(navigated.url()).hash).toBe(`#token=${board.tokens.editor}`)
      await page.waitForLoadState('load')
      expect(await page.locator('.tl-container').count()).toBe(0)
      expect(errors).toEqual([])
    },
  )
})
