import type { Browser, Page } from 'playwright-core'
import type { PrintOptions, PrintProgress } from '@cg/contract'
import { wordDocument } from './wordDocument.ts'

/** How long a render may take at most. */
const RENDER_TIMEOUT_MS = 5 * 60_000

/** A render under way: whether it was stopped, and its tab once it has one (closing the tab ends the render). */
export interface RenderTask {
  stopped: boolean
  page?: Page
}

/** `step`, unless `deadline` passes first. */
async function beforeDeadline<T>(step: Promise<T>, deadline: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('the board took too long to render')), Math.max(0, deadline - Date.now()))
  })
  try {
    return await Promise.race([step, late])
  } finally {
    clearTimeout(timer)
  }
}

/**
 * Renders the web app's print view at `url` (tldraw draws only in a browser) in a tab of its own: a PDF is
 * Chromium's print of that page (text stays text, fonts embedded, Arabic shaped, tagged for screen readers); a Word
 * document is written from the report the page composed and the pictures it rendered. The page's progress goes to
 * `progress` as it renders; the file to `rendered`, before the tab closes. A task stopped meanwhile gives nothing.
 */
export async function renderPrintView(
  browser: Browser,
  task: RenderTask,
  url: string,
  options: PrintOptions,
  hooks: { progress(done: number, total: number): Promise<void>; rendered(file: Uint8Array): Promise<unknown> },
): Promise<void> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
  const page = await context.newPage()
  task.page = page
  try {
    // Every step races the deadline: a page busy with a huge board must not hold a render slot for ever (the
    // page is closed below, which ends whatever it was doing).
    const deadline = Date.now() + RENDER_TIMEOUT_MS
    const inTime = <T>(step: Promise<T>) => beforeDeadline(step, deadline)
    await inTime(page.goto(url))
    for (;;) {
      if (task.stopped) return
      // Only the progress fields: the report itself is fetched once, bounded, when it is ready.
      const progress = await inTime(
        page.evaluate(() => {
          const print = (globalThis as { __cgPrint?: PrintProgress }).__cgPrint
          return print && { total: print.total, done: print.done, ready: print.ready, error: print.error }
        }),
      )
      if (progress?.error) throw new Error(String(progress.error))
      if (progress) await hooks.progress(Number(progress.done) || 0, Number(progress.total) || 0)
      if (progress?.ready) break
      await new Promise((resolve) => setTimeout(resolve, 200))
    }
    const bytes = await inTime(
      options.format === 'docx'
        ? wordDocument(page, options)
        : page.pdf({ preferCSSPageSize: true, printBackground: true }),
    )
    if (task.stopped) return
    await hooks.rendered(bytes)
  } finally {
    await context.close().catch(() => {})
  }
}
