import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import type { LanguageCode } from '@cg/contract'
import { ar, en, type Messages } from '../../apps/web/src/i18n/messages.ts'
import { plural } from '../../apps/web/src/i18n/plurals.ts'
import { createBoard, type CreatedBoard } from '../support/boards.ts'
import { addStickyNote, joinBoard, peopleInMenu } from './support/boardPage.ts'
import { boardRecords } from './support/boardRecords.ts'
import { e2eSkipReason, openWatchedPage } from './support/browser.ts'
import { expectNoSeriousViolations } from './support/axeAudit.ts'
import { useE2eEnvironment } from './support/e2eEnvironment.ts'
import {
  expectFocusOn,
  focusedKey,
  focusedName,
  itemLabel,
  openOutline,
  placeOf,
  outlineUrl,
  tabTo,
  tabToButton,
  typeAhead,
} from './support/outlinePage.ts'

const skip = e2eSkipReason()

interface ShapeRecord {
  id: string
  typeName: string
  type: string
  parentId: string
  props: Record<string, unknown>
  meta: Record<string, unknown>
}

const shapesOf = async (serverUrl: string, board: CreatedBoard) =>
  [...(await boardRecords(serverUrl, board)).values()].filter(
    (record) => (record as ShapeRecord).typeName === 'shape',
  ) as ShapeRecord[]

/** The logframe's grid cell of `row` × `column`, as the template engine laid it out. */
async function cellShape(serverUrl: string, board: CreatedBoard, row: string, column: string): Promise<ShapeRecord> {
  const shapes = await shapesOf(serverUrl, board)
  const cell = shapes.find(
    (shape) => shape.meta.part === 'grid-cell' && shape.meta.row === row && shape.meta.column === column,
  )
  if (!cell) throw new Error(`no cell ${row} × ${column}`)
  return cell
}

/** Inserts a template from the Templates dialog of the canvas page. */
async function insertTemplate(page: Page, name: string): Promise<void> {
  await page.getByRole('button', { name: en.templates, exact: true }).click()
  const insert = page.getByRole('button', { name: en.insertTemplateNamed.replace('{name}', name) })
  await insert.click()
  await insert.waitFor({ state: 'detached' })
}

/** Fits the whole board into the canvas's view (tldraw does not draw shapes out of view). */
async function fitCanvas(page: Page): Promise<void> {
  await page.getByTestId('minimap.zoom-menu-button').click()
  await page.getByTestId('zoom-menu.zoom-to-fit').click()
  await page.keyboard.press('Escape')
  await page.waitForTimeout(400) // tldraw animates the camera
}

/** Waits until the canvas draws shape `inner` inside shape `outer`'s box (on screen, within a pixel). */
async function expectDrawnInside(page: Page, inner: string, outer: string): Promise<void> {
  await expect
    .poll(
      async () => {
        await fitCanvas(page)
        const [a, b] = await Promise.all([
          page.locator(`.tl-shape[data-shape-id="${inner}"]`).boundingBox(),
          page.locator(`.tl-shape[data-shape-id="${outer}"]`).boundingBox(),
        ])
        if (!a || !b) return 'not drawn'
        const inside =
          a.x >= b.x - 1 && a.y >= b.y - 1 && a.x + a.width <= b.x + b.width + 1 && a.y + a.height <= b.y + b.height + 1
        return inside ? 'inside' : `${JSON.stringify(a)} not in ${JSON.stringify(b)}`
      },
      { timeout: 20_000 },
    )
    .toBe('inside')
}

/** Chooses an option of the focused <select> with the arrow keys, until its value is `value`. */
async function chooseWithArrows(page: Page, value: string): Promise<void> {
  const select = page.locator('select:focus')
  await page.keyboard.press('Home')
  for (let i = 0; i < 200 && (await select.inputValue()) !== value; i++) await page.keyboard.press('ArrowDown')
  expect(await select.inputValue()).toBe(value)
}

/**
 * tldraw's packages the outline must never load, found in a script by the version each registers as it loads
 * (`registerTldrawLibraryVersion('@tldraw/state', '5.4.2', 'esm')`, kept by minifiers as a call with two strings).
 */
