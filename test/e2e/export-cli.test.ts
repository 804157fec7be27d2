import { execFileSync, spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { createBoard } from '../support/boards.ts'
import { makeTempDir } from '../support/tempDir.ts'
import { addStickyNote, enterName } from './support/boardPage.ts'
import { e2eSkipReason, openWatchedPage } from './support/browser.ts'
import { useE2eEnvironment } from './support/e2eEnvironment.ts'

const skip = e2eSkipReason()
const CLI = fileURLToPath(new URL('../../apps/server/src/exportCli.ts', import.meta.url))

describe.skipIf(skip)('npm run export: a PDF report without a browser open', () => {
  const env = useE2eEnvironment('cg-e2e-cli-')

  it('writes the workshop report of a board from the data directory, while the server keeps running', async () => {
    const board = await createBoard(env.server.url, 'Field office workshop')
    const { page } = await openWatchedPage(env.browser)
    await page.goto(env.server.url + board.links.editor)
    await enterName(page, 'Lina')
    await addStickyNote(page, 'Water points near schools', { x: 640, y: 400 })
    await new Promise((resolve) => setTimeout(resolve, 500))
    await page.close()

    const out = join(makeTempDir('cg-e2e-cli-out-'), 'report.pdf')
    const run = spawnSync(
      process.execPath,
      [CLI, '--board', board.id, '--out', out, '--data-dir', env.dataDir, '--lang', 'fr'],
      {
        encoding: 'utf8',
        timeout: 120_000,
      },
    )
    expect(run.status, run.stderr).toBe(0)
    expect(run.stdout).toContain(`Wrote ${out}`)
    const text = execFileSync('pdftotext', ['-layout', out, '-']).toString()
    expect(text).toContain('Rapport d’atelier')
    expect(text).toContain('Water points')
    // The running server was not disturbed.
    expect((await fetch(`${env.server.url}/healthz`)).status).toBe(200)

    const missing = spawnSync(
      process.execPath,
      [CLI, '--board', 'A'.repeat(22), '--out', out, '--data-dir', env.dataDir],
      {
        encoding: 'utf8',
      },
    )
    expect(missing.status).toBe(1)
    expect(missing.stderr).toContain(`No board ${'A'.repeat(22)}`)
  })
})
