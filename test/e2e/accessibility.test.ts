import { fileURLToPath } from 'node:url'
import type { Browser, Page } from 'playwright-core'
import { loadTemplateCatalog } from '@cg/templates/node'
import { describe, expect, it } from 'vitest'
import { ar, en, type Messages } from '../../apps/web/src/i18n/messages.ts'
import { createBoard, type CreatedBoard } from '../support/boards.ts'
import { expectNoSeriousViolations, type AuditOptions } from './support/axeAudit.ts'
import { addStickyNote, enterName, expectStatus } from './support/boardPage.ts'
import { e2eSkipReason, openWatchedPage, type WatchedPage } from './support/browser.ts'
import { useE2eEnvironment } from './support/e2eEnvironment.ts'
import {
  expectFocusBackOn,
  expectFocusTrapped,
  expectVisibleFocus,
  focusInDialog,
  hasFocus,
  tabTo,
} from './support/keyboardFocus.ts'

const skip = e2eSkipReason()
const { catalog } = loadTemplateCatalog(fileURLToPath(new URL('../../templates', import.meta.url)))
const LANGUAGES = { en, ar } as const
type Code = keyof typeof LANGUAGES

const LAPTOP = { width: 1280, height: 800 }
const PHONE = { width: 390, height: 844 }

/** Our dialogs are tldraw's (Radix): the one open now. */
const DIALOG = '.tlui-dialog__content'
const PANEL = '.cg-facilitator-panel'

/** The name a template's insert button has in `code`. */
function insertLabel(code: Code, templateId: string): string {
  const template = catalog.templates.find((candidate) => candidate.definition.id === templateId)!
  return LANGUAGES[code].insertTemplateNamed.replace('{name}', template.strings[code].name!)
}

/** A fresh browser profile reading `code` (the choice the page remembers), at a laptop's size. */
async function personReading(browser: Browser, code: Code): Promise<WatchedPage> {
  const person = await openWatchedPage(browser)
  await person.page.addInitScript((language) => localStorage.setItem('cg.language', language), code)
  return person
}

const button = (page: Page, name: string) => page.getByRole('button', { name, exact: true })

/** Waits for the one open dialog named `name`, and for what it loads (templates, the server's settings). */
async function dialogNamed(page: Page, name: string) {
  const dialog = page.getByRole('dialog', { name })
  await dialog.waitFor()
  await expect.poll(() => dialog.locator('[role="status"]').filter({ hasText: /…/ }).count()).toBe(0)
  return dialog
}

/** Audits the page as it is now, in the page's language, both as a whole and (optionally) just one part of it. */
function auditor(code: Code) {
  return (page: Page, what: string, options?: AuditOptions) =>
    expectNoSeriousViolations(page, `${what}, ${code}`, options)
}

/** Both sizes the app is used at; the audit runs at each, then the page goes back to the laptop's. */
async function atBothSizes(page: Page, run: (size: string) => Promise<void>): Promise<void> {
  for (const size of [LAPTOP, PHONE]) {
    await page.setViewportSize(size)
    await page.waitForTimeout(300) // the canvas and our slots lay out again
    await run(`${size.width}×${size.height}`)
  }
  await page.setViewportSize(LAPTOP)
}

/** Screenshots at a laptop's and a phone's size (in test-results/, out of git), then back to the laptop's. */
async function shoot(page: Page, name: string): Promise<void> {
  for (const size of [LAPTOP, PHONE]) {
    await page.setViewportSize(size)
    await page.waitForTimeout(300)
    await page.screenshot({ path: `test-results/accessibility/${name}-${size.width}x${size.height}.png` })
  }
  await page.setViewportSize(LAPTOP)
}

