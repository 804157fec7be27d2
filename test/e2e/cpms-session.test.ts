import { readFileSync } from 'node:fs'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { ar, en } from '../../apps/web/src/i18n/messages.ts'
import { bearer, createBoard, type CreatedBoard } from '../support/boards.ts'
import { addStickyNote, joinBoard } from './support/boardPage.ts'
import { docxParagraphs, exportedFile, pdfPageCount, pdfText, pdfToPngs } from './support/exports.ts'
import { e2eSkipReason, openWatchedPage, type WatchedPage } from './support/browser.ts'
import { useE2eEnvironment } from './support/e2eEnvironment.ts'

const skip = e2eSkipReason()
const quiet = (page: WatchedPage) => page.errors.filter((error) => !/WebSocket|ERR_ABORTED/.test(error))

/** Starts the agenda item `topic` from the facilitator's panel, and waits until `reader` sees it as the current one. */
async function startItem(facilitator: Page, topic: string, readers: { page: Page; now: string }[]): Promise<void> {
  await facilitator.getByRole('button', { name: `${en.startItem}: ${topic}`, exact: true }).click()
  for (const { page, now } of readers)
    await page.getByTestId('current-agenda-item').filter({ hasText: now }).waitFor({ timeout: 15_000 })
}

describe.skipIf(skip)('the CPMS “Working across sectors” session, run from the panel', () => {
  const env = useE2eEnvironment('cg-e2e-cpms-')

  it('runs every step with a facilitator, two participants (one reading Arabic) and a viewer', async () => {
    const board = await createBoard(env.server.url, 'Working across sectors')
    const [fatima, amina, layla, victor] = await Promise.all([
      openWatchedPage(env.browser),
      openWatchedPage(env.browser),
      openWatchedPage(env.browser),
      openWatchedPage(env.browser),
    ])
    await joinBoard(fatima.page, env.server.url + board.links.facilitator, 'Fatima')
    await joinBoard(amina.page, env.server.url + board.links.editor, 'Amina')
    await joinBoard(layla.page, env.server.url + board.links.editor, 'Layla', 'ar')
    await joinBoard(victor.page, env.server.url + board.links.viewer, 'Victor')
    const f = fatima.page

    // The plan, as the Minimum Standards' session runs it: 135 minutes.
    await f.getByRole('button', { name: en.facilitate, exact: true }).click()
    await f.getByRole('button', { name: en.useSamplePlan }).click()
    await f.getByLabel(en.workshopPlace).fill('Amman, in person')
    await expect.poll(() => f.getByTestId('agenda-total').textContent()).toBe('Total: 135 min')

    await startItem(f, en.topicIntroduction, [
      { page: amina.page, now: en.topicIntroduction },
      { page: layla.page, now: ar.topicIntroduction },
    ])

    // Think-pair-share: everyone thinks alone first (private mode, opened from the item's link).
    await startItem(f, en.topicCentralityOfProtection, [{ page: layla.page, now: ar.topicCentralityOfProtection }])
    await f
      .getByRole('listitem')
      .filter({ hasText: en.topicCentralityOfProtection })
      .getByRole('button', { name: `${en.openTool}: ${en.privateMode}` })
      .click()
    await f.getByLabel(en.privateModeToggle).check()
    await layla.page.getByTestId('private-mode-notice').waitFor({ timeout: 15_000 })
    await addStickyNote(layla.page, 'حماية الطفل مسؤولية الجميع', { x: 500, y: 500 })
    await f
      .getByTestId('private-notes-count')
      .filter({ hasText: '1 private note waiting' })
      .waitFor({ timeout: 15_000 })
    // Revealed with the author's name, which the report prints beside the note.
    await f.getByLabel(en.revealAnonymously).uncheck()
    await f.getByRole('button', { name: en.revealNotes }).click()
    await amina.page.getByText('حماية الطفل مسؤولية الجميع').first().waitFor({ timeout: 15_000 })
    await f.getByRole('button', { name: en.turnPrivateModeOff }).click()
    await layla.page.getByTestId('private-mode-notice').waitFor({ state: 'detached', timeout: 15_000 })

    await startItem(f, en.topicWaysToWorkAcrossSectors, [{ page: amina.page, now: en.topicWaysToWorkAcrossSectors }])

    // Identifying sectors: a sticker vote on the prioritisation template's own boxes.
    await startItem(f, en.topicIdentifyingSectors, [{ page: layla.page, now: ar.topicIdentifyingSectors }])
    await f.getByRole('button', { name: en.templates, exact: true }).click()
    await f.getByRole('button', { name: en.insertTemplateNamed.replace('{name}', 'Sector prioritisation') }).click()
    await f.getByLabel(en.votingTitle).fill('Which sectors first?')
    await f.getByRole('button', { name: en.startVotingOnSelection.replace('{n}', '8') }).click()
    await amina.page.getByRole('button', { name: en.placeStickerOn.replace('{item}', 'Education') }).click()
    await layla.page.getByRole('button', { name: ar.placeStickerOn.replace('{item}', 'التعليم') }).click()
    await layla.page.getByRole('button', { name: ar.placeStickerOn.replace('{item}', 'الصحة') }).click()
    await expect
      .poll(() => f.getByTestId('voting-turnout').textContent(), { timeout: 15_000 })
      .toBe('2 of 2 have voted')
    await f.getByRole('button', { name: en.endVoting }).click()
    await expect
      .poll(() => f.getByTestId('voting-results').locator('li').allInnerTexts(), { timeout: 15_000 })
      .toEqual(expect.arrayContaining(['Education 2 votes', 'Health 1 vote']))

    // Key actions: one group per sector with the key actions template; the viewer stays in the plenary.
    await startItem(f, en.topicKeyActions, [{ page: amina.page, now: en.topicKeyActions }])
    await f.getByRole('button', { name: `${en.openTool}: ${en.breakouts}` }).click()
    const setup = f.locator('.cg-breakout-setup')
    await setup.getByLabel(en.splitBySector).check()
    await setup.getByLabel('Education', { exact: true }).check()
    await setup.getByLabel('Health', { exact: true }).check()
    await setup.getByLabel(en.breakoutTemplate).selectOption({ label: 'Key actions group work' })
    await expect.poll(() => setup.locator('tbody tr').count(), { timeout: 15_000 }).toBe(3)
    await setup.getByLabel(en.groupOf.replace('{name}', 'Amina')).selectOption({ label: 'Education' })
    await setup.getByLabel(en.groupOf.replace('{name}', 'Layla')).selectOption({ label: 'Health' })
    expect(await setup.getByLabel(en.groupOf.replace('{name}', 'Victor')).locator('option:checked').textContent()).toBe(
      en.staysInPlenary,
    )
    const plenary = { amina: amina.page.url(), victor: victor.page.url() }
    await f.getByRole('button', { name: en.startBreakouts }).click()
    await expect.poll(() => amina.page.url(), { timeout: 20_000 }).not.toBe(plenary.amina)
    await layla.page.getByText(`${ar.yourGroup} الصحة`).waitFor({ timeout: 30_000 })
    // Her group's template, laid out in the facilitator's English, reads in Arabic for her.
    await layla.page.locator('.tl-frame-heading', { hasText: 'عمل المجموعات: الإجراءات الرئيسية — الصحة' }).waitFor({
      timeout: 15_000,
    })
    await amina.page.locator('.tl-frame-heading', { hasText: 'Key actions group work — Education' }).waitFor()
    expect(victor.page.url()).toBe(plenary.victor)
    await addStickyNote(amina.page, 'Safe learning spaces', { x: 300, y: 640 })
    await addStickyNote(layla.page, 'عيادات متنقلة', { x: 300, y: 640 })
    await f.locator('.cg-breakout-card').filter({ hasText: 'Layla' }).waitFor({ timeout: 15_000 })
    await f.getByRole('button', { name: en.bringBackToPlenary }).click()
    await expect.poll(() => amina.page.url(), { timeout: 20_000 }).toBe(plenary.amina)
    await amina.page.getByText('عيادات متنقلة').first().waitFor({ timeout: 15_000 })

    // Presentations: the groups' frames as slides on every screen.
    await startItem(f, en.topicPresentationsPartOne, [{ page: layla.page, now: ar.topicPresentationsPartOne }])
    await f.getByRole('button', { name: en.presentFrames }).click()
    await f.getByText(/Frame 1 of \d+/).waitFor()
    await f.getByRole('button', { name: en.nextFrame, exact: true }).click()
    await f.getByText(/Frame 2 of \d+/).waitFor()
    await startItem(f, en.topicEnergiser, [{ page: amina.page, now: en.topicEnergiser }])
    await startItem(f, en.topicPresentationsPartTwo, [{ page: amina.page, now: en.topicPresentationsPartTwo }])

    // Vision and values: the statement written together, a value on a note.
    await startItem(f, en.topicVisionAndValues, [{ page: layla.page, now: ar.topicVisionAndValues }])
    await amina.page.getByRole('button', { name: en.templates, exact: true }).click()
    await amina.page
      .getByRole('button', { name: en.insertTemplateNamed.replace('{name}', 'Vision statement and values') })
      .click()
    await amina.page
      .getByRole('textbox', { name: 'Our shared vision statement' })
      .fill('By 2030 every child is safe and learning')
    await addStickyNote(amina.page, 'Dignity for every child', { x: 700, y: 560 })

    // Then the wrap-up: the logframe's buttons clicked with the mouse while the item runs.
    await startItem(f, en.topicWrapUp, [{ page: amina.page, now: en.topicWrapUp }])
    await amina.page.getByRole('button', { name: en.templates, exact: true }).click()
    await amina.page
      .getByRole('button', { name: en.insertTemplateNamed.replace('{name}', 'Integrated-outcome logframe') })
      .click()
    const rows = amina.page.getByRole('region', { name: 'Integrated-outcome logframe' })
    await rows.getByLabel('Add an output').selectOption('health')
    // A real click at the button's centre: it fails if anything of ours lies on top of the button.
    await rows.getByRole('button', { name: 'Add an output' }).click()
    await rows.getByRole('button', { name: 'Add an activity row' }).click()
    const healthRow = amina.page.locator('.tl-canvas').getByText('Output: Health').first()
    await healthRow.waitFor()
    // The health output's narrative, on a note dropped in the cell beside the row's heading.
    const heading = (await healthRow.boundingBox())!
    await addStickyNote(amina.page, 'Mobile health teams visit schools', {
      x: heading.x + heading.width + 60,
      y: heading.y + heading.height / 2,
    })
    // On her board too (out of her view, so drawn but not shown: counted, not looked at).
    await expect
      .poll(() => layla.page.locator('.tl-canvas').getByText('مخرج: الصحة').count(), { timeout: 15_000 })
      .toBeGreaterThan(0)
    await layla.page.screenshot({ path: 'test-results/cpms-session-arabic.png' })

    await f.getByRole('button', { name: `${en.finishItem}: ${en.topicWrapUp}`, exact: true }).click()
    await expect.poll(() => f.getByTestId('agenda-ran').count()).toBe(10)

    for (const page of [fatima, amina, layla, victor]) expect(quiet(page)).toEqual([])
    await checkReport(env.server.url, board)
  })
})

