import { describe, expect, it } from 'vitest'
import { createBoard } from '../support/boards.ts'
import { addStickyNote, enterName, peopleInMenu } from './support/boardPage.ts'
import { boardRecords } from './support/boardRecords.ts'
import { e2eSkipReason, openWatchedPage } from './support/browser.ts'
import { useE2eEnvironment } from './support/e2eEnvironment.ts'

const skip = e2eSkipReason()

describe.skipIf(skip)('roles and links in the browser', () => {
  const env = useE2eEnvironment('cg-e2e-roles-')

  it('a viewer watches live but cannot change the board; rotation locks out old links with an explanation', async () => {
    const board = await createBoard(env.server.url, 'Roles')
    const facilitator = await openWatchedPage(env.browser)
    const participant = await openWatchedPage(env.browser)
    const viewer = await openWatchedPage(env.browser)
    await facilitator.page.goto(env.server.url + board.links.facilitator)
    await enterName(facilitator.page, 'Fatima')
    await participant.page.goto(env.server.url + board.links.editor)
    await enterName(participant.page, 'Paulo')
    await viewer.page.goto(env.server.url + board.links.viewer)
    await enterName(viewer.page, 'Vera')
    await facilitator.page.getByText('You are: Facilitator').waitFor()
    await participant.page.getByText('You are: Participant').waitFor()
    await viewer.page.getByText('You are: Viewer').waitFor()

    // The participant's note reaches the viewer live; the viewer has no tools to change anything.
    await addStickyNote(participant.page, 'Safe spaces for adolescents', { x: 640, y: 380 })
    await viewer.page.getByText('Safe spaces for adolescents').first().waitFor({ timeout: 15_000 })
    expect(await viewer.page.getByTestId('tools.note').count()).toBe(0)
    expect(await viewer.page.getByRole('button', { name: 'Templates' }).isDisabled()).toBe(true)
    await viewer.page.locator('.tl-shape[data-shape-type="note"]').dblclick()
    await viewer.page.keyboard.type('vandalised')
    await viewer.page.keyboard.press('Delete')
    await new Promise((resolve) => setTimeout(resolve, 500))
    const notes = [...(await boardRecords(env.server.url, board)).values()].filter(
      (record) => (record as { type?: string }).type === 'note',
    )
    expect(notes).toHaveLength(1)
    // Presence: the facilitator sees the viewer among the people on the board.
    await expect.poll(() => peopleInMenu(facilitator.page), { timeout: 15_000 }).toContain('Vera')

    // Only the facilitator has the links; replacing them disconnects the others with a clear page.
    expect(await participant.page.getByRole('button', { name: 'Links' }).count()).toBe(0)
    await facilitator.page.getByRole('button', { name: 'Links' }).click()
    const editorLink = facilitator.page.getByRole('textbox', { name: 'Participant link (can edit)' })
    expect(await editorLink.inputValue()).toBe(env.server.url + board.links.editor)
    facilitator.page.once('dialog', (dialog) => void dialog.accept())
    await facilitator.page.getByRole('button', { name: 'Replace participant and viewer links' }).click()
    await facilitator.page.getByText('New links made').waitFor()
    const newEditorLink = await editorLink.inputValue()
    expect(newEditorLink).not.toBe(env.server.url + board.links.editor)

    await participant.page.getByRole('heading', { name: 'This link was replaced' }).waitFor({ timeout: 15_000 })
    await viewer.page.getByRole('heading', { name: 'This link was replaced' }).waitFor({ timeout: 15_000 })
    await participant.page.goto(env.server.url + board.links.editor)
    await participant.page.reload()
    await participant.page.getByRole('heading', { name: 'This link does not open the board' }).waitFor()
    await participant.page.goto(newEditorLink)
    await participant.page.reload()
    await participant.page.getByText('You are: Participant').waitFor()
    await participant.page.getByText('Safe spaces for adolescents').first().waitFor()
    for (const page of [facilitator, participant, viewer]) {
      expect(page.errors.filter((error) => !/401|WebSocket/.test(error))).toEqual([])
    }
  })
})
