import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { e2eSkipReason, launchChromium, openWatchedPage, type WatchedPage } from './support/browser.ts'
import { spawnServer, type ServerProcess } from './support/serverProcess.ts'

const WEB_DIST = fileURLToPath(new URL('../../apps/web/dist', import.meta.url))
const skip = e2eSkipReason()

/** Opens a board as a first-time visitor: answers the name prompt and waits until the board is live. */
async function joinBoard(page: Page, url: string, name: string): Promise<void> {
  await page.goto(url)
  await page.getByLabel(/your name/i).fill(name)
  await page.getByRole('button', { name: /join the board/i }).click()
  await page.locator('.tl-canvas').waitFor({ timeout: 30_000 })
  await expect.poll(() => page.getByRole('status').filter({ hasText: 'Connected' }).count(), { timeout: 20_000 }).toBe(1)
}

async function addStickyNote(page: Page, text: string, at: { x: number; y: number }): Promise<void> {
  // The toolbar's note tool, as a person would pick it (keyboard focus may be in a menu).
  await page.getByTestId('tools.note').click()
  await page.mouse.click(at.x, at.y)
  // Type only once the note's text editor has focus, as a person would see the caret first.
  await page.locator('[contenteditable="true"]:focus').waitFor({ timeout: 10_000 })
  await page.keyboard.type(text)
  await page.keyboard.press('Escape')
}

async function peopleInMenu(page: Page): Promise<string[]> {
  const button = page.locator('.tlui-people-menu__avatars-button')
  if ((await button.count()) === 0) return []
  await button.click()
  const names = await page.locator('.tlui-people-menu__name').allInnerTexts()
  await page.keyboard.press('Escape')
  return names
}

function offOrigin(watched: WatchedPage, origin: string): string[] {
  return watched.requests.filter((url) => !url.startsWith(origin) && !/^(data|blob):/.test(url))
}

describe.skipIf(skip)('two people on one board in Chromium', () => {
  let dataDir: string
  let browser: Browser
  let server: ServerProcess

  beforeAll(async () => {
    if (!existsSync(join(WEB_DIST, 'index.html'))) throw new Error('apps/web is not built: run `npm run build`')
    dataDir = mkdtempSync(join(tmpdir(), 'cg-e2e-'))
    server = await spawnServer({ DATA_DIR: dataDir, ROOM_UNLOAD_GRACE_MS: '1000' })
    browser = await launchChromium()
  })

  afterAll(async () => {
    await browser?.close()
    server?.child.kill('SIGKILL')
    if (dataDir) rmSync(dataDir, { recursive: true, force: true })
  })

  it('shares notes and presence live, and keeps them across a server crash', async () => {
    const created = await fetch(`${server.url}/api/boards`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Joint programme vision' }),
    })
    expect(created.status).toBe(201)
    const board = (await created.json()) as { id: string; links: { editor: string } }

    const amina = await openWatchedPage(browser)
    const bruno = await openWatchedPage(browser)
    await joinBoard(amina.page, server.url + board.links.editor, 'Amina')
    await joinBoard(bruno.page, server.url + board.links.editor, 'Bruno')

    // Each sees the other in tldraw's people menu.
    await expect.poll(() => peopleInMenu(amina.page), { timeout: 15_000 }).toContain('Bruno')
    await expect.poll(() => peopleInMenu(bruno.page), { timeout: 15_000 }).toContain('Amina')

    await addStickyNote(amina.page, 'Every child safe in school by 2030', { x: 500, y: 400 })
    await bruno.page.getByText('Every child safe in school by 2030').first().waitFor({ timeout: 15_000 }).catch(async (e) => {
      await amina.page.screenshot({ path: 'test-results/fail-amina.png' })
      await bruno.page.screenshot({ path: 'test-results/fail-bruno.png' })
      throw e
    })

    // Presence goes when a tab closes, well before awareness's 30 s timeout.
    await bruno.context.close()
    await expect.poll(() => peopleInMenu(amina.page), { timeout: 10_000 }).not.toContain('Bruno')

    // Crash the server (no graceful flush), start a new one on the same data, open the board afresh.
    server.child.kill('SIGKILL')
    await server.exited
    server = await spawnServer({ DATA_DIR: dataDir })
    const carla = await openWatchedPage(browser)
    await joinBoard(carla.page, `${server.url}/b/${board.id}`, 'Carla')
    await carla.page.getByText('Every child safe in school by 2030').first().waitFor({ timeout: 15_000 })

    for (const watched of [amina, bruno, carla]) {
      const origin = new URL(watched === carla ? server.url : created.url).origin
      expect(offOrigin(watched, origin)).toEqual([])
    }
    expect(amina.errors.filter((e) => !/WebSocket|ERR_CONNECTION_REFUSED/.test(e))).toEqual([])
    expect(carla.errors).toEqual([])
  })
})
