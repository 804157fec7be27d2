import { readFile } from 'node:fs/promises'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { bearer, createBoard } from '../support/boards.ts'
import { addStickyNote, joinBoard } from './support/boardPage.ts'
import { e2eSkipReason, openWatchedPage } from './support/browser.ts'
import { deviceTraces, homePageBoards, NO_TRACES } from './support/deviceTraces.ts'
import { useE2eEnvironment } from './support/e2eEnvironment.ts'
import { ar, en } from '../../apps/web/src/i18n/messages.ts'

const skip = e2eSkipReason()
const DAY_MS = 24 * 60 * 60 * 1000
const SIZES = [
  { width: 1280, height: 800 },
  { width: 390, height: 844 },
]

/** Screenshots at a laptop's and a phone's size (kept out of git, in test-results/), then back to the laptop's. */
async function shoot(page: Page, name: string): Promise<void> {
  for (const size of SIZES) {
    await page.setViewportSize(size)
    await new Promise((resolve) => setTimeout(resolve, 400))
    if ((await page.locator('.cg-retention-notice').count()) > 0) await expectNoticeCoversNothing(page)
    await page.screenshot({ path: `test-results/retention/${name}-${size.width}x${size.height}.png` })
  }
  await page.setViewportSize(SIZES[0]!)
}

/** The notice lies in its own row: above the workshop bar and the canvas, below the top bar, overlapping none. */
async function expectNoticeCoversNothing(page: Page): Promise<void> {
  const box = async (selector: string) => (await page.locator(selector).first().boundingBox())!
  const notice = await box('.cg-retention-notice')
  const top = await box('.cg-topbar')
  const bar = await box('.cg-workshop-bar')
  const canvas = await box('.tl-canvas')
  expect(notice.y).toBeGreaterThanOrEqual(top.y + top.height - 1)
  expect(bar.y).toBeGreaterThanOrEqual(notice.y + notice.height - 1)
  expect(canvas.y).toBeGreaterThanOrEqual(notice.y + notice.height - 1)
}

/** `POST /api/boards/:id/retention` with the facilitator's token. */
async function setRetention(
  serverUrl: string,
  boardId: string,
  token: string,
  retention: { deleteOn: string | null; linksExpireAt: string | null },
): Promise<void> {
  const response = await fetch(`${serverUrl}/api/boards/${boardId}/retention`, {
    method: 'POST',
    headers: { ...bearer(token), 'content-type': 'application/json' },
    body: JSON.stringify(retention),
  })
  if (!response.ok) throw new Error(`setting retention failed: ${response.status} ${await response.text()}`)
}

/** A day as a date field takes it, in this machine's time zone (the browser's too). */
function dayIn(days: number): { field: string; date: Date } {
  const date = new Date(Date.now() + days * DAY_MS)
  const pad = (n: number) => String(n).padStart(2, '0')
  return { field: `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`, date }
}

/** Starts the agenda's first item from the CPMS session plan: the workshop bar shows the item and its timer. */
async function startTimer(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Start from the CPMS “Working across sectors” session plan' }).click()
  await page.getByRole('button', { name: 'Start: Introduction' }).click()
  await page.getByRole('timer').waitFor({ timeout: 15_000 })
}

/**
 * Errors the browser reports on its own for what the test does on purpose: an expired link's 401 and closes, the
 * 400 of a date in the past.
 */
const unexpected = (errors: string[]) => errors.filter((error) => !/400|401|WebSocket|ERR_ABORTED/.test(error))