/** Everything written in the session: each must be in the report's text once, and in its pictures once. */
const WRITTEN = [
  'حماية الطفل مسؤولية الجميع',
  'Safe learning spaces',
  'عيادات متنقلة',
  'By 2030 every child is safe and learning',
  'Dignity for every child',
  'Mobile health teams visit schools',
]

/** The session's report, as PDF in English and Arabic and as DOCX: a document first, each piece of work once. */
async function checkReport(serverUrl: string, board: CreatedBoard): Promise<void> {
  const post = async (body: object) => {
    // The PDF checks before each export run synchronously (pdftotext, pdftoppm) and can hold this process for longer
    // than the server keeps an idle connection: let the loop see the server's close first, or fetch would reuse a
    // connection the server has already closed ("other side closed").
    await new Promise((resolve) => setTimeout(resolve, 50))
    return fetch(`${serverUrl}/api/boards/${board.id}/exports`, {
      method: 'POST',
      headers: { ...bearer(board.tokens.facilitator), 'content-type': 'application/json' },
      body: JSON.stringify({ report: true, ...body }),
    })
  }
  const pdf = await exportedFile(serverUrl, await post({ lang: 'en' }))
  // Words as a reader meets them: the PDF's direction marks and zero-width spaces left out.
  const marks = /[\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g
  const pages = Array.from({ length: pdfPageCount(pdf) }, (_, index) => pdfText(pdf, index + 1).replace(marks, ''))
  const readingOrder = pages.map((_, index) => pdfText(pdf, index + 1, { layout: false }).replace(marks, ''))
  pdfToPngs(pdf, 'test-results/cpms-report-en')

  // The cover names the participants, counts only them as participants, names the facilitator.
  expect(pages[0]).toContain('Working across sectors')
  expect(pages[0]).toContain('Workshop report')
  expect(pages[0]).toMatch(/Participants\s+2 · (Amina, Layla|Layla, Amina)/)
  expect(pages[0]).toMatch(/Place\s+Amman, in person/)
  expect(pages[0]).toMatch(/Facilitators\s+1 · Fatima/)
  expect(pages[0]).toMatch(/Observers\s+1/)

  const annexAt = pages.findIndex((page) => page.includes('Annex: the boards'))
  expect(annexAt).toBeGreaterThan(1)
  // Wrapped lines joined.
  const flat = (texts: string[]) => texts.join('\n').replace(/\s+/g, ' ')
  const documentPart = flat(pages.slice(0, annexAt))
  const documentWords = flat(readingOrder.slice(0, annexAt))
  const annex = flat(readingOrder.slice(annexAt))
  const count = (text: string, needle: string) => text.split(needle).length - 1
  // The agenda as run, each item with its planned and actual minutes.
  expect(documentPart).toContain('Agenda as run')
  expect(documentPart).toMatch(/10 Wrap-up.* \d+ min \d+ min/)
  for (const text of WRITTEN) {
    expect(count(documentWords, text), text).toBe(1)
    // In a picture a note's lines sit beside other shapes' words, which text extraction interleaves: its first
    // two words, which never wrap apart here, stand for it.
    const probe = text.split(' ').slice(0, 2).join(' ')
    expect(count(annex, probe), probe).toBe(1)
  }
  // Who wrote the revealed note; the vote with its question, turnout and places; each group's key actions.
  // (Text extraction orders a line of mixed directions its own way: the note and its author share a line.)
  expect(pages.join('\n')).toMatch(/^.*(حماية الطفل مسؤولية الجميع.*Layla|Layla.*حماية الطفل مسؤولية الجميع).*$/m)
  expect(documentPart).toContain('Vote: Which sectors first?')
  expect(documentPart).toContain('2 of 2 have voted · 3 stickers each')
  expect(pages.join('\n')).toMatch(/1\s+Education\s+2/)
  expect(documentPart).toContain('Group: Education')
  expect(documentPart).toContain('Group: Health')
  expect(documentPart).toMatch(/Question\s+Answers/)
  // The logframe as its spreadsheet lays it out.
  for (const heading of ['Level', 'Sector', 'Narrative summary', 'Means of verification'])
    expect(documentWords).toContain(heading)
  expect(documentWords).toMatch(/Output Health Mobile health teams visit schools/)
  // No page repeats another's content.
  const bodies = pages.map((page) => page.replace(/\s+/g, ' ').trim()).filter(Boolean)
  expect(new Set(bodies).size).toBe(bodies.length)

  const docx = await exportedFile(serverUrl, await post({ lang: 'en', format: 'docx' }), 'docx')
  const word = docxParagraphs(readFileSync(docx))
  for (const text of WRITTEN)
    expect(
      word.paragraphs.filter((line) => line.includes(text)),
      text,
    ).toHaveLength(1)
  expect(word.paragraphs).toContain('Vote: Which sectors first?')
  expect(word.paragraphs).toContain('Agenda as run')
  expect(word.xml).toContain('<pic:pic')

  const arabic = await exportedFile(serverUrl, await post({ lang: 'ar' }))
  pdfToPngs(arabic, 'test-results/cpms-report-ar')
  const arabicText = pdfText(arabic).replace(marks, '')
  expect(arabicText).toContain(ar.reportTitle)
  // Extraction may give an Arabic line's words in either order, and spells a lam-alef ligature back the wrong way
  // round: each other word is there, shaped text being text.
  for (const word of ar.reportAgenda.split(' ').filter((word) => !/ل[اأإآ]/.test(word)))
    expect(arabicText).toContain(word)
  const arabicWord = docxParagraphs(
    readFileSync(await exportedFile(serverUrl, await post({ lang: 'ar', format: 'docx' }), 'docx')),
  )
  expect(arabicWord.paragraphs).toContain(ar.reportAgenda)
  expect(arabicWord.xml).toContain('<w:bidi/>')
}
