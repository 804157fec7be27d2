import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { createBoard, type CreatedBoard } from '../support/boards.ts'
import { enterName, joinBoard } from './support/boardPage.ts'
import { boardRecords } from './support/boardRecords.ts'
import { e2eSkipReason, openWatchedPage } from './support/browser.ts'
import { useE2eEnvironment } from './support/e2eEnvironment.ts'

const skip = e2eSkipReason()

/** Every note's plain text on the board as the server holds it. */
async function storedNoteTexts(url: string, board: CreatedBoard): Promise<string[]> {
  const texts: string[] = []
  for (const record of (await boardRecords(url, board)).values()) {
    const shape = record as { type?: string; props?: { richText?: unknown } }
    if (shape.type !== 'note') continue
    const words: string[] = []
    const walk = (node: unknown) => {
      const { text, content } = node as { text?: string; content?: unknown[] }
      if (text) words.push(text)
      content?.forEach(walk)
    }
    walk(shape.props?.richText)
    texts.push(words.join(''))
  }
  return texts.sort()
}

/**
 * Holds the page's zero- and 100-millisecond timers until released, to play out on demand the moment after a note's
 * text editor takes focus and before the editor's own deferred focus calls run (TipTap's autofocus, a tick later;
 * tldraw's caret to the end, 100 ms later): the window in which a fast typist's first key once went astray.
 */
async function holdTimers(page: Page): Promise<void> {
  await page.addInitScript(() => {
    // Runs in the page: `globalThis` is its window.
    const page = globalThis as unknown as {
      setTimeout: (fn: unknown, ms?: number, ...args: unknown[]) => number
      cgHold: boolean
      cgRelease: (ms: number) => void
    }
    const held: { fn: () => void; ms: number }[] = []
    const realSetTimeout = page.setTimeout.bind(globalThis)
    page.cgHold = false
    page.setTimeout = (fn, ms, ...args) => {
      if (page.cgHold && typeof fn === 'function' && (!ms || ms === 100)) {
        held.push({ fn: () => (fn as (...rest: unknown[]) => void)(...args), ms: ms ?? 0 })
        return 0
      }
      return realSetTimeout(fn, ms, ...args)
    }
    page.cgRelease = (ms) => {
      const due = held.filter((entry) => entry.ms === ms)
      held.splice(0, held.length, ...held.filter((entry) => entry.ms !== ms))
      for (const timer of due) timer.fn()
    }
  })
}

describe.skipIf(skip)('typing into fresh notes', () => {
  const env = useE2eEnvironment('cg-e2e-typing-')

  it('keeps the first key first when the editor’s deferred focus runs between the first two keys', async () => {
    const board = await createBoard(env.server.url, 'Typing race')
    const { page, errors } = await openWatchedPage(env.browser)
    await holdTimers(page)
    await page.goto(env.server.url + board.links.editor)
    await enterName(page, 'Khadija')
    await page.getByTestId('tools.note').click()
    await page.evaluate(() => ((globalThis as unknown as { cgHold: boolean }).cgHold = true))
    await page.mouse.click(640, 420)
    await page.locator('[contenteditable="true"]:focus').waitFor({ timeout: 10_000 })
    await page.keyboard.type('T')
    await page.evaluate(() => (globalThis as unknown as { cgRelease: (ms: number) => void }).cgRelease(0))
    await page.keyboard.type('e')
    await page.evaluate(() => (globalThis as unknown as { cgRelease: (ms: number) => void }).cgRelease(100))
    await page.evaluate(() => ((globalThis as unknown as { cgHold: boolean }).cgHold = false))
    await page.keyboard.type('achers trained in PFA')
    await page.keyboard.press('Escape')
    await expect
      .poll(() => storedNoteTexts(env.server.url, board), { timeout: 10_000 })
      .toEqual(['Teachers trained in PFA'])
    expect(errors).toEqual([])
  })

  it('stores exactly what was typed into twenty fresh notes, typed at full speed from the first moment', async () => {
    const board = await createBoard(env.server.url, 'Typing at speed')
    const { page, errors } = await openWatchedPage(env.browser)
    await joinBoard(page, env.server.url + board.links.editor, 'Omar')
    // A second person on the board, so the typist's tab also applies remote changes while they type.
    const other = await openWatchedPage(env.browser)
    await joinBoard(other.page, env.server.url + board.links.editor, 'Lina')
    const typed: string[] = []
    for (let n = 0; n < 20; n++) {
      const text = `Teachers trained in PFA ${n}`
      typed.push(text)
      await page.getByTestId('tools.note').click()
      await page.mouse.click(200 + (n % 5) * 220, 250 + Math.floor(n / 5) * 130)
      // No waiting for the caret: the keys go in as soon as the note exists.
      await page.keyboard.type(text)
      await page.keyboard.press('Escape')
      await page.keyboard.press('Escape')
    }
    await expect.poll(() => storedNoteTexts(env.server.url, board), { timeout: 15_000 }).toEqual(typed.sort())
    expect([...errors, ...other.errors]).toEqual([])
  })
})