describe.skipIf(skip)('retention: dates, the notice a week before, expired links, and the activity log', () => {
  // A short sweep: links that expire a few seconds ahead are closed within the test. Idle deletion on, far off.
  const env = useE2eEnvironment('cg-e2e-retention-', { PURGE_SWEEP_MS: '500', RETAIN_IDLE_DAYS: '30' })

  it('an expired link: the participant’s page is told in their language and the device keeps no trace', async () => {
    const title = 'Referral pathways'
    const board = await createBoard(env.server.url, title)
    const amina = await openWatchedPage(env.browser)
    const layla = await openWatchedPage(env.browser)
    await joinBoard(amina.page, env.server.url + board.links.editor, 'Amina')
    await joinBoard(layla.page, env.server.url + board.links.viewer, 'ليلى', 'ar')
    await addStickyNote(amina.page, 'Safe spaces', { x: 520, y: 380 })
    await expect
      .poll(async () => (await deviceTraces(amina.page, board.id)).databases.length, { timeout: 15_000 })
      .toBe(3)
    expect((await deviceTraces(layla.page, board.id)).localStorage).toContain(`cg.offlineBoard.${board.id}`)

    const expiresAt = new Date(Date.now() + 4_000).toISOString()
    await setRetention(env.server.url, board.id, board.tokens.facilitator, { deleteOn: null, linksExpireAt: expiresAt })

    // The sweep closes the sockets (4401 link-expired): each page says so, and forgets the workshop.
    await amina.page.getByRole('heading', { name: en.linkExpired }).waitFor({ timeout: 20_000 })
    // The server's 401 says when: the page says it in the person's language.
    const expiredDay = new Intl.DateTimeFormat('en', { dateStyle: 'long' }).format(new Date(expiresAt))
    await amina.page.getByText(`This link expired on ${expiredDay}`, { exact: false }).waitFor({ timeout: 10_000 })
    await amina.page.getByText(en.linkExpiredHelp, { exact: false }).waitFor()
    await amina.page.getByText(en.deviceCopyRemoved).waitFor()
    expect(await deviceTraces(amina.page, board.id)).toEqual(NO_TRACES)
    await layla.page.getByRole('heading', { name: ar.linkExpired }).waitFor({ timeout: 20_000 })
    await layla.page.getByText(ar.deviceCopyRemoved).waitFor()
    const arabicMonth = new Intl.DateTimeFormat('ar', { month: 'long' }).format(new Date(expiresAt))
    await layla.page
      .getByText('انتهت صلاحية هذا الرابط في', { exact: false })
      .filter({ hasText: arabicMonth })
      .waitFor()
    expect(await layla.page.locator('html').getAttribute('dir')).toBe('rtl')
    expect(await deviceTraces(layla.page, board.id)).toEqual(NO_TRACES)
    await layla.page.screenshot({ path: 'test-results/retention/link-expired-ar.png' })
    expect(await homePageBoards(amina.page, env.server.url)).not.toContain(title)
    expect(await deviceTraces(amina.page, board.id)).toEqual(NO_TRACES)

    // The link again, from the address bar: 401 link-expired, and still nothing kept.
    await amina.page.goto(env.server.url + board.links.editor)
    await amina.page.getByRole('heading', { name: en.linkExpired }).waitFor({ timeout: 15_000 })
    expect(await deviceTraces(amina.page, board.id)).toEqual(NO_TRACES)
    for (const page of [amina, layla]) expect(unexpected(page.errors)).toEqual([])
  })

  it('a deletion date within a week: everyone is told, with the PDF for a participant and the backup for the facilitator', async () => {
    const board = await createBoard(env.server.url, 'Case management review')
    const facilitator = await openWatchedPage(env.browser)
    const fp = facilitator.page
    await joinBoard(fp, env.server.url + board.links.facilitator, 'Fatima')
    await addStickyNote(fp, 'Caseload per worker', { x: 520, y: 420 })
    await fp.getByRole('button', { name: 'Facilitate' }).click()
    await startTimer(fp)

    // The server's idle rule, said with the date it would apply.
    const section = fp.getByRole('region', { name: en.retention })
    const idleDay = new Intl.DateTimeFormat('en', { dateStyle: 'long' }).format(new Date(Date.now() + 30 * DAY_MS))
    await section.getByText('This server deletes a workshop that nobody opens for 30 days.', { exact: false }).waitFor()
    await section.getByText(`If nobody opens this one, that will be on ${idleDay}`, { exact: false }).waitFor()

    // A day already gone (typed past the field's minimum): the server refuses it, and the page says so.
    const field = fp.getByLabel(en.retentionDeleteOn, { exact: true })
    await field.fill(dayIn(-2).field)
    await section.getByRole('button', { name: en.retentionSave }).click()
    await section.getByRole('alert').filter({ hasText: en.retentionInvalid }).waitFor()

    // The facilitator picks the day, keyboard only, and saves: the notice shows on their page at once.
    const day = dayIn(3)
    await field.focus()
    await field.fill(day.field)
    await fp.getByRole('button', { name: en.retentionSave }).focus()
    await fp.keyboard.press('Enter')
    await fp.getByText(en.retentionSaved).waitFor()
    await shoot(fp, 'retention-section-en')
    const longDay = new Intl.DateTimeFormat('en', { dateStyle: 'long' }).format(day.date)
    const notice = fp.getByRole('region', { name: en.retentionNotice })
    await notice.getByText(`This workshop will be deleted on ${longDay}`, { exact: false }).waitFor()
    await notice
      .getByText('in 3 days', { exact: false })
      .or(notice.getByText('in 4 days', { exact: false }))
      .waitFor()
    // Closing the panel: the notice stays, above the bar with the running timer.
    await fp.getByRole('button', { name: 'Facilitate' }).click()
    await shoot(fp, 'notice-facilitator-en')
    const downloading = fp.waitForEvent('download')
    await notice.getByRole('button', { name: en.downloadBackup }).click()
    expect((await downloading).suggestedFilename()).toMatch(/\.cgboard\.json$/)

    // A participant opening the board: told, with the PDF through the export's own dialog.
    const amina = await openWatchedPage(env.browser)
    await joinBoard(amina.page, env.server.url + board.links.editor, 'Amina')
    const aminaNotice = amina.page.getByRole('region', { name: en.retentionNotice })
    await aminaNotice.getByText(`This workshop will be deleted on ${longDay}`, { exact: false }).waitFor()
    expect(await aminaNotice.getByRole('button', { name: en.downloadBackup }).count()).toBe(0)
    await amina.page.getByRole('timer').waitFor()
    await shoot(amina.page, 'notice-participant-en')
    await aminaNotice.getByRole('button', { name: en.downloadPdf }).click()
    const dialog = amina.page.getByRole('dialog')
    await dialog.getByRole('button', { name: 'Export PDF', exact: true }).waitFor()
    const pdf = amina.page.waitForEvent('download', { timeout: 90_000 })
    await dialog.getByRole('button', { name: 'Export PDF', exact: true }).click()
    expect((await pdf).suggestedFilename()).toMatch(/\.pdf$/)
    await amina.page.keyboard.press('Escape')

    // Hidden for this tab's session: a reload keeps it hidden.
    await aminaNotice.getByRole('button', { name: en.hideNotice }).click()
    await aminaNotice.waitFor({ state: 'detached' })
    await amina.page.reload()
    await amina.page.locator('.tl-canvas').waitFor({ timeout: 30_000 })
    await amina.page.getByRole('timer').waitFor()
    expect(await amina.page.locator('.cg-retention-notice').count()).toBe(0)

    // In Arabic, right to left, for a viewer whose link also stops working within the week.
    const linksDay = dayIn(2)
    await setRetention(env.server.url, board.id, board.tokens.facilitator, {
      deleteOn: new Date(day.date.getTime()).toISOString(),
      linksExpireAt: linksDay.date.toISOString(),
    })
    const layla = await openWatchedPage(env.browser)
    await joinBoard(layla.page, env.server.url + board.links.viewer, 'ليلى', 'ar')
    const laylaNotice = layla.page.getByRole('region', { name: ar.retentionNotice })
    await laylaNotice.getByText('ستُحذف هذه الورشة في', { exact: false }).waitFor({ timeout: 15_000 })
    await laylaNotice.getByText('سيتوقف رابطك عن العمل في', { exact: false }).waitFor()
    expect(await laylaNotice.getAttribute('dir')).toBe('rtl')
    await layla.page.getByRole('timer').waitFor()
    await shoot(layla.page, 'notice-viewer-ar')
    for (const page of [facilitator, amina, layla]) expect(unexpected(page.errors)).toEqual([])
  })

  it('the Activity section lists a participant’s join with their Arabic name and a backup download, and its CSV downloads', async () => {
    const board = await createBoard(env.server.url, 'Protection monitoring')
    const facilitator = await openWatchedPage(env.browser)
    const fp = facilitator.page
    await joinBoard(fp, env.server.url + board.links.facilitator, 'Fatima')
    const maryam = await openWatchedPage(env.browser)
    await joinBoard(maryam.page, env.server.url + board.links.editor, 'مريم')
    await fp.getByRole('button', { name: 'Facilitate' }).click()
    const downloading = fp.waitForEvent('download')
    await fp.getByRole('region', { name: 'Backup' }).getByRole('button', { name: en.downloadBackup }).click()
    await downloading

    // Keyboard only: Refresh, then read the list.
    const activity = fp.getByRole('region', { name: en.activity })
    await activity.getByRole('button', { name: en.activityRefresh }).focus()
    await fp.keyboard.press('Enter')
    const list = activity.getByRole('list', { name: en.activity })
    const joined = list.getByRole('listitem').filter({ hasText: 'مريم' }).filter({ hasText: en.auditJoined })
    await expect
      .poll(
        async () => {
          if ((await joined.count()) > 0) return true
          await activity.getByRole('button', { name: en.activityRefresh }).click()
          return false
        },
        { timeout: 20_000, interval: 1_000 },
      )
      .toBe(true)
    expect(await joined.first().innerText()).toContain(en.roleEditor)
    expect(await joined.first().innerText()).toContain(en.auditPlenary)
    const backup = list.getByRole('listitem').filter({ hasText: en.auditBackupDownloaded })
    expect(await backup.first().innerText()).toContain('Fatima')
    // Newest first: the backup came after Maryam joined.
    const items = await list.getByRole('listitem').allInnerTexts()
    expect(items.findIndex((text) => text.includes(en.auditBackupDownloaded))).toBeLessThan(
      items.findIndex((text) => text.includes('مريم')),
    )
    // In Chromium's accessibility tree: a named list of entries, and labelled buttons.
    const tree = await activity.ariaSnapshot()
    expect(tree).toContain(`list "${en.activity}"`)
    expect(tree).toContain(`button "${en.activityDownloadCsv}"`)
    await shoot(fp, 'activity-en')

    // A page at a time: once the log holds more than a page, "Show older" brings the rest, and focus goes to
    // the first entry it brought. (Backups downloaded by another facilitator's tool, named in the header.)
    for (let i = 0; i < 50; i++) {
      const answer = await fetch(`${env.server.url}/api/boards/${board.id}/backup`, {
        headers: { ...bearer(board.tokens.facilitator), 'x-display-name': encodeURIComponent('Omar') },
      })
      expect(answer.status).toBe(200)
      await answer.arrayBuffer()
    }
    await activity.getByRole('button', { name: en.activityRefresh }).focus()
    await fp.keyboard.press('Enter')
    await expect.poll(() => list.getByRole('listitem').first().innerText()).toContain('Omar')
    expect(await joined.count()).toBe(0)
    const firstPage = await list.getByRole('listitem').count()
    await activity.getByRole('button', { name: en.activityShowOlder }).focus()
    await fp.keyboard.press('Enter')
    await joined.first().waitFor()
    const focused = await fp.evaluate('document.activeElement?.textContent ?? ""')
    expect(focused).toBe(await list.getByRole('listitem').nth(firstPage).textContent())
    expect(await activity.getByRole('button', { name: en.activityShowOlder }).count()).toBe(0)

    const csv = fp.waitForEvent('download')
    await activity.getByRole('button', { name: en.activityDownloadCsv }).focus()
    await fp.keyboard.press('Enter')
    const file = await (await csv).path()
    const text = await readFile(file, 'utf8')
    expect(text.charCodeAt(0)).toBe(0xfeff)
    expect(text).toContain('مريم')
    expect(text).toContain('Omar')

    // In Arabic, right to left: the same log in the facilitator's language.
    await fp.evaluate(`localStorage.setItem('cg.language', 'ar')`)
    await fp.reload()
    await fp.locator('.tl-canvas').waitFor({ timeout: 30_000 })
    await fp.getByRole('button', { name: ar.facilitate }).click()
    const arabicList = fp.getByRole('region', { name: ar.activity }).getByRole('list', { name: ar.activity })
    await arabicList.getByRole('listitem').filter({ hasText: ar.auditBackupDownloaded }).first().waitFor()
    expect(await fp.locator('.cg-facilitator-panel').getAttribute('dir')).toBe('rtl')
    await fp.getByRole('region', { name: ar.activity }).scrollIntoViewIfNeeded()
    await shoot(fp, 'activity-ar')
    await fp.getByRole('region', { name: ar.retention }).scrollIntoViewIfNeeded()
    await shoot(fp, 'retention-section-ar')
    for (const page of [facilitator, maryam]) expect(unexpected(page.errors)).toEqual([])
  })
})
