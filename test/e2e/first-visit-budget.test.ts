import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { PageRoutes } from '@cg/contract'
import { createBoard } from '../support/boards.ts'
import { startCountingProxy, type CountingProxy } from '../support/countingProxy.ts'
import { holdsTldraw, readAsset, WEB_DIST } from '../support/webBuild.ts'
import { joinBoard } from './support/boardPage.ts'
import { e2eSkipReason, openWatchedPage } from './support/browser.ts'
import { useE2eEnvironment } from './support/e2eEnvironment.ts'

const skip = e2eSkipReason()
/** What a participant's first visit may move over the network (the field-office budget of issue 15). */
const FIRST_VISIT_BUDGET_BYTES = 800_000
/**
 * What the outline's first visit of an empty board may move: what the page measures (182 kB, the name prompt
 * unanswered) with a margin, as for the canvas page. Issue 29's target is a third of the canvas page's first visit of
 * a 1,000-note board (893 kB measured by `npm run bench -- --field --quick`, so 298 kB). The board itself is not 180 kB
 * on the outline: its doc costs about 22 kB on the wire (the outline's first visit of it moved 223 kB, of an empty
 * board 201 kB); most of what a 1,000-note board adds to the canvas page's visit is the fonts its notes ask for.
 */
const OUTLINE_FIRST_VISIT_BUDGET_BYTES = 200_000

/** Fonts, translations and a service worker's fetches come after the page shows: waits until nothing moved for 2 s. */
async function untilQuiet(proxy: CountingProxy): Promise<void> {
  let last = -1
  await expect
    .poll(
      () => {
        const quiet = proxy.bytes() === last
        last = proxy.bytes()
        return quiet
      },
      { interval: 2_000, timeout: 60_000 },
    )
    .toBe(true)
}

/** The build's scripts that hold tldraw, found by what is in them (see webBuild.ts), never by their names. */
function tldrawChunks(): string[] {
  const scripts = readdirSync(join(WEB_DIST, 'assets')).filter((name) => name.endsWith('.js'))
  return scripts.filter((name) => holdsTldraw(readAsset(name)))
}

/** The files under /assets/ a page asked for, by name. */
const assetsAskedFor = (requests: string[]) =>
  requests.flatMap((url) => {
    const { pathname } = new URL(url)
    return pathname.startsWith('/assets/') ? [pathname.slice('/assets/'.length)] : []
  })

/** How many service workers this page's origin has registered, and whether one controls the page. */
const serviceWorkers = (page: Page) =>
  page.evaluate(`navigator.serviceWorker.getRegistrations().then((registrations) => ({
    registrations: registrations.length,
    controlled: navigator.serviceWorker.controller !== null,
  }))`)

describe.skipIf(skip)('the first visit of a participant link', () => {
  const env = useE2eEnvironment('cg-e2e-budget-')

  it(`moves at most ${FIRST_VISIT_BUDGET_BYTES / 1000} KB over the network, service worker included`, async () => {
    const board = await createBoard(env.server.url, 'Budget board')
    // Counted on the wire, both ways: the page's requests, the service worker's, the websocket.
    const proxy = await startCountingProxy(env.server.url)
    try {
      const { page } = await openWatchedPage(env.browser)
      await joinBoard(page, `${proxy.url}/b/${board.id}#token=${board.tokens.editor}`, 'Amina')
      await expect
        .poll(() => page.evaluate('navigator.serviceWorker.controller !== null'), { timeout: 20_000 })
        .toBe(true)
      await untilQuiet(proxy)
      console.log(`first visit of a participant link: ${proxy.bytes()} bytes on the wire`)
      expect(proxy.bytes()).toBeLessThanOrEqual(FIRST_VISIT_BUDGET_BYTES)
    } finally {
      await proxy.close()
    }
  })
})

describe.skipIf(skip)('the first visit of a board’s outline', () => {
  const env = useE2eEnvironment('cg-e2e-outline-budget-')

  it(`moves at most ${OUTLINE_FIRST_VISIT_BUDGET_BYTES / 1000} KB, asks for no chunk of tldraw, registers no service worker`, async () => {
    const board = await createBoard(env.server.url, 'Outline budget board')
    const canvasChunks = tldrawChunks()
    expect(canvasChunks.length).toBeGreaterThan(0)
    const proxy = await startCountingProxy(env.server.url)
    try {
      const { page, requests, errors } = await openWatchedPage(env.browser)
      const outline = `${PageRoutes.outline.path({ id: board.id })}#token=${board.tokens.editor}`
      const response = await page.goto(proxy.url + outline)
      expect(response?.status()).toBe(200)
      await untilQuiet(proxy)
      console.log(`first visit of a board's outline: ${proxy.bytes()} bytes on the wire`)
      expect(proxy.bytes()).toBeLessThanOrEqual(OUTLINE_FIRST_VISIT_BUDGET_BYTES)
      expect(assetsAskedFor(requests).length).toBeGreaterThan(0)
      expect(assetsAskedFor(requests).filter((name) => canvasChunks.includes(name))).toEqual([])
      expect(await serviceWorkers(page)).toEqual({ registrations: 0, controlled: false })
      expect(errors).toEqual([])
    } finally {
      await proxy.close()
    }
  })

  it('is the outline page from the server on a device that keeps the canvas app (its service worker)', async () => {
    const board = await createBoard(env.server.url, 'Outline after the board')
    const { page, requests, errors } = await openWatchedPage(env.browser)
    await joinBoard(page, env.server.url + board.links.editor, 'Amina')
    await expect.poll(() => serviceWorkers(page), { timeout: 20_000 }).toMatchObject({ controlled: true })

    // The worker answers the canvas app's addresses with its shell; the outline's, never.
    const asked = requests.length
    const response = await page.goto(
      `${env.server.url}${PageRoutes.outline.path({ id: board.id })}#token=${board.tokens.editor}`,
    )
    expect(response?.status()).toBe(200)
    expect(response?.fromServiceWorker()).toBe(false)
    expect(await response?.text()).toBe(readFileSync(join(WEB_DIST, 'outline.html'), 'utf8'))
    await page.waitForLoadState('load')
    expect(await page.locator('.tl-container').count()).toBe(0)
    expect(assetsAskedFor(requests.slice(asked)).filter((name) => tldrawChunks().includes(name))).toEqual([])
    expect(errors.filter((error) => !/WebSocket|ERR_ABORTED/.test(error))).toEqual([])
  })
})
