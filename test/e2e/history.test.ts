import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { createBoard } from '../support/boards.ts'
import { addStickyNote, enterName } from './support/boardPage.ts'
import { e2eSkipReason, openWatchedPage } from './support/browser.ts'
import { useE2eEnvironment } from './support/e2eEnvironment.ts'

const skip = e2eSkipReason()

const notes = (page: Page) => page.locator('.tl-shape[data-shape-type="note"]')

describe.skipIf(skip)('board history in Chromium: a facilitator restores what a participant deleted', () => {
  const env = useE2eEnvironment('cg-e2e-history-')

  it('saves a version, previews it read-only, restores it, and everyone sees the notes back with a notice', async () => {
    const board = await createBoard(env.server.url, 'Risks and actions')
    const facilitator = await openWatchedPage(env.browser)
    const amina = await openWatchedPage(env.browser)
    await facilitator.page.goto(env.server.url + board.links.facilitator)
    await enterName(facilitator.page, 'Fatima')
    await amina.page.goto(env.server.url + board.links.editor)
    await enterName(amina.page, 'Amina')
    for (const [i, text] of ['Early marriage', 'School dropout', 'Child labour', 'Violence at home'].entries()) {
      await addStickyNote(facilitator.page, text, { x: 320 + (i % 2) * 260, y: 260 + Math.floor(i / 2) * 260 })
    }
    await expect.poll(() => notes(amina.page).count(), { timeout: 15_000 }).toBe(4)

    // The facilitator saves a version with a name.
    await facilitator.page.getByRole('button', { name: 'Facilitate', exact: true }).click()
    const history = facilitator.page.locator('.cg-history')
    await history.getByLabel('Name of a version to save now').fill('Before voting')
    await history.getByRole('button', { name: 'Save a version' }).click()
    await history.getByText('Version saved.').waitFor({ timeout: 15_000 })
    await history.getByText('Before voting').waitFor()

    // A participant deletes everything.
    await amina.page.locator('.tl-canvas').click({ position: { x: 900, y: 650 } })
    await amina.page.keyboard.press('Control+a')
    await amina.page.keyboard.press('Delete')
    await expect.poll(() => notes(facilitator.page).count(), { timeout: 15_000 }).toBe(0)

    // The version opens read-only in its own tab, with the four notes.
    await history.getByRole('button', { name: 'Refresh' }).click()
    const named = history.locator('li').filter({ hasText: 'Before voting' })
    await named.getByText('4 shapes').waitFor({ timeout: 15_000 })
    // The server also kept the board as it was just before the deletion, on its own.
    await history.getByText('Before many shapes were deleted').first().waitFor()
    const [preview] = await Promise.all([
      facilitator.context.waitForEvent('page'),
      named.getByRole('button', { name: /^Look at the version of/ }).click(),
    ])
    await preview.getByText('A look only: nothing here changes the board.').waitFor({ timeout: 15_000 })
    await expect.poll(() => notes(preview).count(), { timeout: 15_000 }).toBe(4)
    await preview.screenshot({ path: 'test-results/history-preview.png' })
    await preview.close()

    // Restored, after confirmation: both see the notes back, and the participant is told.
    facilitator.page.once('dialog', (dialog) => void dialog.accept())
    await named.getByRole('button', { name: /^Restore the version of/ }).click()
    for (const page of [facilitator.page, amina.page]) {
      await expect.poll(() => notes(page).count(), { timeout: 15_000 }).toBe(4)
    }
    await amina.page.getByText(/^The board was restored to /).waitFor({ timeout: 15_000 })
    await facilitator.page.screenshot({ path: 'test-results/history-panel.png' })
    await amina.page.screenshot({ path: 'test-results/history-restored-notice.png' })
    // The restore itself can be undone: the board as it was just before it is in the list.
    await history.getByText('Before a restore').waitFor({ timeout: 15_000 })
    for (const page of [facilitator, amina]) {
      expect(page.errors.filter((error) => !/WebSocket|ERR_ABORTED/.test(error))).toEqual([])
    }
  })
})
