import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { createBoard, type CreatedBoard } from '../support/boards.ts'
import { addStickyNote, enterName, joinBoard, zoomWithMenu } from './support/boardPage.ts'
import { boardRecords } from './support/boardRecords.ts'
import { e2eSkipReason, openWatchedPage, type WatchedPage } from './support/browser.ts'
import { useE2eEnvironment } from './support/e2eEnvironment.ts'

const skip = e2eSkipReason()

interface Workshop {
  board: CreatedBoard
  facilitator: WatchedPage
  amina: WatchedPage
  bruno: WatchedPage
}

const noteTexts = async (board: CreatedBoard, url: string) =>
  [...(await boardRecords(url, board)).values()]
    .filter((record) => (record as { type?: string }).type === 'note')
    .map((record) => JSON.stringify((record as { props: unknown }).props))

/** Which of the frames named `names` lie wholly inside the page's canvas area, in view. */
async function framesInView(page: Page, names: string[]): Promise<string[]> {
  const area = (await page.locator('.cg-canvas-area').boundingBox())!
  const shown = new Set<string>()
  for (const frame of await page.locator('.tl-shape[data-shape-type="frame"]').all()) {
    // tldraw ends a frame's heading with a zero-width space.
    const name = ((await frame.textContent()) ?? '').replace(/\u200b/g, '').trim()
    const box = await frame.boundingBox()
    if (!box || !names.includes(name)) continue
    const inside =
      box.x >= area.x &&
      box.y >= area.y &&
      box.x + box.width <= area.x + area.width &&
      box.y + box.height <= area.y + area.height
    if (inside) shown.add(name)
  }
  return [...shown].sort()
}

async function openFacilitatorPanel(page: Page): Promise<void> {
  if ((await page.locator('.cg-facilitator-panel').count()) === 0) {
    await page.getByRole('button', { name: 'Facilitate', exact: true }).click()
  }
}

