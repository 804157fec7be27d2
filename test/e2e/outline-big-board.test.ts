import { describe, expect, it } from 'vitest'
import { en } from '../../apps/web/src/i18n/messages.ts'
import { createBoard } from '../support/boards.ts'
import { connectSyncedClient } from '../support/yClient.ts'
import { NOTES_PER_FRAME, writeNoteBoard } from '../bench/noteBoard.ts'
import { e2eSkipReason, openWatchedPage } from './support/browser.ts'
import { useE2eEnvironment } from './support/e2eEnvironment.ts'
import { openOutline, outlineUrl, tabToButton } from './support/outlinePage.ts'

const skip = e2eSkipReason()
const NOTES = 1_000

/**
 * What a screen reader gets of a full-day board: Chromium's accessibility tree of the outline, everything expanded
 * ("Expand all", from the keyboard), holds every frame and every note by its words.
 */
describe.skipIf(skip)('the outline of a 1,000-note board', () => {
  const env = useE2eEnvironment('cg-e2e-outline-big-')

  it('shows every frame and every note in the accessibility tree', async () => {
    const board = await createBoard(env.server.url, 'Full-day plenary')
    const writer = await connectSyncedClient(env.server.url, board.id, board.tokens.editor)
    writeNoteBoard(writer.doc, NOTES)
    await writer.synced()
    writer.destroy()

    const { page, errors } = await openWatchedPage(env.browser)
    await openOutline(page, outlineUrl(env.server.url, board, 'viewer'), 'Victor')
    // A board this big opens at its frames, the first one open: other notes are drawn when their frame opens.
    const frames = NOTES / NOTES_PER_FRAME
    expect(await page.locator('[role="treeitem"]').count()).toBe(frames + NOTES_PER_FRAME)
    expect(await page.locator('[role="treeitem"][aria-level="1"][aria-expanded="true"]').count()).toBe(1)
    await tabToButton(page, en.outlineExpandAll)
    await page.keyboard.press('Enter')
    await expect.poll(() => page.locator('[data-outline-note]').count(), { timeout: 30_000 }).toBe(NOTES)

    const snapshot = await page.getByRole('tree').ariaSnapshot({ timeout: 60_000 })
    const frameNames = [...snapshot.matchAll(/treeitem "(Frame \d+)[^"]*"/g)].map((match) => match[1])
    expect(new Set(frameNames)).toEqual(new Set(Array.from({ length: frames }, (_, f) => `Frame ${f + 1}`)))
    const noteNames = new Set([...snapshot.matchAll(/treeitem "(Idea \d+\.\d+)/g)].map((match) => match[1]))
    const expected = Array.from(
      { length: NOTES },
      (_, i) => `Idea ${Math.floor(i / NOTES_PER_FRAME)}.${i % NOTES_PER_FRAME}`,
    )
    expect(expected.filter((name) => !noteNames.has(name))).toEqual([])
    expect(noteNames.size).toBe(NOTES)
    expect(errors).toEqual([])
  })
})
