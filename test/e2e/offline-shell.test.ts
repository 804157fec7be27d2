import { appendFileSync, cpSync, existsSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Page } from 'playwright-core'
import { afterAll, describe, expect, it } from 'vitest'
import { en } from '../../apps/web/src/i18n/messages.ts'
import { createBoard } from '../support/boards.ts'
import { makeTempDir, removeTempDir } from '../support/tempDir.ts'
import { addStickyNote, expectStatus, joinBoard } from './support/boardPage.ts'
import { e2eSkipReason, openWatchedPage } from './support/browser.ts'
import { useE2eEnvironment } from './support/e2eEnvironment.ts'

const skip = e2eSkipReason()
// The server serves a copy of the build, so the test can deploy a "new version" under the open page.
const BUILT = fileURLToPath(new URL('../../apps/web/dist', import.meta.url))
const webDist = makeTempDir('cg-e2e-shell-dist-')
if (existsSync(BUILT)) cpSync(BUILT, webDist, { recursive: true })
afterAll(() => removeTempDir(webDist))

const noteTexts = (page: Page) => page.locator('.tl-shape[data-shape-type="note"]').allInnerTexts()

/** The service worker controls the page and holds what the board needs, fonts and translations included. */
async function appKeptOnDevice(page: Page): Promise<void> {
  await expect.poll(() => page.evaluate('navigator.serviceWorker.controller !== null'), { timeout: 20_000 }).toBe(true)
  // What the first visit loaded before the worker took over is handed to it (CACHE_URLS): wait until it is in.
  await expect
    .poll(
      () =>
        page.evaluate(`(async () => {
          const loaded = performance
            .getEntriesByType('resource')
            .map((entry) => entry.name)
            .filter((url) => url.startsWith(location.origin + '/assets/'))
          const matched = await Promise.all(loaded.map((url) => caches.match(url)))
          return matched.every((response) => response !== undefined)
        })()`),
      { timeout: 20_000 },
    )
    .toBe(true)
}

describe.skipIf(skip)('the app and its boards on this device (service worker)', () => {
  const env = useE2eEnvironment('cg-e2e-shell-', { WEB_DIST: webDist })

  it('reopens a board with no network, takes edits, sends them when the network returns; a new version is offered', async () => {
    const origin = env.server.url
    const board = await createBoard(origin, 'Field office board')
    const { page, context, errors } = await openWatchedPage(env.browser)
    await joinBoard(page, `${origin}/b/${board.id}#token=${board.tokens.editor}`, 'Amina')
    await addStickyNote(page, 'Before the outage', { x: 500, y: 350 })
    await expect.poll(() => noteTexts(page)).toEqual(['Before the outage'])
    await appKeptOnDevice(page)

    // The field office loses its link; Amina reloads the page.
    await context.setOffline(true)
    await page.reload()
    await expect.poll(() => noteTexts(page), { timeout: 20_000 }).toEqual(['Before the outage'])
    await expectStatus(page, en.statusOffline)
    await expect(page.getByText(en.offlineHint).isVisible()).resolves.toBe(true)
    // The note wraps inside its box (the top bar's no-wrap once ran it out of it, over the canvas).
    const hint = page.locator('.cg-connection-hint')
    expect(await hint.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true)
    await addStickyNote(page, 'Written offline', { x: 500, y: 550 })
    await expect.poll(async () => (await noteTexts(page)).sort()).toEqual(['Before the outage', 'Written offline'])

    // The network returns: the note reaches the server and another participant.
    await context.setOffline(false)
    await expectStatus(page, en.statusConnected)
    const other = await openWatchedPage(env.browser)
    await joinBoard(other.page, `${origin}/b/${board.id}#token=${board.tokens.editor}`, 'Layla')
    await expect
      .poll(async () => (await noteTexts(other.page)).sort(), { timeout: 20_000 })
      .toEqual(['Before the outage', 'Written offline'])

    // The home page lists the board as available offline (this browser's copy), not the other's unopened ones.
    await page.goto(origin)
    const entry = page.locator('.cg-recent li', { hasText: 'Field office board' })
    await expect.poll(() => entry.locator('.cg-offline-tag').textContent()).toBe(en.availableOffline)
    await page.goBack()
    await expectStatus(page, en.statusConnected)

    // A new deployment: the page learns of it, says so, and reloads into it when asked (never half old, half new).
    appendFileSync(join(webDist, 'sw.js'), '\n// next deployment\n')
    await page.evaluate('navigator.serviceWorker.getRegistration().then((registration) => registration.update())')
    const banner = page.getByRole('status').filter({ hasText: en.updateReady })
    await expect.poll(() => banner.count(), { timeout: 20_000 }).toBe(1)
    const reloaded = page.waitForEvent('load')
    await banner.getByRole('button', { name: en.updateReload }).click()
    await reloaded
    await expect.poll(() => noteTexts(page), { timeout: 20_000 }).toHaveLength(2)
    await expect.poll(() => page.getByText(en.updateReady).count()).toBe(0)
    // The version that waited is the one running now: nothing waits any more, and it controls the page.
    const running = await page.evaluate(`navigator.serviceWorker.getRegistration().then((registration) =>
      registration.waiting === null && registration.active !== null && navigator.serviceWorker.controller !== null)`)
    expect(running).toBe(true)

    // Network errors are expected while offline; anything else is the app's.
    expect(errors.filter((e) => !/WebSocket|net::ERR_|Failed to fetch|NetworkError/.test(e))).toEqual([])
    expect(other.errors.filter((e) => !/WebSocket|ERR_ABORTED/.test(e))).toEqual([])
  })
})
