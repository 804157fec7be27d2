import { describe, expect, it } from 'vitest'
import { createBoard } from '../support/boards.ts'
import { spawnServer } from '../support/serverProcess.ts'
import { addStickyNote, enterName, expectStatus } from './support/boardPage.ts'
import { boardRecords } from './support/boardRecords.ts'
import { e2eSkipReason, openWatchedPage } from './support/browser.ts'
import { useE2eEnvironment } from './support/e2eEnvironment.ts'

const skip = e2eSkipReason()
// A server that takes frames of 512 KiB at most: the offline work below is about twice that.
const MAX_MESSAGE_BYTES = 512 * 1024

describe.skipIf(skip)('a large offline backlog in Chromium', () => {
  const env = useE2eEnvironment('cg-e2e-backlog-', { MAX_MESSAGE_BYTES: String(MAX_MESSAGE_BYTES) })

  it('gets through whole when the server comes back, and the badge says Connected only then', async () => {
    const origin = env.server.url
    const board = await createBoard(origin, 'Offline day')
    const { page, errors } = await openWatchedPage(env.browser)
    await page.setViewportSize({ width: 1280, height: 800 })
    await page.goto(`${origin}/b/${board.id}#token=${board.tokens.editor}`)
    await enterName(page, 'Amina')

    // The server goes away for the day; Amina keeps working: one long note, duplicated to 1,024.
    await env.server.stop('SIGKILL')
    await expectStatus(page, 'Reconnecting…')
    await addStickyNote(page, 'Mobile child-friendly spaces in every camp, staffed by trained volunteers. '.repeat(6), {
      x: 400,
      y: 300,
    })
    for (let i = 0; i < 10; i++) {
      await page.keyboard.press('Control+a')
      await page.keyboard.press('Control+d')
    }
    await expect.poll(() => page.locator('.tl-shape').count()).toBeGreaterThan(1000)

    env.server = await spawnServer({
      DATA_DIR: env.dataDir,
      PORT: new URL(origin).port,
      MAX_MESSAGE_BYTES: String(MAX_MESSAGE_BYTES),
    })
    await expectStatus(page, 'Connected')
    // Everything reached the server, read back by another client.
    await expect
      .poll(
        async () =>
          [...(await boardRecords(origin, board)).values()].filter((r) => (r as { type?: string }).type === 'note')
            .length,
        {
          timeout: 30_000,
        },
      )
      .toBe(1024)
    await expect.poll(() => page.locator('.cg-connection').getAttribute('data-status')).toBe('connected')
    // Network errors are expected while the server is down (refused websockets and requests, a reset); any other
    // error is the app's.
    expect(errors.filter((e) => !/WebSocket|net::ERR_|NetworkError/.test(e))).toEqual([])
  })
})
