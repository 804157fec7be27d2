import { existsSync } from 'node:fs'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'

/** Debian's Chromium; never a browser downloaded by a test tool. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

// Without the background-networking flags Chromium keeps calling home, which this closed network refuses.
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

/**
 * Whether end-to-end tests can run here. In CI (or with CG_REQUIRE_E2E=1) a missing browser is an error,
 * so the suite fails loudly; on a developer's laptop the tests are skipped with the printed reason.
 */
export function e2eSkipReason(): string | null {
  if (existsSync(CHROMIUM_PATH)) return null
  const reason = `Chromium not found at ${CHROMIUM_PATH} (apt-get install -y chromium, or set CHROMIUM_PATH)`
  if (process.env.CI || process.env.CG_REQUIRE_E2E) throw new Error(`End-to-end tests are required here: ${reason}`)
  console.warn(`Skipping end-to-end tests: ${reason}`)
  return reason
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS })
}

export interface WatchedPage {
  page: Page
  context: BrowserContext
  /** Console errors and uncaught exceptions seen on the page. */
  errors: string[]
  /** Every URL the page requested. */
  requests: string[]
}

/** A fresh browser profile (own storage and IndexedDB) that records errors and requests. */
export async function openWatchedPage(browser: Browser): Promise<WatchedPage> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
  const page = await context.newPage()
  const errors: string[] = []
  const requests: string[] = []
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text())
  })
  page.on('pageerror', (error) => errors.push(`${error.name}: ${error.message}`))
  page.on('request', (request) => requests.push(request.url()))
  return { page, context, errors, requests }
}
