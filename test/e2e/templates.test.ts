import { fileURLToPath } from 'node:url'
import type { Page } from 'playwright-core'
import type { Template } from '@cg/templates'
import { loadTemplateCatalog } from '@cg/templates/node'
import { ar, en, es, fr } from '../../apps/web/src/i18n/messages.ts'
import { describe, expect, it } from 'vitest'
import { createBoard } from '../support/boards.ts'
import { boardRecords } from './support/boardRecords.ts'
import { addStickyNote, enterName, joinBoard } from './support/boardPage.ts'
import { e2eSkipReason, openWatchedPage } from './support/browser.ts'
import { useE2eEnvironment } from './support/e2eEnvironment.ts'

const skip = e2eSkipReason()
const { catalog } = loadTemplateCatalog(fileURLToPath(new URL('../../templates', import.meta.url)))
const MESSAGES = { en, fr, es, ar }
type Box = { x: number; y: number; width: number; height: number }

interface ShapeRecord {
  typeName: string
  type: string
  parentId: string
  isLocked: boolean
  props: { name?: string; growY?: number; w: number; h: number }
  meta: { template?: string; part?: string; row?: string; column?: string }
}

async function insert(page: Page, dialogButton: string, insertLabel: string) {
  await page.getByRole('button', { name: dialogButton, exact: true }).click()
  await page.getByRole('button', { name: insertLabel }).click()
  await page.getByRole('button', { name: insertLabel }).waitFor({ state: 'detached' })
}

const within = (a: Box, b: Box) => a.y >= b.y && a.y + a.height <= b.y + b.height
const crosses = (a: Box, b: Box) =>
  a.y + a.height > b.y + 1 && a.y < b.y + b.height - 1 && a.x + a.width > b.x + 1 && a.x < b.x + b.width - 1

/** On-screen boxes of the text and geo shapes currently laid out in the viewport. */
async function visibleBoxes(page: Page): Promise<{ texts: Box[]; geos: Box[] }> {
  const boxesOf = async (type: string) =>
    (await Promise.all((await page.locator(`.tl-shape[data-shape-type="${type}"]`).all()).map((l) => l.boundingBox())))
      .filter((box) => box !== null)
      .filter((box) => box.width > 0 && box.height > 0)
  const [texts, geos] = await Promise.all([boxesOf('text'), boxesOf('geo')])
  return { texts, geos }
}

const shapesOf = (records: Map<string, unknown>) =>
  [...records.values()].filter((r) => (r as ShapeRecord).typeName === 'shape') as ShapeRecord[]