const CANVAS_PACKAGE = /["'`](tldraw|@tldraw\/(?:editor|tlschema|store|state))["'`],\s*["'`]\d+\.\d+/

async function expectNoCanvasCode(serverUrl: string, requests: readonly string[]): Promise<void> {
  const scripts = [...new Set(requests.filter((url) => url.startsWith(serverUrl) && /\.m?js$/.test(url)))]
  expect(scripts.length).toBeGreaterThan(0)
  for (const url of scripts) {
    const code = await (await fetch(url)).text()
    expect(CANVAS_PACKAGE.exec(code)?.[1], url).toBeUndefined()
  }
}

const MESSAGES: Partial<Record<LanguageCode, Messages>> = { en, ar }
const SECTOR_NAMES: Partial<Record<LanguageCode, string>> = { en: 'Education', ar: 'التعليم' }

describe.skipIf(skip)('the outline, with the keyboard alone', () => {
  const env = useE2eEnvironment('cg-e2e-outline-')

  it.each(['en', 'ar'] as const)(
    'adds, tags, moves and deletes notes in %s, each seen in its place on the canvas, and hears others’ changes',
    async (code) => {
      const ui = MESSAGES[code]!
      const rtl = code === 'ar'
      const board = await createBoard(env.server.url, `Outline ${code}`)
      const canvas = await openWatchedPage(env.browser)
      await joinBoard(canvas.page, env.server.url + board.links.facilitator, 'Fatima')
      await insertTemplate(canvas.page, 'Integrated-outcome logframe')
      await insertTemplate(canvas.page, 'Social-ecological model')
      await expect
        .poll(async () => (await shapesOf(env.server.url, board)).filter((shape) => shape.type === 'frame').length, {
          timeout: 15_000,
        })
        .toBe(2)

      const reader = await openWatchedPage(env.browser)
      const page = reader.page
      const heard: string[] = []
      await page.exposeFunction('__heard', (text: string) => heard.push(text))
      await page.addInitScript(`
        new MutationObserver(() => {
          const region = document.querySelector('[data-testid="outline-announcer"]')
          const text = region ? region.textContent : ''
          if (text && text !== window.__lastHeard) window.__heard((window.__lastHeard = text))
        }).observe(document, { subtree: true, childList: true, characterData: true })
      `)
      await openOutline(page, outlineUrl(env.server.url, board, 'editor'), 'Amina', code)
      expect(await page.locator('html').getAttribute('dir')).toBe(rtl ? 'rtl' : 'ltr')
      expect(await page.getByRole('tree').count()).toBe(1)
      await expectNoSeriousViolations(page, `outline, ${code}`)

      // Into the tree (one tab stop), on the first frame; Left and Right swap in a right-to-left page.
      await tabTo(page, '[role="treeitem"]')
      await page.keyboard.press('Home')
      const frame = (await focusedKey(page))!
      const item = (key: string) => page.locator(`[role="treeitem"][data-key="${key}"]`)
      expect(await item(frame).getAttribute('aria-expanded')).toBe('true')
      await page.keyboard.press(rtl ? 'ArrowRight' : 'ArrowLeft')
      await expect.poll(() => item(frame).getAttribute('aria-expanded')).toBe('false')
      await page.keyboard.press(rtl ? 'ArrowLeft' : 'ArrowRight')
      await expect.poll(() => item(frame).getAttribute('aria-expanded')).toBe('true')
      await page.keyboard.press(rtl ? 'ArrowLeft' : 'ArrowRight')
      await expect.poll(() => page.evaluate(`document.activeElement?.getAttribute('aria-level')`)).toBe('2')

      // To the cell by typing its name, then its actions: the first says where the note goes.
      const cellKey = (await page
        .locator('[role="treeitem"][data-key$="/output-2:indicators"]')
        .getAttribute('data-key'))!
      const cellLabel = await itemLabel(page, cellKey)
      await typeAhead(page, cellLabel)
      await expectFocusOn(page, cellKey)
      expect(await focusedName(page)).toContain(cellLabel)
      await page.keyboard.press('Enter')
      expect(await focusedName(page)).toBe(ui.outlineAddNoteTo.replace('{place}', cellLabel))
      await page.keyboard.press('Enter')
      await page.locator('dialog textarea:focus').waitFor()
      await page.keyboard.type('Teachers trained in PSS')
      await expectNoSeriousViolations(page, `outline, add a note, ${code}`)
      await page.keyboard.press('Control+Enter')
      // Focus is on the new note, in its cell; the canvas shows it inside that cell.
      await expect.poll(() => focusedName(page), { timeout: 15_000 }).toContain('Teachers trained in PSS')
      const noteId = (await focusedKey(page))!
      expect(await placeOf(page, noteId)).toBe(cellKey)
      const indicators = await cellShape(env.server.url, board, 'output-2', 'indicators')
      await expectDrawnInside(canvas.page, noteId, indicators.id)

      // Tag it: its actions (Enter), "Tag with a sector", the sector chosen with the arrow keys.
      await page.keyboard.press('Enter')
      await tabToButton(page, ui.outlineTag)
      await page.keyboard.press('Enter')
      await page.locator('dialog select:focus').waitFor()
      await chooseWithArrows(page, 'education')
      await tabToButton(page, ui.outlineSave)
      await page.keyboard.press('Enter')
      await expect.poll(() => focusedName(page), { timeout: 15_000 }).toContain(SECTOR_NAMES[code]!)
      await canvas.page.locator(`.tl-shape[data-shape-id="${noteId}"][data-sector="education"]`).waitFor()

      // Move it to the goal's indicators, chosen by name.
      const goalKey = cellKey.replace('/output-2:indicators', '/goal:indicators')
      await page.keyboard.press('Enter')
      await tabToButton(page, ui.outlineMove)
      await page.keyboard.press('Enter')
      await page.locator('dialog select:focus').waitFor()
      await chooseWithArrows(page, goalKey)
      await expectNoSeriousViolations(page, `outline, move a note, ${code}`)
      await tabToButton(page, ui.outlineMoveButton)
      await page.keyboard.press('Enter')
      await expect.poll(() => placeOf(page, noteId), { timeout: 15_000 }).toBe(goalKey)
      await expectFocusOn(page, noteId)
      const goal = await cellShape(env.server.url, board, 'goal', 'indicators')
      await expectDrawnInside(canvas.page, noteId, goal.id)

      // Another note, in the social-ecological model's community ring, then deleted (Delete, confirmed).
      const community = (await page
        .locator('[role="treeitem"][data-key$="/community"]')
        .first()
        .getAttribute('data-key'))!
      const communityLabel = await itemLabel(page, community)
      await page.keyboard.press('Home')
      await typeAhead(page, communityLabel)
      await expectFocusOn(page, community)
      await page.keyboard.press('Enter')
      await tabToButton(page, ui.outlineAddNoteTo.replace('{place}', communityLabel))
      await page.keyboard.press('Enter')
      await page.locator('dialog textarea:focus').waitFor()
      await page.keyboard.type('Youth committee')
      await page.keyboard.press('Control+Enter')
      await expect.poll(() => focusedName(page), { timeout: 15_000 }).toContain('Youth committee')
      const secondId = (await focusedKey(page))!
      await canvas.page.locator(`.tl-shape[data-shape-id="${secondId}"]`).waitFor({ state: 'attached' })
      await page.keyboard.press('Delete')
      await page.locator('dialog button[type="submit"]:focus').waitFor()
      await page.keyboard.press('Enter')
      await expect.poll(() => item(secondId).count(), { timeout: 15_000 }).toBe(0)
      // Focus went to a neighbour, still in the tree.
      expect(await page.evaluate(`document.activeElement?.getAttribute('role')`)).toBe('treeitem')
      await canvas.page.locator(`.tl-shape[data-shape-id="${secondId}"]`).waitFor({ state: 'detached' })

      // The canvas user sees the outline person; the outline person goes to where the canvas user is working.
      expect(await peopleInMenu(canvas.page)).toContain('Amina')
      await fitCanvas(canvas.page)
      const baseline = await cellShape(env.server.url, board, 'output-2', 'baseline')
      const box = (await canvas.page.locator(`.tl-shape[data-shape-id="${baseline.id}"]`).boundingBox())!
      await addStickyNote(canvas.page, 'School meals', { x: box.x + box.width / 2, y: box.y + box.height / 2 })
      const baselineKey = cellKey.replace('/output-2:indicators', '/output-2:baseline')
      const baselineLabel = await itemLabel(page, baselineKey)
      // Others' changes are said politely, in summary, in the reader's language.
      await expect
        .poll(() => page.getByTestId('outline-announcer').textContent(), { timeout: 20_000 })
        .toContain(plural(code, 'outlineNotesAdded', 1, { place: baselineLabel }))
      const theirs = (await shapesOf(env.server.url, board)).find((shape) =>
        JSON.stringify(shape.props.richText ?? '').includes('School meals'),
      )!
      await canvas.page.locator(`.tl-shape[data-shape-id="${theirs.id}"]`).click()
      await tabToButton(page, ui.outlineGoTo.replace('{name}', 'Fatima'))
      await page.keyboard.press('Enter')
      await expectFocusOn(page, theirs.id)
      // Nothing this person did was announced to them: every announcement is about the canvas user's note.
      expect(heard.length).toBeGreaterThan(0)
      for (const text of heard) expect(text).toContain(baselineLabel)

      await expectNoSeriousViolations(page, `outline, others' changes announced, ${code}`)
      await page.screenshot({ path: `test-results/outline-${code}.png`, fullPage: true })
      // The outline never loaded the canvas: none of its scripts holds a tldraw package (each registers its name).
      await expectNoCanvasCode(env.server.url, reader.requests)
      // Alt+Shift+O: back to the board.
      await page.keyboard.press('Alt+Shift+KeyO')
      await page.waitForURL(`${env.server.url}/b/${board.id}`)
      await page.locator('.tl-canvas').waitFor({ timeout: 30_000 })
      expect(reader.errors.filter((error) => !/WebSocket|ERR_ABORTED/.test(error))).toEqual([])
      expect(canvas.errors.filter((error) => !/WebSocket|ERR_ABORTED/.test(error))).toEqual([])
    },
  )

  it.each(['en', 'ar'] as const)(
    'places a sticker, edits the vision text and reads the results in %s, with the keyboard alone',
    async (code) => {
      const ui = MESSAGES[code]!
      const board = await createBoard(env.server.url, `Outline workshop ${code}`)
      const canvas = await openWatchedPage(env.browser)
      const f = canvas.page
      await joinBoard(f, env.server.url + board.links.facilitator, 'Fatima')
      await f.getByRole('button', { name: en.facilitate, exact: true }).click()
      await insertTemplate(f, 'Vision statement and values')
      await insertTemplate(f, 'Sector prioritisation')
      // The prioritisation's boxes are selected as it lands: a vote on them.
      await f.getByLabel(en.votingTitle).fill('Which sectors first?')
      await f.getByRole('button', { name: en.startVotingOnSelection.replace('{n}', '8') }).click()

      const reader = await openWatchedPage(env.browser)
      const page = reader.page
      await openOutline(page, outlineUrl(env.server.url, board, 'editor'), 'Amina', code)
      await tabTo(page, '[role="treeitem"]')

      // A sticker on Education: its place, its actions, the first of which places one.
      const education = (await page.locator('[role="treeitem"][data-key$="/education"]').getAttribute('data-key'))!
      const educationLabel = await itemLabel(page, education)
      await typeAhead(page, educationLabel)
      await expectFocusOn(page, education)
      await page.keyboard.press('Enter')
      expect(await focusedName(page)).toBe(ui.placeStickerOn.replace('{item}', educationLabel))
      await page.keyboard.press('Enter')
      // Said beside the button, and in the workshop bar.
      await page
        .getByTestId('outline-actions')
        .getByRole('status')
        .filter({ hasText: plural(code, 'stickersLeft', 2, { total: 3 }) })
        .waitFor({ timeout: 15_000 })
      await f.getByTestId('voting-turnout').filter({ hasText: '1 of 1 has voted' }).waitFor({ timeout: 15_000 })
      await expectNoSeriousViolations(page, `outline during a vote, ${code}`)

      // The vision statement, written together: its block in the tree, F2, and the text typed in its field.
      const statement = (await page.locator('[role="treeitem"][data-key$="/statement"]').getAttribute('data-key'))!
      await page.keyboard.press('Escape')
      await expectFocusOn(page, education)
      await page.keyboard.press('Home')
      await typeAhead(page, await itemLabel(page, statement))
      await expectFocusOn(page, statement)
      await page.keyboard.press('ArrowDown')
      expect(await placeOf(page, (await focusedKey(page))!)).toBe(statement)
      await page.keyboard.press('F2')
      await page.locator('textarea:focus').waitFor()
      await page.keyboard.type('By 2030 every child is safe and learning')
      // On the canvas, in the block (drawn once the view holds it).
      await expect
        .poll(
          async () => {
            await fitCanvas(f)
            const field = f.getByRole('textbox', { name: 'Our shared vision statement' })
            return (await field.count()) === 1 ? field.inputValue() : ''
          },
          { timeout: 20_000 },
        )
        .toBe('By 2030 every child is safe and learning')

      // The vote ends on the canvas; the outline lists the results and goes to the winner.
      await f.getByRole('button', { name: en.endVoting }).click()
      const goTo = ui.outlineGoToItemNamed.replace('{item}', educationLabel)
      await page.getByRole('button', { name: goTo }).waitFor({ timeout: 15_000 })
      await tabToButton(page, goTo)
      await page.keyboard.press('Enter')
      await expectFocusOn(page, education)
      expect(await focusedName(page)).toContain(plural(code, 'votes', 1))
      await expectNoSeriousViolations(page, `outline with a vote's results, ${code}`)
      await page.screenshot({ path: `test-results/outline-workshop-${code}.png`, fullPage: true })
      expect(reader.errors.filter((error) => !/WebSocket|ERR_ABORTED/.test(error))).toEqual([])
    },
  )
})