describe.skipIf(skip)(
  'accessibility (axe-core, WCAG 2.2 A/AA and best practices): no serious or critical violation',
  () => {
    const env = useE2eEnvironment('cg-e2e-accessibility-')

    it.each(Object.keys(LANGUAGES) as Code[])(
      'the home page, the name dialog, and the board page with every dialog and panel, as facilitator and participant, in %s',
      { timeout: 420_000 },
      async (code) => {
        const ui: Messages = LANGUAGES[code]
        const audit = auditor(code)
        const board: CreatedBoard = await createBoard(
          env.server.url,
          code === 'ar' ? 'ورشة التخطيط' : 'Planning workshop',
        )
        const facilitator = await personReading(env.browser, code)
        const participant = await personReading(env.browser, code)
        const fp = facilitator.page
        const pp = participant.page

        // The home page, before any board was opened on this device.
        await fp.goto(env.server.url)
        await fp.getByLabel(ui.boardTitleLabel).waitFor()
        expect(await fp.locator('html').getAttribute('dir')).toBe(code === 'ar' ? 'rtl' : 'ltr')
        await audit(fp, 'home page, new device')

        // The name dialog, then the board as it opens.
        await fp.goto(env.server.url + board.links.facilitator)
        await fp.getByLabel(ui.displayNameLabel).waitFor()
        await audit(fp, 'name dialog')
        await enterName(fp, code === 'ar' ? 'فاطمة' : 'Fatima', ui)
        await pp.goto(env.server.url + board.links.editor)
        await enterName(pp, code === 'ar' ? 'أمينة' : 'Amina', ui)
        await audit(fp, 'board page, empty, facilitator')

        // Templates: the dialog, then a logframe and the sector prioritisation on the board (the latter selected).
        await button(fp, ui.templates).click()
        await dialogNamed(fp, ui.templatesTitle)
        await audit(fp, 'Templates dialog', { include: [DIALOG] })
        await fp.getByRole('button', { name: insertLabel(code, 'logframe') }).click()
        await fp.locator(DIALOG).waitFor({ state: 'detached' })
        await fp.waitForTimeout(500) // the zoom to the template
        await audit(fp, 'board page with a logframe just inserted (selected), facilitator')
        await button(fp, ui.templates).click()
        await fp.getByRole('button', { name: insertLabel(code, 'sector-prioritisation') }).click()
        await fp.locator(DIALOG).waitFor({ state: 'detached' })

        // The facilitator's panel; the agenda from the session plan, its first item started, the timer running.
        await button(fp, ui.facilitate).click()
        await fp.locator(PANEL).waitFor()
        await audit(fp, 'Facilitate panel, as it opens', { include: [PANEL] })
        await button(fp, ui.useSamplePlan).click()
        await button(fp, `${ui.startItem}: ${ui.topicIntroduction}`).click()
        await pp.getByRole('timer').waitFor({ timeout: 15_000 })
        await button(fp, `${ui.editItem}: ${ui.topicEnergiser}`).click()
        await fp.locator('.cg-agenda li form').waitFor()
        await audit(fp, 'Facilitate panel: agenda running, an item being edited', { include: [PANEL] })
        await fp.locator('.cg-agenda li form').getByRole('button', { name: ui.cancelEdit }).click()

        // A sticker vote on the template's sector boxes (selected since their insertion).
        await fp
          .locator(PANEL)
          .getByLabel(ui.votingTitle)
          .fill(code === 'ar' ? 'أي القطاعات أولًا؟' : 'Which sectors first?')
        await fp.getByRole('button', { name: ui.startVotingOnSelection.replace('{n}', '8') }).click()
        await pp.getByTestId('votes-left').waitFor({ timeout: 15_000 })
        await audit(fp, 'board page during a vote, facilitator (panel open)')
        await audit(pp, 'board page during a vote, participant')
        await pp.locator('.cg-sticker-add').first().click()
        await pp.locator('.cg-sticker').first().waitFor()
        await audit(pp, 'board page during a vote, a sticker placed, participant')
        await button(fp, ui.endVoting).click()
        await fp.getByTestId('voting-results').waitFor({ timeout: 15_000 })
        await audit(fp, 'Facilitate panel: vote results', { include: [PANEL] })
        await button(pp, ui.showResults).click()
        await pp.getByTestId('voting-results').waitFor({ timeout: 15_000 })
        await audit(pp, 'board page with the vote results open in the workshop bar, participant')

        // Attention: frames as slides, follow me, a message to everyone.
        await button(fp, ui.presentFrames).click()
        await fp.getByRole('group', { name: ui.presentingFrames }).waitFor()
        await audit(fp, 'Facilitate panel: presenting frames', { include: [PANEL] })
        await button(fp, ui.stopPresenting).click()
        await button(fp, ui.followMe).click()
        await pp.getByRole('button', { name: ui.stepOut }).waitFor({ timeout: 15_000 })
        await fp
          .locator(PANEL)
          .getByLabel(ui.messageToEveryone)
          .fill(code === 'ar' ? 'بقيت خمس دقائق' : 'Five minutes left')
        await button(fp, ui.send).click()
        await pp.getByText(code === 'ar' ? 'بقيت خمس دقائق' : 'Five minutes left').waitFor({ timeout: 15_000 })
        await audit(pp, 'board page following the facilitator, with a message, participant')
        await button(fp, ui.stopFollowMe).click()

        // Private mode: the participant's own draft, and the facilitator's count of what waits.
        await fp.locator(PANEL).getByLabel(ui.privateModeToggle).check()
        await pp.getByTestId('private-mode-notice').waitFor({ timeout: 15_000 })
        await pp.keyboard.press('Escape')
        await addStickyNote(pp, code === 'ar' ? 'مساحات آمنة' : 'Safe spaces', { x: 640, y: 500 })
        await pp.locator('[data-private]').first().waitFor()
        await audit(pp, 'board page in private mode with a private draft, participant')
        await expect
          .poll(() => fp.getByTestId('private-notes-count').textContent(), { timeout: 15_000 })
          .not.toBe(ui.noPrivateNotes)

        // History: a version saved, listed.
        await fp
          .locator('.cg-history')
          .getByLabel(ui.versionName)
          .fill(code === 'ar' ? 'قبل التصويت' : 'Before voting')
        await fp.locator('.cg-history').getByRole('button', { name: ui.saveVersion }).click()
        await fp.locator('.cg-history').getByText(ui.versionSaved).waitFor({ timeout: 15_000 })
        // The version's own page, read-only, in a tab of its own.
        const [version] = await Promise.all([
          facilitator.context.waitForEvent('page'),
          fp.locator('.cg-history li').first().getByRole('button').first().click(),
        ])
        await version.getByText(ui.versionPreviewHelp).waitFor({ timeout: 15_000 })
        await version.locator('.tl-shape').first().waitFor({ timeout: 15_000 })
        await audit(version, 'a saved version’s page')
        await version.close()
        // The participant is listed for the breakouts, the activity lists who joined.
        await fp.locator('.cg-breakout-setup tbody tr').first().waitFor({ timeout: 15_000 })
        await fp.locator('.cg-activity-list li').first().waitFor({ timeout: 15_000 })
        await atBothSizes(fp, (size) =>
          audit(fp, `board page with the Facilitate panel, every section filled, at ${size}`),
        )

        // The delete-workshop dialog, from the panel's last section.
        await button(fp, ui.deleteWorkshopOpen).click()
        const deletion = await dialogNamed(fp, ui.deleteWorkshop)
        await deletion.getByRole('textbox').fill(board.title)
        await audit(fp, 'delete-workshop dialog, title typed', { include: [DIALOG] })
        await fp.keyboard.press('Escape')
        await fp.locator(DIALOG).waitFor({ state: 'detached' })

        // Links.
        await button(fp, ui.shareLinks).click()
        await dialogNamed(fp, ui.shareLinksTitle)
        await audit(fp, 'Links dialog', { include: [DIALOG] })
        await fp.keyboard.press('Escape')
        await fp.locator(DIALOG).waitFor({ state: 'detached' })

        // Export PDF, from tldraw's main menu: the board's options, then the report's.
        for (const { page, who } of [
          { page: fp, who: 'facilitator' },
          { page: pp, who: 'participant' },
        ]) {
          await page.getByTestId('main-menu.button').click()
          // tldraw's main menu, with our item first.
          await audit(page, `the main menu, ${who}`, { include: ['[role="menu"]'] })
          await page.getByRole('menuitem', { name: `${ui.exportPdf}…` }).click()
          const exporting = await dialogNamed(page, ui.exportPdfTitle)
          await audit(page, `Export PDF dialog, ${who}`, { include: [DIALOG] })
          await exporting.getByRole('checkbox', { name: ui.workshopReport }).check()
          await audit(page, `Export PDF dialog with the report chosen, ${who}`, { include: [DIALOG] })
          await page.keyboard.press('Escape')
          await page.locator(DIALOG).waitFor({ state: 'detached' })
        }

        // The sector panel, with something selected to tag.
        for (const { page, who } of [
          { page: fp, who: 'facilitator' },
          { page: pp, who: 'participant' },
        ]) {
          await page.locator('.tl-canvas').click({ position: { x: 500, y: 450 } })
          await page.keyboard.press('Control+a')
          await page.locator('.cg-sector-panel summary').click()
          await page.locator('.cg-sector-panel').getByLabel(ui.tagSelection).waitFor()
          await audit(page, `sector panel with a note selected, ${who}`, { include: ['.cg-sector-panel'] })
          await page.locator('.cg-sector-panel summary').click()
        }

        // The participant's Templates dialog and board page, at both sizes.
        await button(pp, ui.templates).click()
        await dialogNamed(pp, ui.templatesTitle)
        await audit(pp, 'Templates dialog, participant', { include: [DIALOG] })
        await pp.keyboard.press('Escape')
        await pp.locator(DIALOG).waitFor({ state: 'detached' })
        await atBothSizes(pp, (size) => audit(pp, `board page, participant, at ${size}`))

        // The home page again, now listing the board opened on this device.
        await fp.goto(env.server.url)
        await fp.getByRole('link', { name: board.title }).waitFor()
        await atBothSizes(fp, (size) => audit(fp, `home page with a recent board, at ${size}`))
        await expectStatus(pp, ui.statusConnected)
        for (const person of [facilitator, participant]) {
          expect(person.errors.filter((error) => !/WebSocket|ERR_ABORTED/.test(error))).toEqual([])
        }
      },
    )
  },
)

