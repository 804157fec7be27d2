import type { Page } from 'playwright-core'
import { expect } from 'vitest'
import type { LanguageCode } from '@cg/contract'
import { ar, en, es, fr, type Messages } from '../../../apps/web/src/i18n/messages.ts'

const MESSAGES: Record<LanguageCode, Messages> = { en, fr, es, ar }

/** Waits until the connection badge says `text` (e.g. "Connected"). */
export async function expectStatus(page: Page, text: string): Promise<void> {
  await expect.poll(() => page.getByRole('status').filter({ hasText: text }).count(), { timeout: 20_000 }).toBe(1)
}

/** Answers the first-visit name prompt, in the page's language, and waits until the board is live. */
export async function enterName(page: Page, name: string, ui: Messages = en): Promise<void> {
  await page.getByLabel(ui.displayNameLabel).fill(name)
  await page.getByRole('button', { name: ui.joinBoard }).click()
  await page.locator('.tl-canvas').waitFor({ timeout: 30_000 })
  await expectStatus(page, ui.statusConnected)
}

/**
 * Opens a board link as a person would: reading `language` (the choice the page remembers), answering the name
 * prompt, waiting until the board is live.
 */
export async function joinBoard(page: Page, url: string, name: string, language: LanguageCode = 'en'): Promise<void> {
  if (language !== 'en') await page.addInitScript((code) => localStorage.setItem('cg.language', code), language)
  await page.goto(url)
  await enterName(page, name, MESSAGES[language])
}

/** Places a sticky note with the toolbar's note tool, as a person would, and types into it. */
export async function addStickyNote(page: Page, text: string, at: { x: number; y: number }): Promise<void> {
  // The toolbar's tool rather than a shortcut: keyboard focus may be in a menu.
  await page.getByTestId('tools.note').click()
  await page.mouse.click(at.x, at.y)
  // Type only once the note's text editor has focus, as a person would see the caret first.
  await page.locator('[contenteditable="true"]:focus').waitFor({ timeout: 10_000 })
  await page.keyboard.type(text)
  await page.keyboard.press('Escape')
}

/** The names in tldraw's people menu (empty while nobody else is on the board). */
export async function peopleInMenu(page: Page): Promise<string[]> {
  // tldraw shows the people menu button only while someone else is on the board.
  const button = page.locator('.tlui-people-menu__avatars-button')
  const opened = await button.click({ timeout: 2_000 }).then(
    () => true,
    () => false,
  )
  if (!opened) return []
  const names = await page.locator('.tlui-people-menu__name').allInnerTexts()
  await page.keyboard.press('Escape')
  return names
}

/** The camera's zoom as tldraw's zoom menu button shows it, e.g. "400%". */
export function zoomShown(page: Page): Promise<string | null> {
  return page.getByTestId('minimap.zoom-menu-button').textContent()
}

/**
 * Zooms with an action of tldraw's zoom menu, as a mouse user would, and waits until the camera has settled at
 * `expected`: tldraw animates zoom, and a reading taken mid-animation proves nothing.
 */
export async function zoomWithMenu(
  page: Page,
  action: 'zoom-in' | 'zoom-out' | 'zoom-to-100',
  expected: string,
): Promise<void> {
  await page.getByTestId('minimap.zoom-menu-button').click()
  await page.getByTestId(`zoom-menu.${action}`).click()
  await page.keyboard.press('Escape')
  await expect.poll(() => zoomShown(page), { timeout: 5_000 }).toBe(expected)
}
