import type { CDPSession } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { createBoard } from '../support/boards.ts'
import { joinBoard } from './support/boardPage.ts'
import { e2eSkipReason, openWatchedPage } from './support/browser.ts'
import { useE2eEnvironment } from './support/e2eEnvironment.ts'

const skip = e2eSkipReason()
/** What a participant's first visit may move over the network (the field-office budget of issue 15). */
const FIRST_VISIT_BUDGET_BYTES = 800_000

interface Transfer {
  url: string
  bytes: number
}

/**
 * Every byte the page receives, as Chromium counts it on the wire (compressed bodies plus headers), and each
 * websocket frame's payload (uncompressed, so an upper bound).
 */
async function countTransfers(cdp: CDPSession): Promise<() => Transfer[]> {
  const urls = new Map<string, string>()
  const transfers: Transfer[] = []
  cdp.on('Network.requestWillBeSent', (event) => urls.set(event.requestId, event.request.url))
  cdp.on('Network.loadingFinished', (event) =>
    transfers.push({ url: urls.get(event.requestId) ?? '?', bytes: event.encodedDataLength }),
  )
  cdp.on('Network.webSocketFrameReceived', (event) =>
    transfers.push({ url: 'websocket', bytes: event.response.payloadData.length }),
  )
  await cdp.send('Network.enable')
  return () => transfers
}

describe.skipIf(skip)('the first visit of a participant link', () => {
  const env = useE2eEnvironment('cg-e2e-budget-')

  it(`moves at most ${FIRST_VISIT_BUDGET_BYTES / 1000} KB over the network`, async () => {
    const board = await createBoard(env.server.url, 'Budget board')
    const { page, context } = await openWatchedPage(env.browser)
    const transfers = await countTransfers(await context.newCDPSession(page))
    await joinBoard(page, `${env.server.url}/b/${board.id}#token=${board.tokens.editor}`, 'Amina')
    // Fonts and translations arrive after the canvas: wait until nothing has moved for a second.
    let settled = -1
    await expect
      .poll(
        () => {
          const count = transfers().length
          const quiet = count === settled
          settled = count
          return quiet
        },
        { interval: 1_000, timeout: 30_000 },
      )
      .toBe(true)
    const all = transfers()
    const total = all.reduce((sum, t) => sum + t.bytes, 0)
    const largest = [...all].sort((a, b) => b.bytes - a.bytes).slice(0, 8)
    console.log(
      `first visit: ${total} bytes in ${all.length} transfers; largest:\n` +
        largest.map((t) => `  ${t.bytes}\t${t.url.replace(env.server.url, '')}`).join('\n'),
    )
    expect(total).toBeLessThanOrEqual(FIRST_VISIT_BUDGET_BYTES)
  })
})
