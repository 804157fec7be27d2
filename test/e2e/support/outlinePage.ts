import type { CDPSession, Page } from 'playwright-core'
import { expect } from 'vitest'
import type { LanguageCode } from '@cg/contract'
import type { CreatedBoard } from '../../support/boards.ts'

/** A board's outline link, with the secret of the link of `role`, as the board page's Outline button makes it. */
export function outlineUrl(serverUrl: string, board: CreatedBoard, role: keyof CreatedBoard['tokens']): string {
  return `${serverUrl}/b/${board.id}/outline#token=${board.tokens[role]}`
}

/**
 * Opens a board's outline as a person on the keyboard alone would: reading `language`, typing their name into the
 * first-visit prompt (it has the focus) and pressing Enter, then waiting until the board is read.
 */
export async function openOutline(page: Page, url: string, name: string, language: LanguageCode = 'en'): Promise<void> {
  if (language !== 'en') await page.addInitScript((code) => localStorage.setItem('cg.language', code), language)
  await page.goto(url)
  await page.locator('input[name="displayName"]:focus').waitFor({ timeout: 15_000 })
  await page.keyboard.type(name)
  await page.keyboard.press('Enter')
  await page.locator('[data-outline-ready]').waitFor({ timeout: 30_000 })
}

/** Presses Tab until the focus is on `selector` (a person tabbing through the page), at most `limit` times. */
export async function tabTo(page: Page, selector: string, limit = 30): Promise<void> {
  for (let i = 0; i < limit; i++) {
    if (await page.locator(`${selector}:focus`).count()) return
    await page.keyboard.press('Tab')
  }
  throw new Error(`Tab never reached ${selector}`)
}

/** The focused tree item's key (a note's shape id, a place's key). */
export function focusedKey(page: Page): Promise<string | null> {
  return page.evaluate<string | null>(`document.activeElement?.getAttribute('data-key') ?? null`)
}

/** The accessible name of the focused element, as Chromium's accessibility tree gives it ('' on the page itself). */
export async function focusedName(page: Page): Promise<string> {
  const focused = page.locator(':focus')
  if ((await focused.count()) === 0) return ''
  // `- treeitem "name" [level=3]`, the whole entry in YAML's single quotes when the name holds a colon.
  let entry = ((await focused.ariaSnapshot()).split('\n')[0] ?? '').replace(/^- /, '')
  if (entry.startsWith("'")) entry = entry.slice(1, -1).replaceAll("''", "'")
  const quoted = /^[\w-]+ ("(?:[^"\\]|\\.)*")/.exec(entry)?.[1]
  return quoted ? (JSON.parse(quoted) as string) : ''
}

/** The place a tree item is in: the item before it one level up (the tree is a flat list with levels). */
export function placeOf(page: Page, key: string): Promise<string | null> {
  return page.evaluate<string | null>(`(() => {
    const items = [...document.querySelectorAll('[role="treeitem"]')]
    const index = items.findIndex((item) => item.getAttribute('data-key') === ${JSON.stringify(key)})
    if (index < 0) return null
    const level = Number(items[index].getAttribute('aria-level'))
    for (let i = index - 1; i >= 0; i--)
      if (Number(items[i].getAttribute('aria-level')) === level - 1) return items[i].getAttribute('data-key')
    return null
  })()`)
}

/** The name a tree item is shown with (a place's label, without its count). */
export async function itemLabel(page: Page, key: string): Promise<string> {
  const item = page.locator(`[role="treeitem"][data-key="${key}"]`)
  return ((await item.locator('.cg-outline-place-name, .cg-outline-note-text').first().textContent()) ?? '').trim()
}

const sessions = new WeakMap<Page, CDPSession>()

/**
 * Presses the key of one character, in any script: Playwright's keyboard knows the US layout's keys only, so a
 * character of another (Arabic) is pressed as Chromium's own input would send it, a keydown with that key.
 */
export async function pressCharacter(page: Page, char: string): Promise<void> {
  if (/^[\x20-\x7e]$/.test(char)) return page.keyboard.press(char)
  let session = sessions.get(page)
  if (!session) sessions.set(page, (session = await page.context().newCDPSession(page)))
  await session.send('Input.dispatchKeyEvent', { type: 'keyDown', key: char, text: char, unmodifiedText: char })
  await session.send('Input.dispatchKeyEvent', { type: 'keyUp', key: char })
}

/** Types the start of a name into the tree (type-ahead), one key press per character, in any script. */
export async function typeAhead(page: Page, text: string): Promise<void> {
  for (const char of text) await pressCharacter(page, char)
}

/** Waits until the focused tree item is `key`. */
export async function expectFocusOn(page: Page, key: string): Promise<void> {
  await expect.poll(() => focusedKey(page), { timeout: 15_000 }).toBe(key)
}

/** Presses Tab until the focus is on the button named `name`. */
export async function tabToButton(page: Page, name: string, limit = 40): Promise<void> {
  for (let i = 0; i < limit; i++) {
    const tag = await page.evaluate<string | undefined>(`document.activeElement?.tagName`)
    if (tag === 'BUTTON' && (await focusedName(page)) === name) return
    await page.keyboard.press('Tab')
  }
  throw new Error(`Tab never reached the button “${name}”`)
}
