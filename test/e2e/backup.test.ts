import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { BACKUP_VERSION } from '../../apps/server/src/backup/boardBackup.ts'
import { createBoard } from '../support/boards.ts'
import { addStickyNote, enterName } from './support/boardPage.ts'
import { e2eSkipReason, openWatchedPage } from './support/browser.ts'
import { useE2eEnvironment } from './support/e2eEnvironment.ts'

const skip = e2eSkipReason()

describe.skipIf(skip)('board backup in Chromium', () => {
  const env = useE2eEnvironment('cg-e2e-backup-')

  it('downloads a workshop as a file and restores it from the home page as a new board', async () => {
    const board = await createBoard(env.server.url, 'Risk map')
    const facilitator = await openWatchedPage(env.browser)
    await facilitator.page.goto(env.server.url + board.links.facilitator)
    await enterName(facilitator.page, 'Fatima')
    await addStickyNote(facilitator.page, 'Flooding closes schools', { x: 640, y: 400 })
    await facilitator.page.getByRole('button', { name: 'Facilitate', exact: true }).click()
    const downloading = facilitator.page.waitForEvent('download')
    await facilitator.page.getByRole('button', { name: 'Download a backup' }).click()
    const download = await downloading
    expect(download.suggestedFilename()).toMatch(/^Risk-map-\d{4}-\d\d-\d\d\.cgboard\.json$/)
    const file = await download.path()
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({
      format: 'common-ground-board-backup',
      version: BACKUP_VERSION,
    })

    // Someone else restores it on the home page: a new board opens with the note, and they facilitate it.
    const other = await openWatchedPage(env.browser)
    await other.page.goto(env.server.url)
    await other.page.getByLabel('Backup file').setInputFiles({
      name: 'broken.cgboard.json',
      mimeType: 'application/json',
      buffer: Buffer.from('{"format": "common-ground-board-backup", "vers'),
    })
    await other.page.getByRole('alert').filter({ hasText: 'not a board backup, or it is incomplete' }).waitFor()
    await other.page.getByLabel('Backup file').setInputFiles(file)
    await other.page.waitForURL((url) => url.pathname.startsWith('/b/') && !url.pathname.includes(board.id))
    await enterName(other.page, 'Omar')
    await other.page.getByText('Flooding closes schools').first().waitFor({ timeout: 15_000 })
    await other.page.getByText('Facilitator').first().waitFor()
    expect(facilitator.errors).toEqual([])
    expect(other.errors.filter((error) => !/400/.test(error))).toEqual([])
  })
})