describe.skipIf(skip)('every dialog and panel with the keyboard alone (no mouse event)', () => {
  const env = useE2eEnvironment('cg-e2e-keyboard-')

  it.each(Object.keys(LANGUAGES) as Code[])(
    'opens each, uses it and closes it, and the focus returns to where it was, in %s',
    { timeout: 300_000 },
    async (code) => {
      const ui: Messages = LANGUAGES[code]
      const title = code === 'ar' ? 'ورشة لوحة المفاتيح' : 'Keyboard workshop'
      const board = await createBoard(env.server.url, title)
      const person = await personReading(env.browser, code)
      const page = person.page
      await person.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: env.server.url })

      // The name dialog: the focus starts in its field; typing and Enter join the board.
      await page.goto(env.server.url + board.links.facilitator)
      const nameField = page.getByLabel(ui.displayNameLabel)
      await nameField.waitFor()
      await expect.poll(() => hasFocus(nameField)).toBe(true)
      await shoot(page, `name-dialog-${code}`)
      await page.keyboard.type(code === 'ar' ? 'فاطمة' : 'Fatima')
      await page.keyboard.press('Enter')
      await expectStatus(page, ui.statusConnected)

      // Templates: opened from the bar, focus inside and kept there; a template inserted with Enter.
      const templates = button(page, ui.templates)
      await tabTo(page, templates)
      await expectVisibleFocus(page, 'the Templates button')
      await page.keyboard.press('Enter')
      await dialogNamed(page, ui.templatesTitle)
      expect(await focusInDialog(page)).toBe(true)
      await expectFocusTrapped(page)
      await page.keyboard.press('Escape')
      await page.locator(DIALOG).waitFor({ state: 'detached' })
      await expectFocusBackOn(page, templates, 'Templates closed with Escape')
      await page.keyboard.press('Enter')
      await dialogNamed(page, ui.templatesTitle)
      const insertVision = page.getByRole('button', { name: insertLabel(code, 'vision') })
      await tabTo(page, insertVision)
      await expectVisibleFocus(page, 'a template’s Insert button')
      await page.keyboard.press('Enter')
      await page.locator(DIALOG).waitFor({ state: 'detached' })
      await page.locator('.tl-shape[data-shape-type="frame"]').first().waitFor()
      await expectFocusBackOn(page, templates, 'Templates closed by inserting a template')

      // The sector panel: unfolded with Enter, a sector's lens pressed and released, folded with Escape.
      const sectors = page.locator('.cg-sector-panel summary')
      await tabTo(page, sectors)
      await expectVisibleFocus(page, 'the Sectors button')
      await page.keyboard.press('Enter')
      const firstSector = page.locator('.cg-sector-panel li button').first()
      await tabTo(page, firstSector)
      await expectVisibleFocus(page, 'a sector of the legend')
      await shoot(page, `sector-panel-focused-${code}`)
      await page.keyboard.press('Enter')
      await expect.poll(() => firstSector.getAttribute('aria-pressed')).toBe('true')
      await page.keyboard.press('Enter')
      await expect.poll(() => firstSector.getAttribute('aria-pressed')).toBe('false')
      await page.keyboard.press('Escape')
      await expect.poll(() => page.locator('.cg-sector-panel').getAttribute('open')).toBe(null)
      await expectFocusBackOn(page, sectors, 'the sector panel folded with Escape')

      // Links: a link copied with the keyboard, then closed with Escape.
      const links = button(page, ui.shareLinks)
      await tabTo(page, links)
      await page.keyboard.press('Enter')
      const linksDialog = await dialogNamed(page, ui.shareLinksTitle)
      expect(await focusInDialog(page)).toBe(true)
      // The template inserted above is still selected behind the dialog: the arrows that scroll the dialog's text
      // leave it where it is (tldraw would nudge it), and Tab goes on from there (tldraw would keep it).
      await tabTo(page, linksDialog.locator('.tlui-dialog__body'))
      const frame = page.locator('.tl-shape[data-shape-type="frame"]').first()
      const before = await frame.boundingBox()
      for (const key of ['ArrowDown', 'ArrowUp', 'ArrowRight']) await page.keyboard.press(key)
      await page.waitForTimeout(300)
      expect(await frame.boundingBox()).toEqual(before)
      const copy = linksDialog.getByRole('button', { name: `${ui.copyLink}: ${ui.editorLinkLabel}` })
      await tabTo(page, copy)
      await expectVisibleFocus(page, 'a Copy button')
      await page.keyboard.press('Enter')
      await expect.poll(() => copy.textContent()).toBe(ui.copied)
      expect(await page.evaluate('navigator.clipboard.readText()')).toBe(env.server.url + board.links.editor)
      await expectFocusTrapped(page)
      await page.keyboard.press('Escape')
      await page.locator(DIALOG).waitFor({ state: 'detached' })
      await expectFocusBackOn(page, links, 'Links closed with Escape')

      // Export PDF, from tldraw's main menu: the paper chosen with the arrow keys, then closed with Escape.
      const menu = page.getByTestId('main-menu.button')
      await tabTo(page, menu)
      await page.keyboard.press('Enter')
      const exportItem = page.getByRole('menuitem', { name: `${ui.exportPdf}…` })
      await exportItem.waitFor()
      for (let presses = 0; presses < 20 && !(await hasFocus(exportItem)); presses++)
        await page.keyboard.press('ArrowDown')
      await page.keyboard.press('Enter')
      const exporting = await dialogNamed(page, ui.exportPdfTitle)
      expect(await focusInDialog(page)).toBe(true)
      const paper = exporting.getByLabel(ui.paperSize)
      await tabTo(page, paper)
      await expectVisibleFocus(page, 'the Paper list')
      await page.keyboard.press('ArrowDown')
      await expect.poll(() => paper.inputValue()).toBe('letter')
      await expectFocusTrapped(page)
      await page.keyboard.press('Escape')
      await page.locator(DIALOG).waitFor({ state: 'detached' })
      await expectFocusBackOn(page, menu, 'Export PDF closed with Escape')

      // The facilitator's panel: opened from the bar, the agenda started and a version saved from the keyboard,
      // then closed with Escape.
      const facilitate = button(page, ui.facilitate)
      await tabTo(page, facilitate, { backwards: true })
      await expectVisibleFocus(page, 'the Facilitate button')
      await page.keyboard.press('Enter')
      await page.locator(PANEL).waitFor()
      await expect.poll(() => facilitate.getAttribute('aria-pressed')).toBe('true')
      const samplePlan = button(page, ui.useSamplePlan)
      await tabTo(page, samplePlan)
      await page.keyboard.press('Enter')
      const startFirst = button(page, `${ui.startItem}: ${ui.topicIntroduction}`)
      await tabTo(page, startFirst)
      await expectVisibleFocus(page, 'an agenda item’s Start button')
      await page.keyboard.press('Enter')
      await page.getByRole('timer').waitFor({ timeout: 15_000 })
      const versionName = page.locator('.cg-history').getByLabel(ui.versionName)
      // Past the ten items of the agenda, each with its five buttons.
      await tabTo(page, versionName, { most: 200 })
      await page.keyboard.type(code === 'ar' ? 'قبل التصويت' : 'Before voting')
      await page.keyboard.press('Enter')
      await page.locator('.cg-history').getByText(ui.versionSaved).waitFor({ timeout: 15_000 })
      await page.keyboard.press('Escape')
      await page.locator(PANEL).waitFor({ state: 'detached' })
      await expectFocusBackOn(page, facilitate, 'the Facilitate panel closed with Escape')

      // Opened again, and closed with its own Close button: the focus comes back all the same.
      await page.keyboard.press('Enter')
      await page.locator(PANEL).waitFor()
      const closePanel = page.locator(PANEL).getByRole('button', { name: ui.close })
      await tabTo(page, closePanel)
      await expectVisibleFocus(page, 'the panel’s Close button')
      await page.keyboard.press('Enter')
      await page.locator(PANEL).waitFor({ state: 'detached' })
      await expectFocusBackOn(page, facilitate, 'the Facilitate panel closed with its Close button')

      // The delete-workshop dialog, from the panel's last section: focus in the title field, Escape keeps it all.
      await page.keyboard.press('Enter')
      const openDeletion = button(page, ui.deleteWorkshopOpen)
      await tabTo(page, openDeletion, { most: 250 })
      await page.keyboard.press('Enter')
      const deletion = await dialogNamed(page, ui.deleteWorkshop)
      await expect.poll(() => hasFocus(deletion.getByRole('textbox'))).toBe(true)
      await page.keyboard.type(title)
      await expect.poll(() => deletion.getByRole('button', { name: ui.moveToTrash }).isEnabled()).toBe(true)
      await expectFocusTrapped(page)
      await page.keyboard.press('Escape')
      await page.locator(DIALOG).waitFor({ state: 'detached' })
      await expectFocusBackOn(page, openDeletion, 'the delete-workshop dialog closed with Escape')
      expect(person.errors.filter((error) => !/WebSocket|ERR_ABORTED/.test(error))).toEqual([])
    },
  )
})
