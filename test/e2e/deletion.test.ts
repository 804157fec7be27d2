import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { bearer, createBoard } from '../support/boards.ts'
import { makePng } from '../support/png.ts'
import { addStickyNote, joinBoard } from './support/boardPage.ts'
import { e2eSkipReason, openWatchedPage } from './support/browser.ts'
import { deleteBoardByApi, deletionOf, deviceTraces, homePageBoards, NO_TRACES } from './support/deviceTraces.ts'
import { useE2eEnvironment } from './support/e2eEnvironment.ts'
import { ar } from '../../apps/web/src/i18n/messages.ts'

const skip = e2eSkipReason()

const notes = (page: Page) => page.locator('.tl-shape[data-shape-type="note"]')
const SIZES = [
  { width: 1280, height: 800 },
  { width: 390, height: 844 },
]

/** Screenshots at a laptop's and a phone's size (kept out of git, in test-results/), then back to the laptop's. */
async function shoot(page: Page, name: string): Promise<void> {
  for (const size of SIZES) {
    await page.setViewportSize(size)
    await new Promise((resolve) => setTimeout(resolve, 400))
    await page.screenshot({ path: `test-results/deletion/${name}-${size.width}x${size.height}.png` })
  }
  await page.setViewportSize(SIZES[0]!)
}

/** The rooms a participant's browser caches of a board it opened: the board, the workshop room, their private room. */
async function expectBoardKept(page: Page, boardId: string): Promise<void> {
  await expect
    .poll(async () => (await deviceTraces(page, boardId)).databases.sort(), { timeout: 15_000 })
    .toEqual([`cg-board-${boardId}`, `cg-board-${boardId}:facilitation`, expect.stringMatching(/:private:/)])
  expect((await deviceTraces(page, boardId)).localStorage.sort()).toEqual(
    ['cg.recentBoards', `cg.offlineBoard.${boardId}`, `cg.privateKey.${boardId}`].sort(),
  )
}

/** Whether the page's focus is inside an open dialog. */
const focusInDialog = (page: Page) => page.evaluate(`document.activeElement?.closest('[role="dialog"]') !== null`)

/** Presses a button as a keyboard user does: focus on it (where Tab would bring them), then Enter. */
async function press(page: Page, name: string | RegExp): Promise<void> {
  await page.getByRole('button', { name, exact: typeof name === 'string' }).focus()
  await page.keyboard.press('Enter')
}

/** Errors the browser reports on its own for what the test does on purpose: a deleted board's 410, 404, closes. */
const unexpected = (errors: string[]) => errors.filter((error) => !/410|404|401|WebSocket|ERR_ABORTED/.test(error))

