import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { spawnServer } from '../support/serverProcess.ts'
import { addStickyNote, enterName, expectStatus, peopleInMenu } from './support/boardPage.ts'
import { e2eSkipReason, openWatchedPage, type WatchedPage } from './support/browser.ts'
import { useE2eEnvironment } from './support/e2eEnvironment.ts'

const skip = e2eSkipReason()

async function seesText(page: Page, text: string): Promise<void> {
  await page.getByText(text).first().waitFor({ timeout: 15_000 })
}

function offOrigin(watched: WatchedPage, origin: string): string[] {
  return watched.requests.filter((url) => !url.startsWith(origin) && !/^(data|blob):/.test(url))
}

describe.skipIf(skip)('two people on one board in Chromium', () => {
  const env = useE2eEnvironment('cg-e2e-collab-')

  it('creates a board, shares notes and presence live, works offline and survives a server crash', async () => {
    const origin = env.server.url
    const amina = await openWatchedPage(env.browser)
    const bruno = await openWatchedPage(env.browser)

    // Amina creates the board from the home page.
    await amina.page.goto(origin)
    await amina.page.getByLabel('Board title').fill('Joint programme vision')
    await amina.page.getByRole('button', { name: 'Create and open' }).click()
    await amina.page.waitForURL(/\/b\/[A-Za-z0-9_-]{22}/)
    await enterName(amina.page, 'Amina')
    // The secret left the address bar; the participant link is shared from the Links dialog.
    expect(amina.page.url()).not.toContain('token')
    await amina.page.getByRole('button', { name: 'Links' }).click()
    const boardUrl = await amina.page.getByRole('textbox', { name: 'Participant link (can edit)' }).inputValue()
    expect(boardUrl).toMatch(/\/b\/[A-Za-z0-9_-]{22}#token=[\w-]{43}$/)
    await amina.page.keyboard.press('Escape')

    await bruno.page.goto(boardUrl)
    await enterName(bruno.page, 'Bruno')

    // Each sees the other in tldraw's people menu.
    await expect.poll(() => peopleInMenu(amina.page), { timeout: 15_000 }).toContain('Bruno')
    await expect.poll(() => peopleInMenu(bruno.page), { timeout: 15_000 }).toContain('Amina')

    await addStickyNote(amina.page, 'Every child safe in school by 2030', { x: 500, y: 400 })
    await seesText(bruno.page, 'Every child safe in school by 2030')

    // Presence goes when a tab closes, well before awareness's 30 s timeout.
    await bruno.context.close()
    await expect.poll(() => peopleInMenu(amina.page), { timeout: 10_000 }).not.toContain('Bruno')

    // Crash the server (no graceful flush). Amina keeps working while it is down.
    await env.server.stop('SIGKILL')
    await expectStatus(amina.page, 'Reconnecting…')
    await amina.page.screenshot({ path: 'test-results/e2e-reconnecting.png' })
    await addStickyNote(amina.page, 'Offline idea: mobile child-friendly spaces', { x: 800, y: 400 })

    // The server comes back on the same address; Amina's offline note reaches it when she reconnects.
    env.server = await spawnServer({ DATA_DIR: env.dataDir, PORT: new URL(origin).port })
    await expectStatus(amina.page, 'Connected')

    // The home page remembers the board.
    await amina.page.goto(origin)
    await amina.page.getByRole('link', { name: 'Joint programme vision' }).waitFor()

    // A newcomer with an empty browser finds both notes on the server.
    const carla = await openWatchedPage(env.browser)
    await carla.page.goto(boardUrl)
    await enterName(carla.page, 'Carla')
    await seesText(carla.page, 'Every child safe in school by 2030')
    await seesText(carla.page, 'Offline idea: mobile child-friendly spaces')

    // Fully self-hosted: nothing was requested from any other host.
    for (const watched of [amina, bruno, carla]) expect(offOrigin(watched, origin)).toEqual([])
    const unexpected = (errors: string[]) => errors.filter((e) => !/WebSocket|ERR_CONNECTION_REFUSED/.test(e))
    expect(unexpected(amina.errors)).toEqual([])
    expect(unexpected(bruno.errors)).toEqual([])
    expect(carla.errors).toEqual([])
  })
})