describe.skipIf(skip)('facilitating a workshop in Chromium: a facilitator and two participants', () => {
  const env = useE2eEnvironment('cg-e2e-facilitation-')

  async function startWorkshop(title: string): Promise<Workshop> {
    const board = await createBoard(env.server.url, title)
    const [facilitator, amina, bruno] = await Promise.all([
      openWatchedPage(env.browser),
      openWatchedPage(env.browser),
      openWatchedPage(env.browser),
    ])
    await facilitator.page.goto(env.server.url + board.links.facilitator)
    await enterName(facilitator.page, 'Fatima')
    for (const [person, name] of [
      [amina, 'Amina'],
      [bruno, 'Bruno'],
    ] as const) {
      await person.page.goto(env.server.url + board.links.editor)
      await enterName(person.page, name)
    }
    return { board, facilitator, amina, bruno }
  }

  const expectNoErrors = (workshop: Workshop) => {
    for (const page of [workshop.facilitator, workshop.amina, workshop.bruno]) {
      expect(page.errors.filter((error) => !/WebSocket|ERR_ABORTED/.test(error))).toEqual([])
    }
  }

  it('runs a timer everyone sees, and a sticker vote whose counts stay hidden until the end', async () => {
    const workshop = await startWorkshop('Priorities')
    const { facilitator, amina, bruno } = workshop
    await addStickyNote(facilitator.page, 'Early marriage', { x: 400, y: 400 })
    await addStickyNote(facilitator.page, 'School dropout', { x: 750, y: 400 })

    // Timer: started by the facilitator, seen running by everyone.
    await openFacilitatorPanel(facilitator.page)
    await facilitator.page
      .getByRole('button', { name: 'Start from the CPMS “Working across sectors” session plan' })
      .click()
    const total = facilitator.page.getByTestId('agenda-total')
    await expect.poll(() => total.textContent()).toBe('Total: 135 min')
    // Editing in place: the energiser takes 8 minutes instead of 5.
    await facilitator.page.getByRole('button', { name: 'Edit: Energiser' }).click()
    const editing = facilitator.page.locator('.cg-agenda li form')
    await editing.getByLabel('Minutes').fill('8')
    await editing.getByRole('button', { name: 'Save' }).click()
    await expect.poll(() => total.textContent()).toBe('Total: 138 min')
    // The voting item links to the tool that runs it.
    await facilitator.page.getByRole('button', { name: 'Open: Sticker voting' }).click()
    await expect.poll(() => facilitator.page.locator(':focus').getAttribute('data-tool')).toBe('voting')
    await facilitator.page.getByRole('button', { name: 'Start: Introduction' }).click()
    for (const { page } of [facilitator, amina, bruno]) {
      await page.getByTestId('current-agenda-item').filter({ hasText: 'Introduction' }).waitFor({ timeout: 15_000 })
      const timer = page.getByRole('timer')
      await expect.poll(() => timer.textContent(), { timeout: 15_000 }).toMatch(/^0[12]:\d\d$/)
    }
    // Someone reading in Arabic reads the plan's items in Arabic (a viewer: not counted in the turnout below).
    const layla = await openWatchedPage(env.browser)
    await joinBoard(layla.page, env.server.url + workshop.board.links.viewer, 'ليلى', 'ar')
    await layla.page
      .getByTestId('current-agenda-item')
      .filter({ hasText: 'الآن: مقدمة' })
      .filter({ hasText: 'التالي: مركزية الحماية' })
      .waitFor({ timeout: 15_000 })
    await layla.page.locator('.cg-timer-label', { hasText: 'مقدمة' }).waitFor()
    const first = await amina.page.getByRole('timer').textContent()
    await expect.poll(() => amina.page.getByRole('timer').textContent(), { timeout: 5_000 }).not.toBe(first)
    await facilitator.page.getByRole('button', { name: 'Pause', exact: true }).click()
    await bruno.page.getByText('Paused').waitFor({ timeout: 15_000 })

    // Voting on every note, three stickers each.
    await facilitator.page.locator('.tl-canvas').click({ position: { x: 600, y: 230 } })
    await facilitator.page.keyboard.press('Control+a')
    await facilitator.page.getByLabel('Question').fill('Which risks first?')
    await facilitator.page.getByRole('button', { name: 'Start voting on the 2 selected items' }).click()
    for (const { page } of [amina, bruno]) {
      await page.getByTestId('votes-left').filter({ hasText: '3 of 3 stickers left' }).waitFor({ timeout: 15_000 })
    }
    const turnout = facilitator.page.getByTestId('voting-turnout')
    await expect.poll(() => turnout.textContent(), { timeout: 15_000 }).toBe('0 of 2 have voted')
    await amina.page.getByRole('button', { name: 'Place a sticker on “School dropout”' }).click()
    await expect.poll(() => turnout.textContent(), { timeout: 15_000 }).toBe('1 of 2 has voted')
    await amina.page.getByRole('button', { name: 'Place a sticker on “Early marriage”' }).click()
    await bruno.page.getByRole('button', { name: 'Place a sticker on “School dropout”' }).click()
    await expect.poll(() => turnout.textContent(), { timeout: 15_000 }).toBe('2 of 2 have voted')
    await amina.page.getByTestId('votes-left').filter({ hasText: '1 of 3 stickers left' }).waitFor()
    await amina.page.screenshot({ path: 'test-results/voting-participant.png' })
    // One sticker per item: the same item cannot take a second one from Amina.
    expect(await amina.page.getByRole('button', { name: 'Place a sticker on “School dropout”' }).isDisabled()).toBe(
      true,
    )
    // Hidden until the end: Bruno sees his own sticker only, and nobody sees counts.
    expect(await bruno.page.locator('.cg-sticker').count()).toBe(1)
    expect(await facilitator.page.getByTestId('vote-total').count()).toBe(0)

    await facilitator.page.getByRole('button', { name: 'End voting and show results' }).click()
    for (const { page } of [facilitator, amina, bruno]) {
      await expect
        .poll(() => page.getByTestId('vote-total').locator('[aria-hidden="true"]').allTextContents(), {
          timeout: 15_000,
        })
        .toEqual(expect.arrayContaining(['2', '1']))
    }
    await facilitator.page.screenshot({ path: 'test-results/voting-results.png' })
    const results = facilitator.page.getByTestId('voting-results')
    await expect
      .poll(() => results.locator('li').allInnerTexts())
      .toEqual(['School dropout 2 votes', 'Early marriage 1 vote'])
    await bruno.page.getByRole('button', { name: 'Show vote results' }).click()
    await bruno.page.getByTestId('voting-results').getByText('2 people voted').waitFor()
    expectNoErrors(workshop)
    expect(layla.errors.filter((error) => !/WebSocket|ERR_ABORTED/.test(error))).toEqual([])
  })

  it('votes on the sector prioritisation template’s own sector boxes, as the template says', async () => {
    const workshop = await startWorkshop('Sectors first')
    const { facilitator, amina, bruno } = workshop
    // A participant who reads Arabic, on a board the facilitator lays out in English.
    const layla = await openWatchedPage(env.browser)
    await joinBoard(layla.page, env.server.url + workshop.board.links.editor, 'ليلى', 'ar')
    await facilitator.page.getByRole('button', { name: 'Templates', exact: true }).click()
    await facilitator.page.getByRole('button', { name: 'Insert Sector prioritisation' }).click()
    // She reads the template in Arabic (its heading and boxes), the others in English, on the same board.
    await layla.page.locator('.tl-frame-heading', { hasText: 'ترتيب أولويات القطاعات' }).waitFor({ timeout: 15_000 })
    await layla.page.locator('.tl-canvas').getByText('التعليم', { exact: true }).waitFor()
    await amina.page.locator('.tl-canvas').getByText('Education', { exact: true }).waitFor()
    await layla.page.screenshot({ path: 'test-results/template-read-in-arabic.png' })
    await openFacilitatorPanel(facilitator.page)
    // The inserted frame is selected: the vote is on its eight sectors (locked scaffold, but voting targets).
    await facilitator.page.getByLabel('Question').fill('Which sectors first?')
    await facilitator.page.getByRole('button', { name: 'Start voting on the 8 selected items' }).click()
    for (const { page } of [amina, bruno]) {
      await page.getByTestId('votes-left').filter({ hasText: '3 of 3 stickers left' }).waitFor({ timeout: 15_000 })
    }
    await amina.page.getByRole('button', { name: 'Place a sticker on “Education”' }).click()
    await amina.page.getByRole('button', { name: 'Place a sticker on “Health”' }).click()
    await bruno.page.getByRole('button', { name: 'Place a sticker on “Education”' }).click()
    await layla.page.getByRole('button', { name: 'ضع ملصقًا على «التعليم»' }).click()
    await layla.page.getByRole('button', { name: 'ضع ملصقًا على «الصحة»' }).click()
    await facilitator.page.getByRole('button', { name: 'End voting and show results' }).click()
    const results = facilitator.page.getByTestId('voting-results')
    // Education 3, Health 2: each takes one place, and ties would share one.
    await expect
      .poll(() => results.locator('li').allInnerTexts(), { timeout: 15_000 })
      .toEqual(expect.arrayContaining(['Education 3 votes', 'Health 2 votes']))
    await layla.page.getByRole('button', { name: 'اعرض نتائج التصويت' }).click()
    await layla.page.getByTestId('voting-results').getByText('التعليم').waitFor()
    expectNoErrors(workshop)
    expect(layla.errors.filter((error) => !/WebSocket|ERR_ABORTED/.test(error))).toEqual([])
  })

  it('makes everyone follow the facilitator, and keeps private notes private until revealed', async () => {
    const workshop = await startWorkshop('Follow and private')
    const { facilitator, amina, bruno } = workshop
    await addStickyNote(facilitator.page, 'Far away corner', { x: 640, y: 400 })
    await openFacilitatorPanel(facilitator.page)
    await facilitator.page.getByRole('button', { name: 'Everyone follow me' }).click()
    await amina.page.getByText('Following Fatima’s view').waitFor({ timeout: 15_000 })
    const noteWidth = (page: Page) =>
      page
        .locator('.tl-shape[data-shape-type="note"]')
        .first()
        .evaluate((el) => el.getBoundingClientRect().width)
    // Both start at 100 %; each check below compares with that width, so it fails if nothing moved.
    const unzoomed = await noteWidth(facilitator.page)
    // Following fits the facilitator's view (a little narrower: their panel is beside the canvas) into Amina's.
    expect(Math.abs((await noteWidth(amina.page)) / unzoomed - 1)).toBeLessThan(0.05)
    // The facilitator zooms in to 400 % (read back once the animation settled); Amina's view follows.
    await zoomWithMenu(facilitator.page, 'zoom-in', '200%')
    await zoomWithMenu(facilitator.page, 'zoom-in', '400%')
    const zoomed = await noteWidth(facilitator.page)
    expect(zoomed).toBeGreaterThan(unzoomed * 3.5)
    await expect.poll(() => noteWidth(amina.page), { timeout: 15_000 }).toBeGreaterThan(unzoomed * 3.5)
    await amina.page.getByRole('button', { name: 'Look around on my own' }).click()
    await amina.page.getByRole('button', { name: 'Follow Fatima again' }).waitFor()
    await facilitator.page.getByRole('button', { name: 'Stop “follow me”' }).click()
    // "Bring everyone here": one jump to the facilitator's view (fitted inside Amina's, so a little under
    // 400 %), for Amina who looks elsewhere at 100 %.
    await zoomWithMenu(amina.page, 'zoom-to-100', '100%')
    expect(await noteWidth(amina.page)).toBeLessThan(unzoomed * 1.5)
    await facilitator.page.getByRole('button', { name: 'Bring everyone here' }).click()
    await expect.poll(() => noteWidth(amina.page), { timeout: 15_000 }).toBeGreaterThan(unzoomed * 3)
    await facilitator.page.keyboard.press('Shift+1')

    // Private mode: Amina's note reaches nobody until the facilitator reveals it.
    await facilitator.page.getByLabel('Participants’ new notes stay private').check()
    await amina.page.getByTestId('private-mode-notice').waitFor({ timeout: 15_000 })
    await amina.page.keyboard.press('Shift+1')
    await addStickyNote(amina.page, 'Cash for care', { x: 300, y: 650 })
    await expect
      .poll(() => amina.page.locator('[data-private][data-private-label="Only you see this"]').count())
      .toBe(1)
    await new Promise((resolve) => setTimeout(resolve, 1_500))
    expect(await bruno.page.getByText('Cash for care').count()).toBe(0)
    expect((await noteTexts(workshop.board, env.server.url)).join()).not.toContain('Cash for care')

    // The facilitator knows how many are waiting, not what they say.
    await facilitator.page
      .getByTestId('private-notes-count')
      .filter({ hasText: '1 private note waiting, from 1 person' })
      .waitFor({ timeout: 15_000 })
    await facilitator.page.getByRole('button', { name: 'Reveal everyone’s notes' }).click()
    await facilitator.page.getByText('1 note revealed.').waitFor({ timeout: 15_000 })
    // Private mode is still on after the reveal, and the panel says so.
    await facilitator.page.getByText('Private mode is still on: new notes stay private.').waitFor()
    await bruno.page.getByText('Cash for care').first().waitFor({ timeout: 15_000 })
    await expect.poll(() => amina.page.getByText('Cash for care').count()).toBeGreaterThan(0)
    expect(await amina.page.locator('[data-private]').count()).toBe(0)
    await facilitator.page.getByRole('button', { name: 'Turn private mode off' }).click()
    await amina.page.getByTestId('private-mode-notice').waitFor({ state: 'detached', timeout: 15_000 })
    await facilitator.page.getByTestId('private-notes-count').filter({ hasText: 'No private notes yet.' }).waitFor()
    expectNoErrors(workshop)
  })

  it('sends people to breakout boards with a template, shows them live, and brings their work back', async () => {
    const workshop = await startWorkshop('Group work')
    const { facilitator, amina, bruno } = workshop
    await openFacilitatorPanel(facilitator.page)
    const breakouts = facilitator.page.locator('.cg-breakout-setup')
    await breakouts.getByRole('spinbutton', { name: 'Number of groups' }).fill('2')
    await breakouts.getByLabel('Template for each group').selectOption({ label: 'Vision statement and values' })
    // A viewer on the board is listed, and stays in the plenary: only participants are split.
    const viewer = await openWatchedPage(env.browser)
    await viewer.page.goto(env.server.url + workshop.board.links.viewer)
    await enterName(viewer.page, 'Victor')
    const viewerUrl = viewer.page.url()
    await expect.poll(() => breakouts.locator('tbody tr').count(), { timeout: 15_000 }).toBe(3)
    await breakouts.locator('tbody tr', { hasText: 'Victor' }).getByText('Viewer').waitFor()
    const groupOf = (name: string) => breakouts.getByLabel(`Group of ${name}`).locator('option:checked').textContent()
    expect(await groupOf('Victor')).toBe('Stays in plenary')
    for (const name of ['Amina', 'Bruno']) expect(await groupOf(name)).toMatch(/^Group [12]$/)
    await breakouts.getByRole('button', { name: 'Shuffle' }).click()
    expect(await groupOf('Victor')).toBe('Stays in plenary')
    // Both participants in different groups, set by hand.
    await breakouts.getByLabel('Group of Amina').selectOption({ label: 'Group 1' })
    await breakouts.getByLabel('Group of Bruno').selectOption({ label: 'Group 2' })
    const plenaryUrl = amina.page.url()
    await facilitator.page.getByRole('button', { name: 'Start breakouts' }).click()

    for (const { page } of [amina, bruno]) {
      await expect.poll(() => page.url(), { timeout: 20_000 }).not.toBe(plenaryUrl)
      await page.locator('.tl-canvas').waitFor({ timeout: 30_000 })
    }
    await amina.page.getByText('Your group:').waitFor()
    // The group's template was laid out once, even though it may be opened by several people.
    await expect
      .poll(() => amina.page.locator('.tl-shape[data-shape-type="frame"]').count(), { timeout: 15_000 })
      .toBe(1)
    // Nobody arrives holding the template: nothing is selected.
    expect(await amina.page.locator('.tl-selection__fg').count()).toBe(0)
    // The viewer stayed in the plenary.
    expect(viewer.page.url()).toBe(viewerUrl)
    await amina.page.keyboard.press('Shift+1')
    // The scaffold is locked for participants (the facilitator's setting): deleting the template does nothing.
    await amina.page.keyboard.press('Control+a')
    await amina.page.keyboard.press('Delete')
    await new Promise((resolve) => setTimeout(resolve, 500))
    expect(await amina.page.locator('.tl-shape[data-shape-type="frame"]').count()).toBe(1)
    // Nor does dragging it: the frame stays where it is.
    const frame = amina.page.locator('.tl-shape[data-shape-type="frame"]').first()
    const before = await frame.boundingBox()
    const heading = await amina.page.locator('.tl-frame-heading').first().boundingBox()
    await amina.page.mouse.move(heading!.x + 10, heading!.y + heading!.height / 2)
    await amina.page.mouse.down()
    await amina.page.mouse.move(heading!.x + 160, heading!.y + 120, { steps: 8 })
    await amina.page.mouse.up()
    await new Promise((resolve) => setTimeout(resolve, 300))
    const after = await frame.boundingBox()
    expect([after!.x, after!.y]).toEqual([before!.x, before!.y])
    await amina.page.keyboard.press('Escape')
    await addStickyNote(amina.page, 'Every child learns safely', { x: 400, y: 600 })

    // The overview shows both groups live.
    const cards = facilitator.page.locator('.cg-breakout-card')
    await expect.poll(() => cards.count(), { timeout: 15_000 }).toBe(2)
    await cards.filter({ hasText: 'Amina' }).waitFor({ timeout: 15_000 })
    await expect
      .poll(async () => Number(await cards.first().locator('svg').getAttribute('data-shapes')), { timeout: 15_000 })
      .toBeGreaterThan(1)

    // Timer and messages reach the breakouts.
    await facilitator.page.getByLabel('Message to everyone (all rooms)').fill('Five minutes left')
    await facilitator.page.getByRole('button', { name: 'Send', exact: true }).click()
    await bruno.page.getByText('Five minutes left').waitFor({ timeout: 15_000 })

    await facilitator.page.screenshot({ path: 'test-results/breakout-overview.png' })
    await facilitator.page.getByRole('button', { name: 'Bring everyone back, with their work' }).click()
    for (const { page } of [amina, bruno]) {
      await expect.poll(() => page.url(), { timeout: 20_000 }).toBe(plenaryUrl)
    }
    const frames = facilitator.page.locator('.tl-shape[data-shape-type="frame"]')
    await expect.poll(() => frames.count(), { timeout: 15_000 }).toBeGreaterThanOrEqual(4)
    await facilitator.page.locator('.tl-canvas').getByText('Group 1').first().waitFor()
    await amina.page.getByText('Every child learns safely').first().waitFor({ timeout: 15_000 })
    expect((await noteTexts(workshop.board, env.server.url)).join()).toContain('Every child learns safely')
    // Back in the plenary, each person who was in a group is looking at the groups' work.
    for (const { page } of [amina, bruno]) {
      await expect
        .poll(() => framesInView(page, ['Group 1', 'Group 2']), { timeout: 15_000 })
        .toEqual(['Group 1', 'Group 2'])
    }

    // The groups' frames presented as slides: each one fills everyone's screen in turn.
    await facilitator.page.getByRole('button', { name: 'Present frames as slides' }).click()
    await facilitator.page.getByText('Frame 1 of 2').waitFor()
    // Frame shapes hold their own heading (their contents are sibling elements, and tldraw ends the heading with a
    // zero-width space): find a frame by its name.
    const frameWidth = (page: Page, name: string) =>
      page
        .locator('.tl-shape[data-shape-type="frame"]')
        .evaluateAll(
          (frames, label) =>
            Math.max(
              0,
              ...frames
                .filter((frame) => frame.textContent?.replace(/\u200b/g, '').trim() === label)
                .map((frame) => frame.getBoundingClientRect().width),
            ),
          name,
        )
    await expect.poll(() => frameWidth(amina.page, 'Group 1'), { timeout: 15_000 }).toBeGreaterThan(700)
    await facilitator.page.getByRole('button', { name: 'Next', exact: true }).click()
    await facilitator.page.getByText('Frame 2 of 2').waitFor()
    await expect.poll(() => frameWidth(amina.page, 'Group 2'), { timeout: 15_000 }).toBeGreaterThan(700)
    expectNoErrors(workshop)
  })
})
