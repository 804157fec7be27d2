import { describe, expect, it } from 'vitest'
import { createBoard } from '../support/boards.ts'
import { startCountingProxy } from '../support/countingProxy.ts'
import { joinBoard } from './support/boardPage.ts'
import { e2eSkipReason, openWatchedPage } from './support/browser.ts'
import { useE2eEnvironment } from './support/e2eEnvironment.ts'

const skip = e2eSkipReason()
/** What a participant's first visit may move over the network (the field-office budget of issue 15). */
const FIRST_VISIT_BUDGET_BYTES = 800_000

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
      // Fonts, translations and the worker's own fetches come after the canvas: wait until nothing moved for 2 s.
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
      console.log(`first visit of a participant link: ${proxy.bytes()} bytes on the wire`)
      expect(proxy.bytes()).toBeLessThanOrEqual(FIRST_VISIT_BUDGET_BYTES)
    } finally {
      await proxy.close()
    }
  })
})