describe.skipIf(skip)('templates in Chromium', () => {
  const env = useE2eEnvironment('cg-e2e-templates-')

  it.each(['en', 'fr', 'es', 'ar'] as const)(
    'inserts every template side by side in %s: locked scaffold, no label overflowing its box',
    async (code) => {
      const ui = MESSAGES[code]
      const board = await createBoard(env.server.url, `Templates ${code}`)
      const { page, errors } = await openWatchedPage(env.browser)
      await joinBoard(page, env.server.url + board.links.editor, 'Farah', code)
      expect(await page.locator('html').getAttribute('dir')).toBe(code === 'ar' ? 'rtl' : 'ltr')

      const insertLabel = (template: Template) => ui.insertTemplateNamed.replace('{name}', template.strings[code].name!)
      const expectedFrames: string[] = []
      for (const template of catalog.templates) {
        await page.getByRole('button', { name: ui.templates, exact: true }).click()
        if (template.definition.perSector) {
          // Group work: one frame per chosen sector.
          const group = page.getByRole('group', { name: ui.chooseSectors })
          for (const sector of catalog.sectors.slice(0, 2)) {
            await group.getByLabel(sector.names[code], { exact: true }).check()
            expectedFrames.push(`${template.strings[code].name} — ${sector.names[code]}`)
          }
          await group.getByRole('button', { name: insertLabel(template) }).click()
        } else {
          await page.getByRole('button', { name: insertLabel(template) }).click()
          expectedFrames.push(template.strings[code].name!)
        }
        await page.getByRole('button', { name: insertLabel(template) }).waitFor({ state: 'detached' })
        await page.waitForTimeout(400) // the zoom animation, for the picture
        await page.screenshot({ path: `test-results/template-${template.definition.id}-${code}.png` })
        // Titles and prompts (text shapes) never run into a box they do not sit in: measured on screen, on the
        // template just placed (the view is zoomed to it; tldraw does not lay out shapes out of view).
        const { texts, geos } = await visibleBoxes(page)
        expect(texts.length, `${template.definition.id}: text shapes on screen`).toBeGreaterThan(0)
        const overlapping = texts.filter((t) => geos.some((g) => crosses(t, g) && !within(t, g)))
        expect(overlapping, `${template.definition.id} in ${code}`).toEqual([])
      }

      let shapes: ShapeRecord[] = []
      await expect
        .poll(
          async () => {
            shapes = shapesOf(await boardRecords(env.server.url, board))
            return shapes.filter((s) => s.type === 'frame').map((s) => s.props.name)
          },
          { timeout: 15_000 },
        )
        .toEqual(expect.arrayContaining(expectedFrames))
      expect(shapes.filter((s) => s.type === 'frame')).toHaveLength(expectedFrames.length)
      const scaffold = shapes.filter((s) => s.type !== 'frame')
      expect(scaffold.filter((s) => s.type === 'geo').every((s) => s.isLocked)).toBe(true)
      // tldraw measured every label in this browser; a label taller than its box would have grown it.
      const overflowing = scaffold
        .filter((s) => (s.props.growY ?? 0) > 0)
        .map((s) => `${s.meta.template}:${s.meta.part}`)
      expect(overflowing).toEqual([])
      expect(errors).toEqual([])
    },
  )

  it('lays templates out in Arabic, right to left', async () => {
    const board = await createBoard(env.server.url, 'قوالب')
    const { page, errors } = await openWatchedPage(env.browser)
    await page.goto(env.server.url)
    await page.getByLabel('Language').selectOption('ar')
    await page.goto(env.server.url + board.links.editor)
    await enterName(page, 'فرح', ar)
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl')
    await expect.poll(() => page.locator('.tl-container').getAttribute('dir')).toBe('rtl')
    await insert(page, 'القوالب', 'إدراج الإطار المنطقي للنتيجة المتكاملة')
    await page.getByText('الملخص السردي').first().waitFor()
    await page.waitForTimeout(500)
    await page.screenshot({ path: 'test-results/template-logframe-ar.png' })
    const shapes = shapesOf(await boardRecords(env.server.url, board))
    // The level column reads first from the right.
    const corner = shapes.find((s) => s.meta.part === 'grid-corner') as ShapeRecord & { x: number }
    const header = shapes.find((s) => s.meta.part === 'grid-header') as ShapeRecord & { x: number }
    expect(corner.x).toBeGreaterThan(header.x)
    expect(errors).toEqual([])
  })

  it('tags a note with a sector, in its colour, and fades the rest through the sector lens', async () => {
    const board = await createBoard(env.server.url, 'Sectors')
    const { page, errors } = await openWatchedPage(env.browser)
    await joinBoard(page, env.server.url + board.links.editor, 'Gloria')
    await addStickyNote(page, 'Teachers trained in referral', { x: 640, y: 380 })
    // The note stays selected after editing: tag it, from the Sectors menu of the top bar.
    await page.locator('.cg-sector-panel summary', { hasText: 'Sectors' }).click()
    const panel = page.getByRole('region', { name: 'Sectors' })
    await panel.getByLabel('Tag the selection').selectOption('education')
    await panel.getByRole('button', { name: 'Apply' }).click()
    let note: ShapeRecord | undefined
    await expect
      .poll(
        async () => {
          note = shapesOf(await boardRecords(env.server.url, board)).find((s) => s.type === 'note')
          return note?.meta
        },
        { timeout: 10_000 },
      )
      .toMatchObject({ sector: 'education' })
    expect((note!.props as unknown as { color: string }).color).toBe('blue')

    const noteShape = page.locator('.tl-shape[data-shape-type="note"]')
    await expect.poll(() => noteShape.getAttribute('data-sector')).toBe('education')
    await panel.getByRole('button', { name: 'Health' }).click()
    await expect.poll(() => noteShape.getAttribute('data-lens-faded')).toBe('true')
    await page.screenshot({ path: 'test-results/sector-lens-health.png' })
    await panel.getByRole('button', { name: 'Education' }).click()
    await expect.poll(() => noteShape.getAttribute('data-lens-faded')).toBeNull()
    await panel.getByRole('button', { name: 'Show all sectors' }).click()
    expect(errors).toEqual([])
  })

  it('adds logframe rows from the board, keeping the grid aligned', async () => {
    const board = await createBoard(env.server.url, 'Logframe rows')
    const { page, errors } = await openWatchedPage(env.browser)
    await joinBoard(page, env.server.url + board.links.editor, 'Hana')
    await insert(page, 'Templates', 'Insert Integrated-outcome logframe')
    const rows = page.getByRole('region', { name: 'Integrated-outcome logframe' })
    await expect.poll(() => rows.getByRole('button', { name: 'Add an output' }).isDisabled()).toBe(true)
    await rows.getByLabel('Add an output').selectOption('health')
    await rows.getByRole('button', { name: 'Add an output' }).click()
    await rows.getByRole('button', { name: 'Add an activity row' }).click()
    await page.getByText('Output: Health').first().waitFor()
    await page.screenshot({ path: 'test-results/logframe-rows-added.png' })

    let shapes: (ShapeRecord & { x: number; y: number })[] = []
    await expect
      .poll(
        async () => {
          shapes = shapesOf(await boardRecords(env.server.url, board)) as typeof shapes
          return shapes.filter((s) => s.meta.part === 'grid-row-header').length
        },
        { timeout: 10_000 },
      )
      .toBe(8)
    const headerX = new Map(shapes.filter((s) => s.meta.part === 'grid-header').map((s) => [s.meta.column, s.x]))
    for (const cell of shapes.filter((s) => s.meta.part === 'grid-cell'))
      expect(cell.x).toBe(headerX.get(cell.meta.column))
    const rowY = (row: string) => shapes.find((s) => s.meta.part === 'grid-row-header' && s.meta.row === row)!.y
    expect(rowY('output-3')).toBeLessThan(rowY('output-4'))
    expect(rowY('output-4')).toBeLessThan(rowY('activities-1'))
    expect(rowY('activities-1')).toBeLessThan(rowY('activity-1'))
    expect(errors).toEqual([])
  })

  it('fits sticky notes into logframe cells, and grows a cell that holds two without breaking the grid', async () => {
    const board = await createBoard(env.server.url, 'Notes in cells')
    const { page, errors } = await openWatchedPage(env.browser)
    await joinBoard(page, env.server.url + board.links.editor, 'Hana')
    await insert(page, 'Templates', 'Insert Integrated-outcome logframe')
    await page.keyboard.press('Escape')
    type Placed = ShapeRecord & { id: string; x: number; y: number; props: { scale?: number } }
    const records = async () => [...(await boardRecords(env.server.url, board)).values()] as Placed[]
    const cellOf = (all: Placed[], row: string, column: string) =>
      all.find((s) => s.meta.part === 'grid-cell' && s.meta.row === row && s.meta.column === column)!
    const first = cellOf(await records(), 'output-1', 'indicators')
    const noteBox = (note: Placed) => {
      const scale = note.props.scale ?? 1
      return { x: note.x, y: note.y, w: 200 * scale, h: (200 + (note.props.growY ?? 0)) * scale }
    }
    const inside = (box: { x: number; y: number; w: number; h: number }, cell: Placed) =>
      box.x >= cell.x &&
      box.y >= cell.y &&
      box.x + box.w <= cell.x + cell.props.w &&
      box.y + box.h <= cell.y + cell.props.h

    // Where a cell is on screen once the view has stopped moving (inserting a template animates the camera to it).
    const settledBox = async (cellId: string) => {
      const cellShape = page.locator(`.tl-shape[data-shape-id="${cellId}"]`)
      let box = await cellShape.boundingBox()
      for (;;) {
        await new Promise((resolve) => setTimeout(resolve, 150))
        const again = await cellShape.boundingBox()
        if (JSON.stringify(again) === JSON.stringify(box)) return again!
        box = again
      }
    }
    const addNoteAt = async (cellId: string, text: string) => {
      const at = await settledBox(cellId)
      await page.getByTestId('tools.note').click()
      await page.mouse.click(at.x + at.width / 2, at.y + at.height / 2)
      await page.locator('[contenteditable="true"]:focus').waitFor({ timeout: 10_000 })
      await page.keyboard.type(text)
      await page.keyboard.press('Escape')
    }
    // Made in the cell with the note tool: fitted to it.
    await addNoteAt(first.id, 'Children referred')
    await page.keyboard.press('Escape')
    // Made in another cell, then dragged onto the first: it goes under it, and the row grows to hold both.
    await addNoteAt(cellOf(await records(), 'goal', 'narrative').id, 'Cases closed')
    await page.keyboard.press('Escape')
    await page.keyboard.press('Escape')
    // Once it has settled in its cell (fitted when writing ended), a moment after the click that made it and off
    // its centre: otherwise the two clicks read as a double-click.
    await expect
      .poll(async () => (await records()).filter((s) => s.type === 'note' && (s.props.scale ?? 1) < 1).length)
      .toBe(2)
    await new Promise((resolve) => setTimeout(resolve, 700))
    const dragged = (await page
      .locator('.tl-shape[data-shape-type="note"]', { hasText: 'Cases closed' })
      .boundingBox())!
    const target = await settledBox(first.id)
    await page.mouse.move(dragged.x + dragged.width / 2, dragged.y + 8)
    await page.mouse.down()
    await page.mouse.move(target.x + target.width / 2, target.y + target.height / 2, { steps: 12 })
    await page.mouse.up()
    // The drop, and the cell grown to fit it, reach the server a moment later (a page writes at most every 50 ms, and
    // the fitting takes a few steps): the board is read until it has settled as it should, then checked in full.
    const settled = (all: Placed[]) => {
      const cell = cellOf(all, 'output-1', 'indicators')
      const notes = all.filter((s) => s.type === 'note')
      const [a, b] = notes.map(noteBox).sort((p, q) => p.y - q.y)
      const row = all.filter((s) => s.meta.row === 'output-1' && s.meta.part !== undefined)
      const next = all.find((s) => s.meta.part === 'grid-row-header' && s.meta.row === 'output-2')!
      return { cell, notes, a, b, row, next }
    }
    const holds = ({ cell, notes, a, b, row, next }: ReturnType<typeof settled>) =>
      notes.length === 2 &&
      notes.every((note) => inside(noteBox(note), cell)) &&
      a!.y + a!.h <= b!.y &&
      cell.props.h > first.props.h &&
      row.every((s) => s.props.h === cell.props.h) &&
      Math.abs(next.y - (cell.y + cell.props.h)) < 1e-5
    let seen: ReturnType<typeof settled> | undefined
    await expect.poll(async () => holds((seen = settled(await records()))), { timeout: 10_000 }).toBe(true)
    await page.screenshot({ path: 'test-results/logframe-notes-in-cells.png' })
    const { cell, notes, a, b, row, next } = seen!
    // Each note fits in the cell, the two do not overlap, and the cell grew to hold the second.
    for (const note of notes) expect(inside(noteBox(note), cell)).toBe(true)
    expect(a!.y + a!.h).toBeLessThanOrEqual(b!.y)
    expect(cell.props.h).toBeGreaterThan(first.props.h)
    // The grid holds: the row's header and cells share its height, and the next row starts where it ends.
    expect(new Set(row.map((s) => s.props.h))).toEqual(new Set([cell.props.h]))
    expect(next.y).toBeCloseTo(cell.y + cell.props.h, 5)
    expect(errors).toEqual([])
  })
})
