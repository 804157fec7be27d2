import { fileURLToPath } from 'node:url'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { loadTemplateCatalog } from '@cg/templates/node'
import { ar, en } from '../../apps/web/src/i18n/messages.ts'
import { createBoard } from '../support/boards.ts'
import { joinBoard } from './support/boardPage.ts'
import { e2eSkipReason, openWatchedPage } from './support/browser.ts'
import { useE2eEnvironment } from './support/e2eEnvironment.ts'

const skip = e2eSkipReason()
const { catalog } = loadTemplateCatalog(fileURLToPath(new URL('../../templates', import.meta.url)))
const MESSAGES = { en, ar }
const templateName = (id: string, code: 'en' | 'ar') =>
  catalog.templates.find((t) => t.definition.id === id)!.strings[code].name!

interface Rect {
  what: string
  x: number
  y: number
  width: number
  height: number
}

/** Our chrome: everything we draw over or beside the canvas. */
const OURS = ['.cg-workshop-bar > *', '.cg-facilitator-panel', '.cg-panel', '.cg-topbar', '.cg-share > *']
/** What must stay reachable and readable: tldraw's controls, our buttons on the canvas, frame headings. */
const MUST_SHOW = [
  '.tlui-main-toolbar button',
  '.tlui-menu-zone button',
  '.tlui-style-panel__wrapper',
  '.cg-sticker-add',
  '.cg-grid-rows button',
  '.tl-frame-heading',
]

async function rectsOf(page: Page, selectors: string[]): Promise<Rect[]> {
  const found: Rect[] = []
  for (const selector of selectors) {
    for (const element of await page.locator(selector).all()) {
      const box = await element.boundingBox()
      if (!box || box.width === 0 || box.height === 0 || !(await element.isVisible())) continue
      const label = ((await element.getAttribute('aria-label')) ?? (await element.textContent()) ?? '').trim()
      found.push({ what: `${selector} “${label.slice(0, 40)}”`, ...box })
    }
  }
  return found
}

const inside = (a: Rect, b: Rect) =>
  a.x >= b.x - 0.5 && a.y >= b.y - 0.5 && a.x + a.width <= b.x + b.width + 0.5 && a.y + a.height <= b.y + b.height + 0.5
const overlaps = (a: Rect, b: Rect) =>
  a.x < b.x + b.width - 1 && a.x + a.width > b.x + 1 && a.y < b.y + b.height - 1 && a.y + a.height > b.y + 1

/** The part of `rect` inside `area`, if any: a shape beyond the canvas's edge is out of view, not covered. */
function clip(rect: Rect, area: Rect): Rect | null {
  const x = Math.max(rect.x, area.x)
  const y = Math.max(rect.y, area.y)
  const width = Math.min(rect.x + rect.width, area.x + area.width) - x
  const height = Math.min(rect.y + rect.height, area.y + area.height) - y
  return width > 1 && height > 1 ? { ...rect, x, y, width, height } : null
}

/** Every pair where something of ours covers a control or a heading (a control inside our own panel is ours). */
async function coverings(page: Page): Promise<string[]> {
  const ours = await rectsOf(page, OURS)
  const [canvas] = await rectsOf(page, ['.cg-canvas-area'])
  const shown = (await rectsOf(page, MUST_SHOW)).flatMap((rect) => clip(rect, canvas!) ?? [])
  return shown.flatMap((control) =>
    ours
      .filter((mine) => overlaps(mine, control) && !inside(control, mine) && !inside(mine, control))
      .map((mine) => `${mine.what} covers ${control.what}`),
  )
}

describe.skipIf(skip)('nothing of ours covers a control or a frame heading', () => {
  const env = useE2eEnvironment('cg-e2e-layout-')

  it.each([
    ['en', 1280, 800],
    ['ar', 1280, 800],
    ['en', 390, 844],
    ['ar', 390, 844],
  ] as const)('in %s at %i×%i, with the workshop bar running and a vote open', async (code, width, height) => {
    const ui = MESSAGES[code]
    const board = await createBoard(env.server.url, `Layout ${code} ${width}`)
    const { page, errors } = await openWatchedPage(env.browser)
    await page.setViewportSize({ width, height })
    await joinBoard(page, env.server.url + board.links.facilitator, 'Fatima', code)
    await page.screenshot({ path: `test-results/layout-${code}-${width}-start.png` })

    // The logframe and the sector template, as a facilitator inserts them.
    for (const id of ['logframe', 'sector-prioritisation']) {
      await page.getByRole('button', { name: ui.templates, exact: true }).click()
      const insert = page.getByRole('button', {
        name: ui.insertTemplateNamed.replace('{name}', templateName(id, code)),
      })
      await insert.click()
      await insert.waitFor({ state: 'detached' })
    }
    // The workshop bar running: the sample plan's first item started from the Facilitate panel.
    await page.getByRole('button', { name: ui.facilitate, exact: true }).click()
    await page.getByRole('button', { name: ui.useSamplePlan }).click()
    await page
      .getByRole('button', { name: new RegExp(`^${ui.startItem}: `) })
      .first()
      .click()
    await page.getByTestId('current-agenda-item').waitFor()
    // A vote on the sector template's frame (selected after inserting it).
    await page.getByLabel(ui.votingTitle).fill(code === 'ar' ? 'أي القطاعات أولاً؟' : 'Which sectors first?')
    await page.getByRole('button', { name: ui.startVotingOnSelection.replace('{n}', '8') }).click()
    await page.getByTestId('votes-left').waitFor()
    await page.screenshot({ path: `test-results/layout-${code}-${width}-panel.png` })
    expect(await coverings(page)).toEqual([])
    // The sticker buttons are round: as wide as they are tall, not a squashed oval.
    const stickers = await rectsOf(page, ['.cg-sticker-add'])
    expect(stickers.length).toBeGreaterThan(0)
    for (const sticker of stickers) expect(Math.abs(sticker.width - sticker.height)).toBeLessThan(1)
    expect(errors).toEqual([])
  })
})