describe.skipIf(skip)('deleting a workshop', () => {
  const env = useE2eEnvironment('cg-e2e-deletion-')

  it('the facilitator types the title to delete, keyboard only; participants are told and keep nothing; Undo brings it back', async () => {
    const title = 'Risks and actions'
    const board = await createBoard(env.server.url, title)
    const facilitator = await openWatchedPage(env.browser)
    const amina = await openWatchedPage(env.browser)
    const fp = facilitator.page
    await joinBoard(fp, env.server.url + board.links.facilitator, 'Fatima')
    await joinBoard(amina.page, env.server.url + board.links.editor, 'Amina')
    await addStickyNote(fp, 'Early marriage', { x: 420, y: 360 })
    await addStickyNote(fp, 'School dropout', { x: 700, y: 360 })
    await expect.poll(() => notes(amina.page).count(), { timeout: 15_000 }).toBe(2)
    await expectBoardKept(amina.page, board.id)
    // The service worker keeps the app, never a board: a picture of the board fetched through it is not cached.
    await expect
      .poll(() => amina.page.evaluate('navigator.serviceWorker.controller !== null'), { timeout: 20_000 })
      .toBe(true)
    const uploaded = await fetch(`${env.server.url}/api/boards/${board.id}/assets`, {
      method: 'POST',
      headers: { ...bearer(board.tokens.editor), 'content-type': 'application/octet-stream' },
      body: makePng(4, 4, () => [200, 30, 30]),
    })
    const picture = ((await uploaded.json()) as { url: string }).url
    expect(await amina.page.evaluate(`fetch(${JSON.stringify(picture)}).then((answer) => answer.status)`)).toBe(200)
    expect((await deviceTraces(amina.page, board.id)).caches).toEqual([])

    // The dialog: opened from the panel's section, focus in the title field, trapped, Escape returns it.
    await press(fp, 'Facilitate')
    await press(fp, 'Delete this workshop…')
    const dialog = fp.getByRole('dialog', { name: 'Delete this workshop' })
    await dialog.waitFor()
    for (const what of ['every breakout board', 'versions', 'pictures and videos', 'exports', 'every link']) {
      await dialog.getByText(what, { exact: false }).first().waitFor()
    }
    const field = dialog.getByLabel(`To confirm, type the workshop’s title: ${title}`)
    await expect.poll(() => field.evaluate((input) => input === input.ownerDocument.activeElement)).toBe(true)
    await fp.keyboard.type('Risks and action')
    const moveToTrash = dialog.getByRole('button', { name: 'Move to trash' })
    const deleteNow = dialog.getByRole('button', { name: 'Delete now, for good' })
    expect(await moveToTrash.isDisabled()).toBe(true)
    expect(await deleteNow.isDisabled()).toBe(true)
    await fp.keyboard.press('Enter')
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(await dialog.isVisible()).toBe(true)
    for (let i = 0; i < 6; i++) {
      await fp.keyboard.press('Tab')
      expect(await focusInDialog(fp)).toBe(true)
    }
    await fp.keyboard.press('Escape')
    await dialog.waitFor({ state: 'detached' })
    await expect.poll(() => fp.evaluate('document.activeElement?.textContent')).toBe('Delete this workshop…')

    await fp.keyboard.press('Enter')
    await dialog.waitFor()
    await fp.keyboard.type(title)
    expect(await moveToTrash.isEnabled()).toBe(true)
    // "Delete now" says what it does beyond its name: the warning describes it.
    const warningId = await deleteNow.getAttribute('aria-describedby')
    expect(await fp.locator(`[id="${warningId}"]`).innerText()).toMatch(/skips the trash/)
    await shoot(fp, 'dialog-en')
    await field.focus()
    await fp.keyboard.press('Enter')

    // The participant: told in their language, and nothing of the board is left on the device.
    await amina.page.getByRole('heading', { name: 'This board was deleted' }).waitFor({ timeout: 15_000 })
    await amina.page.getByText('The copy of this board kept on this device has been removed.').waitFor()
    expect(await deviceTraces(amina.page, board.id)).toEqual(NO_TRACES)
    await shoot(amina.page, 'deleted-en')
    expect(await homePageBoards(amina.page, env.server.url)).not.toContain(title)
    expect(await deviceTraces(amina.page, board.id)).toEqual(NO_TRACES)

    // The facilitator's page reopens on the trash: when it goes for good, and Undo.
    await fp.getByRole('heading', { name: 'This workshop is in the trash' }).waitFor({ timeout: 15_000 })
    const deletion = await deletionOf(env.server.url, board.id, board.tokens.facilitator)
    const purgeDay = new Intl.DateTimeFormat('en', { dateStyle: 'long' }).format(new Date(deletion.purgeAt))
    await fp.getByText(`It will be gone for good on ${purgeDay}`, { exact: false }).waitFor()
    await fp.getByText('The copy of this board kept on this device has been removed.').waitFor()
    const kept = await deviceTraces(fp, board.id)
    expect(kept.databases).toEqual([])
    // Only the home page's entry stays: the facilitator link to come back and undo from.
    expect(kept.localStorage).toEqual(['cg.recentBoards'])
    await shoot(fp, 'trash-en')
    await press(fp, 'Undo deletion')
    await fp.locator('.tl-canvas').waitFor({ timeout: 30_000 })
    await expect.poll(() => notes(fp).count(), { timeout: 15_000 }).toBe(2)
    await amina.page.goto(env.server.url + board.links.editor)
    await expect.poll(() => notes(amina.page).count(), { timeout: 30_000 }).toBe(2)
    expect(unexpected(facilitator.errors)).toEqual([])
    expect(unexpected(amina.errors)).toEqual([])
  })

  it('in Arabic: the deleted page reads right to left, the trash page says the date in Arabic, and a purged board is forgotten on the next visit', async () => {
    const title = 'ورشة الحماية والتعليم'
    const board = await createBoard(env.server.url, title)
    const facilitator = await openWatchedPage(env.browser)
    const layla = await openWatchedPage(env.browser)
    const omar = await openWatchedPage(env.browser)
    const fp = facilitator.page
    await joinBoard(fp, env.server.url + board.links.facilitator, 'فاطمة', 'ar')
    await joinBoard(layla.page, env.server.url + board.links.editor, 'ليلى', 'ar')
    await joinBoard(omar.page, env.server.url + board.links.editor, 'عمر', 'ar')
    await addStickyNote(layla.page, 'الزواج المبكر', { x: 640, y: 380 })
    await expectBoardKept(layla.page, board.id)
    await expectBoardKept(omar.page, board.id)
    // Omar closes his tab: his browser keeps the board, and learns of the deletion only on his next visit.
    await omar.page.close()

    // The dialog in Arabic, typed and left with Escape: the deletion itself goes through the API.
    await press(fp, ar.facilitate)
    await press(fp, ar.deleteWorkshopOpen)
    const dialog = fp.getByRole('dialog', { name: ar.deleteWorkshop })
    await dialog.waitFor()
    await fp.keyboard.type(title)
    expect(await dialog.getByRole('button', { name: ar.moveToTrash }).isEnabled()).toBe(true)
    await shoot(fp, 'dialog-ar')
    await fp.keyboard.press('Escape')
    await dialog.waitFor({ state: 'detached' })
    const { deletion } = await deleteBoardByApi(env.server.url, board.id, board.tokens.facilitator)
    expect(deletion).not.toBeNull()

    await layla.page.getByRole('heading', { name: ar.boardDeletedTitle }).waitFor({ timeout: 15_000 })
    await layla.page.getByText(ar.deviceCopyRemoved).waitFor()
    expect(await layla.page.locator('html').getAttribute('dir')).toBe('rtl')
    expect(await deviceTraces(layla.page, board.id)).toEqual(NO_TRACES)
    await shoot(layla.page, 'deleted-ar')

    // The facilitator's trash, in Arabic: the purge date in Arabic words, then Delete now, for good.
    await fp.getByRole('heading', { name: ar.workshopInTrash }).waitFor({ timeout: 15_000 })
    const month = new Intl.DateTimeFormat('ar', { month: 'long' }).format(new Date(deletion!.purgeAt))
    await fp.getByText(`ستُحذف نهائيًا في`, { exact: false }).filter({ hasText: month }).waitFor()
    await shoot(fp, 'trash-ar')
    fp.once('dialog', (confirm) => void confirm.accept())
    await press(fp, ar.deleteNow)
    await fp.getByRole('heading', { name: ar.boardDeletedTitle }).waitFor({ timeout: 15_000 })
    await fp.getByText(ar.deviceCopyRemoved).waitFor()
    expect(await deviceTraces(fp, board.id)).toEqual(NO_TRACES)
    const gone = await fetch(`${env.server.url}/api/boards/${board.id}`, { headers: bearer(board.tokens.facilitator) })
    expect(gone.status).toBe(404)

    // Omar comes back: the board is purged (404), but his browser had it, so he is told, and it forgets it.
    const omarAgain = await omar.context.newPage()
    await omarAgain.goto(env.server.url + board.links.editor)
    await omarAgain.getByRole('heading', { name: ar.boardDeletedTitle }).waitFor({ timeout: 15_000 })
    await omarAgain.getByText(ar.deviceCopyRemoved).waitFor()
    expect(await deviceTraces(omarAgain, board.id)).toEqual(NO_TRACES)
    expect(await homePageBoards(omarAgain, env.server.url)).toEqual([])
    for (const page of [facilitator, layla, omar]) expect(unexpected(page.errors)).toEqual([])
  })

  it('a participant in a breakout group forgets the breakout and the plenary alike', async () => {
    const board = await createBoard(env.server.url, 'Group work')
    const created = await fetch(`${env.server.url}/api/boards/${board.id}/breakouts`, {
      method: 'POST',
      headers: { ...bearer(board.tokens.facilitator), 'content-type': 'application/json' },
      body: JSON.stringify({ groups: [{ name: 'Group 1' }] }),
    })
    const group = ((await created.json()) as { boards: { id: string }[] }).boards[0]!
    const sara = await openWatchedPage(env.browser)
    await joinBoard(sara.page, env.server.url + board.links.editor, 'Sara')
    await expectBoardKept(sara.page, board.id)
    // A breakout opens with its plenary's link.
    await sara.page.goto(`${env.server.url}/b/${group.id}#token=${board.tokens.editor}`)
    await sara.page.locator('.tl-canvas').waitFor({ timeout: 30_000 })
    await expect
      .poll(async () => (await deviceTraces(sara.page, group.id)).databases.sort(), { timeout: 15_000 })
      .toEqual([`cg-board-${group.id}`, expect.stringMatching(/:private:/)])
    await deleteBoardByApi(env.server.url, board.id, board.tokens.facilitator)
    await sara.page.getByRole('heading', { name: 'This board was deleted' }).waitFor({ timeout: 15_000 })
    await sara.page.getByText('The copy of this board kept on this device has been removed.').waitFor()
    expect(await deviceTraces(sara.page, group.id)).toEqual(NO_TRACES)
    expect(await deviceTraces(sara.page, board.id)).toEqual(NO_TRACES)
    expect(unexpected(sara.errors)).toEqual([])
  })

  it('a replaced link: the participant’s copy of the board goes with it', async () => {
    const board = await createBoard(env.server.url, 'Rotated')
    const paulo = await openWatchedPage(env.browser)
    await joinBoard(paulo.page, env.server.url + board.links.editor, 'Paulo')
    await expectBoardKept(paulo.page, board.id)
    const rotated = await fetch(`${env.server.url}/api/boards/${board.id}/links/rotate`, {
      method: 'POST',
      headers: { ...bearer(board.tokens.facilitator), 'content-type': 'application/json' },
      body: JSON.stringify({ facilitator: false }),
    })
    expect(rotated.status).toBe(200)
    await paulo.page.getByRole('heading', { name: 'This link was replaced' }).waitFor({ timeout: 15_000 })
    // Only the key of Paulo's private room stays: his drafts are his to reach again with the new link.
    await expect
      .poll(() => deviceTraces(paulo.page, board.id), { timeout: 15_000 })
      .toEqual({ ...NO_TRACES, localStorage: [`cg.privateKey.${board.id}`] })
    expect(unexpected(paulo.errors)).toEqual([])
  })
})
