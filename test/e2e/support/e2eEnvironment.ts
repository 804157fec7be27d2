import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll } from 'vitest'
import { spawnServer, type ServerProcess } from '../../support/serverProcess.ts'
import { makeTempDir, removeTempDir } from '../../support/tempDir.ts'
import { launchChromium } from './browser.ts'

const WEB_DIST = fileURLToPath(new URL('../../../apps/web/dist', import.meta.url))

export interface E2eEnvironment {
  browser: Browser
  /** The running server executable; a test may replace it (e.g. after killing it). */
  server: ServerProcess
  dataDir: string
}

/** Per test file: a real server process on a fresh data dir and one Chromium, torn down afterwards. */
export function useE2eEnvironment(prefix: string, serverEnv: Record<string, string> = {}): E2eEnvironment {
  const env = {} as E2eEnvironment
  beforeAll(async () => {
    if (!existsSync(join(WEB_DIST, 'index.html'))) throw new Error('apps/web is not built: run `npm run build`')
    env.dataDir = makeTempDir(prefix)
    env.server = await spawnServer({ ...serverEnv, DATA_DIR: env.dataDir })
    env.browser = await launchChromium()
  })
  afterAll(async () => {
    await env.browser?.close()
    await env.server?.stop()
    removeTempDir(env.dataDir)
  })
  return env
}
