import { CHROMIUM_PATH, e2eSkipReason, launchChromium } from './browser.ts'

/**
 * Vitest global setup of the end-to-end project: names the browser at the start of the run, so a failure
 * can be read against the Chromium build it ran on (Debian updates it under us).
 */
export default async function printBrowserVersion(): Promise<void> {
  if (e2eSkipReason()) return
  const browser = await launchChromium()
  try {
    console.log(`End-to-end tests run on Chromium ${browser.version()} (${CHROMIUM_PATH})`)
  } finally {
    await browser.close()
  }
}
