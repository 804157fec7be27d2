import { describe, expect, it } from 'vitest'
import { boardRecords } from './support/boardRecords.ts'
import { e2eSkipReason, openWatchedPage } from './support/browser.ts'
import { useE2eEnvironment } from './support/e2eEnvironment.ts'
import { createBoard } from '../support/boards.ts'
import { solidPng } from '../support/png.ts'

const skip = e2eSkipReason()

describe.skipIf(skip)('images on a board in Chromium', () => {
  const env = useE2eEnvironment('cg-e2e-assets-')

  it('uploads an inserted image to the server and keeps only its address in the board', async () => {
    const board = await createBoard(env.server.url, 'Service mapping')
    const { page, errors } = await openWatchedPage(env.browser)
    await page.goto(env.server.url + board.links.editor)
    await page.getByLabel(/your name/i).fill('Dana')
    await page.getByRole('button', { name: /join the board/i }).click()
    await page.locator('.tl-canvas').waitFor({ timeout: 30_000 })

    const png = solidPng(64, 48, [30, 120, 200])
    const chooser = page.waitForEvent('filechooser')
    await page.getByTestId('tools.asset').click()
    await (await chooser).setFiles({ name: 'map.png', mimeType: 'image/png', buffer: png })
    await page.locator('.tl-image').first().waitFor({ timeout: 15_000 })

    let asset: { props: { src: string | null; mimeType: string | null } } | undefined
    await expect
      .poll(
        async () => {
          const records = await boardRecords(env.server.url, board)
          asset = [...records.values()].find((r) => (r as { typeName?: string }).typeName === 'asset') as typeof asset
          return asset?.props.src ?? null
        },
        { timeout: 15_000 },
      )
      .toMatch(new RegExp(`^/api/boards/${board.id}/assets/[A-Za-z0-9_-]+$`))

    const served = await fetch(env.server.url + asset!.props.src!)
    expect(served.headers.get('content-type')).toBe('image/png')
    expect(Buffer.from(await served.arrayBuffer()).equals(png)).toBe(true)
    expect(errors).toEqual([])
  })
})
