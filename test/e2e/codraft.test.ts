import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { createBoard } from '../support/boards.ts'
import { connectSyncedClient } from '../support/yClient.ts'
import { addStickyNote, enterName } from './support/boardPage.ts'
import { e2eSkipReason, openWatchedPage } from './support/browser.ts'
import { useE2eEnvironment } from './support/e2eEnvironment.ts'

const skip = e2eSkipReason()

async function join(page: Page, url: string, name: string) {
  await page.goto(url)
  await enterName(page, name)
}

describe.skipIf(skip)('co-drafting the vision statement in Chromium', () => {
  const env = useE2eEnvironment('cg-e2e-codraft-')

  it('lets two people type in the same block at the same moment without losing a keystroke', async () => {
    const board = await createBoard(env.server.url, 'Vision')
    const amina = await openWatchedPage(env.browser)
    const bruno = await openWatchedPage(env.browser)
    await join(amina.page, env.server.url + board.links.editor, 'Amina')
    await join(bruno.page, env.server.url + board.links.editor, 'Bruno')

    await amina.page.getByRole('button', { name: 'Templates', exact: true }).click()
    await amina.page.getByRole('button', { name: 'Insert Vision statement and values' }).click()
    const blockA = amina.page.getByRole('textbox', { name: 'Our shared vision statement' })
    const blockB = bruno.page.getByRole('textbox', { name: 'Our shared vision statement' })
    await blockA.waitFor()
    await blockB.waitFor({ timeout: 15_000 })
    await bruno.page.getByText('Our shared vision statement').first().scrollIntoViewIfNeeded()

    await blockA.click()
    await amina.page.keyboard.type('By 2030 ')
    await expect.poll(() => blockB.inputValue(), { timeout: 10_000 }).toBe('By 2030 ')
    await blockB.click()
    await bruno.page.keyboard.press('End')
    // Both type at once: Amina at the end, Bruno at the start.
    await bruno.page.keyboard.press('Control+Home')
    await Promise.all([
      amina.page.keyboard.type('every child is safe and learning.', { delay: 15 }),
      bruno.page.keyboard.type('Together: ', { delay: 15 }),
    ])
    const expected = 'Together: By 2030 every child is safe and learning.'
    // Each sees that the other has just been typing.
    await amina.page.getByText('Bruno is typing…').waitFor({ timeout: 5_000 })
    await bruno.page.getByText('Amina is typing…').waitFor({ timeout: 5_000 })
    await amina.page.screenshot({ path: 'test-results/codraft-vision.png' })
    await expect.poll(() => blockA.inputValue(), { timeout: 10_000 }).toBe(expected)
    await expect.poll(() => blockB.inputValue(), { timeout: 10_000 }).toBe(expected)

    // An input method composing (accents, predictive keyboards) while a peer types: both survive.
    await blockB.click()
    await bruno.page.keyboard.press('Control+End')
    const ime = await bruno.context.newCDPSession(bruno.page)
    await ime.send('Input.imeSetComposition', { text: ' e', selectionStart: 2, selectionEnd: 2 })
    await amina.page.keyboard.press('Control+Home')
    await amina.page.keyboard.type('« ')
    await expect.poll(() => blockA.inputValue(), { timeout: 10_000 }).toMatch(/^« /)
    // Bruno's composition is left alone meanwhile (no peer text forced into it).
    expect(await blockB.inputValue()).toMatch(/^Together/)
    await ime.send('Input.imeSetComposition', { text: ' é', selectionStart: 2, selectionEnd: 2 })
    await ime.send('Input.insertText', { text: ' é' })
    const composed = `« ${expected} é`
    await expect.poll(() => blockA.inputValue(), { timeout: 10_000 }).toBe(composed)
    await expect.poll(() => blockB.inputValue(), { timeout: 10_000 }).toBe(composed)

    // The text lives in a Yjs text type on the server, not in a record.
    const client = await connectSyncedClient(env.server.url, board.id, board.tokens.viewer)
    const texts = [...client.doc.share.keys()].filter((key) => key.startsWith('codraft:'))
    expect(texts).toHaveLength(1)
    expect(client.doc.getText(texts[0]!).toString()).toBe(composed)
    client.destroy()
    expect(amina.errors).toEqual([])
    expect(bruno.errors).toEqual([])
  })

  it('turns a sticky note into a block everyone can write in', async () => {
    const board = await createBoard(env.server.url, 'Values')
    const { page, errors } = await openWatchedPage(env.browser)
    await join(page, env.server.url + board.links.editor, 'Dana')
    await addStickyNote(page, 'Respect for every child', { x: 640, y: 380 })
    await page.getByRole('button', { name: 'Write this together' }).click()
    const block = page.getByRole('textbox', { name: 'Written together' })
    await expect.poll(() => block.inputValue()).toBe('Respect for every child')
    await expect.poll(() => page.locator('.tl-shape[data-shape-type="note"]').count()).toBe(0)
    await block.click()
    await page.keyboard.press('End')
    await page.keyboard.type(' and dignity')
    const client = await connectSyncedClient(env.server.url, board.id, board.tokens.viewer)
    const key = [...client.doc.share.keys()].find((name) => name.startsWith('codraft:'))!
    await expect.poll(() => client.doc.getText(key).toString()).toBe('Respect for every child and dignity')
    client.destroy()
    expect(errors).toEqual([])
  })
})
