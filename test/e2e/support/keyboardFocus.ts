import type { Locator, Page } from 'playwright-core'
import { expect } from 'vitest'

/*
 * Moving through a page with the keyboard alone, as a person who uses no mouse does (no mouse event here: Tab,
 * Shift+Tab, and the checks of where the focus is), with failure messages that say where the focus went.
 */

/** Whether the page's focus is on `target`. */
export const hasFocus = (target: Locator) =>
  target.evaluate((element) => element === element.ownerDocument.activeElement)

/** The focused element as a person hears it (its role and name, shortened), for failure messages. */
export const focusedName = (page: Page): Promise<string> =>
  page.evaluate(`(() => {
    const element = document.activeElement
    if (!element || element === document.body) return '(nothing: the page itself)'
    const name = (element.getAttribute('aria-label') ?? element.innerText ?? element.value ?? '').trim().slice(0, 50)
    return element.tagName.toLowerCase() + ' “' + name + '”'
  })()`)

/**
 * Presses Tab (or Shift+Tab) until `target` has the focus, as a keyboard user moves through the page, and fails if
 * it never comes (the control is out of the focus order), saying where the focus went instead.
 */
export async function tabTo(page: Page, target: Locator, { backwards = false, most = 80 } = {}): Promise<void> {
  const path: string[] = []
  for (let presses = 0; presses < most; presses++) {
    if (await hasFocus(target)) return
    path.push(await focusedName(page))
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab')
  }
  expect(
    await hasFocus(target),
    `${most} presses of Tab never reached it; the focus went: ${path.slice(0, 25).join(' → ')}`,
  ).toBe(true)
}

/** Fails unless the focused element shows where the focus is, as a sighted keyboard user needs to see it. */
export async function expectVisibleFocus(page: Page, what: string): Promise<void> {
  // Our pages draw the focus as an outline (styles/pages.css), shown for keyboard focus (:focus-visible).
  const outlined: boolean = await page.evaluate(`(() => {
    const style = getComputedStyle(document.activeElement)
    return style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2
  })()`)
  expect(outlined, `no visible focus on ${what}: ${await focusedName(page)}`).toBe(true)
}

/** Whether the focus is inside the open dialog. */
export const focusInDialog = (page: Page): Promise<boolean> =>
  page.evaluate(`document.activeElement?.closest('[role="dialog"]') != null`)

/** Tabs `presses` times forwards and checks the focus never leaves the dialog (a modal keeps it). */
export async function expectFocusTrapped(page: Page, presses = 12): Promise<void> {
  for (let press = 0; press < presses; press++) {
    await page.keyboard.press('Tab')
    expect(await focusInDialog(page), `Tab left the dialog for ${await focusedName(page)}`).toBe(true)
  }
}

/** After a dialog or panel closes: the focus is back on the control that opened it. */
export async function expectFocusBackOn(page: Page, opener: Locator, what: string): Promise<void> {
  await expect
    .poll(() => hasFocus(opener), { message: `${what}: the focus went to ${await focusedName(page)}` })
    .toBe(true)
}
