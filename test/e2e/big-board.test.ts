import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { getRecordsKeyValue } from '@cg/tldraw-yjs'
import { createBoard } from '../support/boards.ts'
import { waitUntil } from '../support/waitUntil.ts'
import { connectSyncedClient } from '../support/yClient.ts'
import { writeNoteBoard } from '../bench/noteBoard.ts'
import { enterName } from './support/boardPage.ts'
import { e2eSkipReason, openWatchedPage } from './support/browser.ts'
import { useE2eEnvironment } from './support/e2eEnvironment.ts'
import { en } from '../../apps/web/src/i18n/messages.ts'

const skip = e2eSkipReason()
const NOTES = 1_500
const NOTE = '.tl-shape[data-shape-type="note"]'
const ARTIFACTS = fileURLToPath(new URL('../artifacts', import.meta.url))

/**
 * A full-day board (15 frames of 100 notes) opens in steps: what the first view shows first, the rest after,
 * read-only until everything is in (the badge says how far it is), then as editable as any board.
 */
describe.skipIf(skip)('a big board in Chromium', () => {
  const env = useE2eEnvironment('cg-e2e-big-')

  it('opens in steps, ends with every note, then edits like any board', async () => {
    const board = await createBoard(env.server.url, 'Full-day plenary')
    const writer = await connectSyncedClient(env.server.url, board.id, board.tokens.editor)
    writeNoteBoard(writer.doc, NOTES)
    await writer.synced()
    const notesIn = (doc = writer.doc) =>
      [...getRecordsKeyValue(doc).map.keys()].filter((id) => id.startsWith('shape:n')).length

    const { page, errors } = await openWatchedPage(env.browser)
    const statuses: string[] = []
    await page.exposeFunction('__statusSeen', (status: string) => statuses.push(status))
    // Every state the badge goes through, from the first render on.
    await page.addInitScript(`
      new MutationObserver(() => {
        const badge = document.querySelector('.cg-connection')
        const seen = badge ? badge.getAttribute('data-status') + ': ' + badge.textContent : null
        if (seen && seen !== window.__last) window.__statusSeen((window.__last = seen))
      }).observe(document, { subtree: true, childList: true, attributes: true, characterData: true })
    `)
    // Chromium's performance trace of the opening, kept as an artifact to look at (DevTools' Performance panel).
    mkdirSync(ARTIFACTS, { recursive: true })
    await env.browser.startTracing(page, { path: join(ARTIFACTS, 'big-board-open.trace.json'), screenshots: true })
    await page.goto(env.server.url + board.links.editor)
    await enterName(page, 'Lina')

    // Every note is on the canvas (tldraw keeps off-screen shapes in the page, hidden).
    await expect.poll(() => page.locator(NOTE).count(), { timeout: 30_000 }).toBe(NOTES)
    await env.browser.stopTracing()
    const opening = statuses.filter((status) => status.startsWith('loading: Opening the board…'))
    expect(opening.length, statuses.join(' | ')).toBeGreaterThan(0)
    expect(statuses.at(-1)).toBe(`connected: ${en.statusConnected}`)

    // A note's text is edited through its label, measured only now (see BoardNoteShapeUtil).
    const note = page.locator('[data-shape-id="shape:n0x11"]')
    await note.dblclick()
    await page.locator('[contenteditable="true"]:focus').waitFor({ timeout: 10_000 })
    await page.keyboard.press('ControlOrMeta+a')
    await page.keyboard.type('Rewritten on the big board')
    await page.keyboard.press('Escape')
    await waitUntil('the edit reaches another client', () => {
      const record = getRecordsKeyValue(writer.doc).get('shape:n0x11') as { props: { richText: unknown } } | undefined
      return JSON.stringify(record?.props.richText ?? '').includes('Rewritten on the big board')
    })
    expect(notesIn()).toBe(NOTES)

    // What the page wrote is on the server: a fresh client reads every note once.
    const reader = await connectSyncedClient(env.server.url, board.id, board.tokens.viewer)
    expect(notesIn(reader.doc)).toBe(NOTES)
    reader.destroy()
    writer.destroy()
    expect(errors).toEqual([])
  })
})
