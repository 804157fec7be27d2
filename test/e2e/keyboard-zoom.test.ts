import { describe, expect, it } from 'vitest'
import { createBoard } from '../support/boards.ts'
import { enterName, zoomShown } from './support/boardPage.ts'
import { e2eSkipReason, openWatchedPage } from './support/browser.ts'
import { useE2eEnvironment } from './support/e2eEnvironment.ts'

const skip = e2eSkipReason()

// tldraw's documented zoom shortcuts, in the order pressed, and the zoom each one settles at. Shifted keys are
// included on purpose: they are what a Chromium update is most likely to map differently.
const SHORTCUTS: [key: string, settlesAt: string][] = [
  ['=', '200%'],
  ['Shift+=', '400%'],
  ['-', '200%'],
  ['Shift+-', '100%'],
  ['Control+=', '200%'],
  ['Control+-', '100%'],
  ['=', '200%'],
  ['Shift+0', '100%'],
]

describe.skipIf(skip)('zooming a board with the keyboard in Chromium', () => {
  const env = useE2eEnvironment('cg-e2e-keyboard-zoom-')

  it('follows every zoom shortcut tldraw documents', async () => {
    const board = await createBoard(env.server.url, 'Keyboard zoom')
    const { page, errors } = await openWatchedPage(env.browser)
    await page.goto(env.server.url + board.links.facilitator)
    await enterName(page, 'Fatima')
    await page.locator('.tl-canvas').click({ position: { x: 640, y: 400 } })
    expect(await zoomShown(page)).toBe('100%')
    for (const [key, settlesAt] of SHORTCUTS) {
      await page.keyboard.press(key)
      // Read back once tldraw's zoom animation has settled; a key pressed mid-animation would only restart it.
      await expect.poll(() => zoomShown(page), { timeout: 5_000, message: `after ${key}` }).toBe(settlesAt)
    }
    expect(errors).toEqual([])
  })
})
