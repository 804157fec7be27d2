/**
 * Field offices on slow links: a participant opens a board link in Chromium over an emulated slow link (CDP
 * `Network.emulateNetworkConditions` on the page and on every worker it starts, service workers included), first
 * with an empty cache, then again, then offline; and the same board's outline (the page without the canvas), first
 * visit. Bytes are counted at the TCP level by a proxy between Chromium and the server (HTTP and websocket alike, so
 * compression shows). Reference: the same server with `COMPRESSION=off` and service workers blocked.
 */
import { setTimeout as delay } from 'node:timers/promises'
import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core'
import { en } from '../../apps/web/src/i18n/messages.ts'
import { boardRecords } from '../e2e/support/boardRecords.ts'
import { launchChromium } from '../e2e/support/browser.ts'
import { PageRoutes } from '@cg/contract'
import { createBoard, type CreatedBoard } from '../support/boards.ts'
import { startCountingProxy, type CountingProxy } from '../support/countingProxy.ts'
import { makeTempDir, removeTempDir } from '../support/tempDir.ts'
import { waitUntil } from '../support/waitUntil.ts'
import { connectSyncedClient } from '../support/yClient.ts'
import { writeNoteBoard } from './noteBoard.ts'
import { startOurServer, stop, type OurServer } from './servers.ts'

export interface LinkProfile {
  name: string
  downKbit: number
  upKbit: number
  rttMs: number
  /** Longest a visit may take before it counts as not reached. */
  visitTimeoutMs: number
}

export const PROFILES: LinkProfile[] = [
  // The reference moves ~3.8 MB on a first visit: about two minutes at 32 KB/s.
  { name: '256 kbit/s', downKbit: 256, upKbit: 128, rttMs: 300, visitTimeoutMs: 240_000 },
  { name: '1 Mbit/s', downKbit: 1000, upKbit: 512, rttMs: 150, visitTimeoutMs: 120_000 },
]

export type Setup = 'ours' | 'ref'

export interface Visit {
  /** ms from navigation start; NaN: not reached within the timeout. */
  connectedMs: number
  /** ms from navigation start to the first note shown; null on an empty board. */
  firstNoteMs: number | null
  /** TCP payload bytes both ways, until the later of the two points plus a second. */
  bytes: number
  /** TCP payload bytes both ways of the whole visit: until the link is quiet (see `settle`). */
  allBytes: number
  /** ms from navigation start until the link was quiet, the emulated delivery included. */
  settledMs: number
  /** What the page showed when a point was not reached (badge status, start of the text). */
  stuck?: string
}

export interface FieldResult {
  profile: string
  notes: number
  setup: Setup
  first: Visit
  repeat: Visit
  /** ms until the board shows again offline; NaN: failed within 30 s; null: not applicable (reference). */
  offlineMs: number | null
  problems: string[]
}

/** The outline's first visit of a board (ours only: the reference has no outline to compare). */
export interface OutlineResult {
  profile: string
  notes: number
  /** `connectedMs`: until the outline has read the board (`data-outline-ready`); `firstNoteMs`: its first note. */
  first: Visit
  problems: string[]
}

export interface FieldResults {
  visits: FieldResult[]
  outline: OutlineResult[]
}

const OFFLINE_TIMEOUT_MS = 30_000
const SETTLE_MS = 1_000
/** What a visit waits for: the page is live, and (on a board with notes) shows one. */
interface Points {
  ready: string
  note: string
}
const CANVAS_POINTS: Points = {
  ready: '.cg-connection[data-status="connected"]',
  note: '.tl-shape[data-shape-type="note"]',
}
/** The outline marks its root once it has read the board, and each note it shows (apps/web/src/outline). */
const OUTLINE_POINTS: Points = { ready: '[data-outline-ready]', note: '[data-outline-note]' }
const NOTE = CANVAS_POINTS.note
const CANVAS = '.tl-canvas'

/** Every profile × board × setup, and each board's outline on ours; `log` gets a line per measurement. */
export async function measureField(
  profiles: LinkProfile[],
  noteCounts: number[],
  log: (line: string) => void = console.log,
): Promise<FieldResults> {
  const dataDir = makeTempDir('cg-bench-field-')
  const results: FieldResult[] = []
  const outline: OutlineResult[] = []
  const boards = new Map<number, CreatedBoard>()
  let browser: Browser | undefined
  try {
    browser = await launchChromium()
    for (const setup of ['ours', 'ref'] as const) {
      // Both setups serve the same data dir, hence the same boards.
      const server = await startSetup(setup, dataDir)
      const proxy = await startCountingProxy(server.url)
      try {
        for (const notes of noteCounts) if (!boards.has(notes)) boards.set(notes, await buildBoard(server, notes))
        for (const profile of profiles) {
          for (const notes of noteCounts) {
            const r = await measureOne(browser, proxy, boards.get(notes)!, { profile, notes, setup })
            results.push(r)
            log(
              `  ${setup.padEnd(4)} ${profile.name} ${notes} notes: first visit ${seconds(r.first.connectedMs)} s ` +
                `(${kB(r.first.bytes)} kB, ${kB(r.first.allBytes)} kB in all), repeat ${seconds(r.repeat.connectedMs)} s ` +
                `(${kB(r.repeat.bytes)} kB, ${kB(r.repeat.allBytes)} kB in all), ` +
                `offline ${r.offlineMs === null ? 'n/a' : seconds(r.offlineMs)}` +
                (r.problems.length ? ` — ${r.problems.join('; ')}` : ''),
            )
            if (setup !== 'ours') continue
            const o = await measureOutline(browser, proxy, boards.get(notes)!, { profile, notes })
            outline.push(o)
            log(
              `  outline ${profile.name} ${notes} notes: first visit ${seconds(o.first.connectedMs)} s to read, ` +
                `${seconds(o.first.firstNoteMs)} s to a note (${kB(o.first.bytes)} kB, ${kB(o.first.allBytes)} kB in all)` +
                (o.problems.length ? ` — ${o.problems.join('; ')}` : ''),
            )
          }
        }
      } finally {
        await proxy.close()
        await stop(server)
      }
    }
  } finally {
    await browser?.close()
    removeTempDir(dataDir)
  }
  return { visits: results, outline }
}

const seconds = (ms: number | null) => (ms === null ? '—' : Number.isFinite(ms) ? (ms / 1000).toFixed(1) : 'timeout')
const kB = (bytes: number) => (Number.isFinite(bytes) ? Math.round(bytes / 1000).toLocaleString('en-US') : 'n/a')

/** Our server as shipped, or with `COMPRESSION=off` (the reference, with service workers blocked in the browser). */
function startSetup(setup: Setup, dataDir: string): Promise<OurServer> {
  return startOurServer(dataDir, [], setup === 'ref' ? { COMPRESSION: 'off' } : {})
}

/** A board of `notes` notes in frames of 100 (as the PDF bench builds it), written through a real client. */
async function buildBoard(server: OurServer, notes: number): Promise<CreatedBoard> {
  const board = await createBoard(server.url, notes === 0 ? 'Field: empty' : `Field: ${notes} notes`)
  if (notes === 0) return board
  const client = await connectSyncedClient(server.url, board.id, board.tokens.editor)
  try {
    writeNoteBoard(client.doc, notes)
    // Done once another peer sees every note: the server holds the board.
    const notesHeld = async () =>
      [...(await boardRecords(server.url, board)).values()].filter(
        (record) => (record as { type?: unknown }).type === 'note',
      ).length
    await waitUntil(`the server holds the ${notes} notes`, async () => (await notesHeld()) >= notes, {
      timeoutMs: 60_000,
      intervalMs: 500,
    })
  } finally {
    client.destroy()
  }
  return board
}

// ---------------------------------------------------------------------------------------------------------------

interface Conditions {
  offline: boolean
  latency: number
  downloadThroughput: number
  uploadThroughput: number
}

/**
 * Emulates `conditions` on the page and on every worker it starts: a page's throttling does not reach what a
 * service worker fetches, so each worker gets it too (attached through the page's session, released at once).
 */
async function throttlePage(context: BrowserContext, page: Page, conditions: Conditions) {
  const session: CDPSession = await context.newCDPSession(page)
  let current = conditions
  let nextId = 1
  const workers = new Set<string>()
  const toWorker = (sessionId: string, method: string, params: object = {}) =>
    session
      .send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id: nextId++, method, params }) })
      .catch(() => {})
  session.on('Target.attachedToTarget', ({ sessionId }) => {
    workers.add(sessionId)
    void toWorker(sessionId, 'Network.emulateNetworkConditions', current).then(() =>
      toWorker(sessionId, 'Runtime.runIfWaitingForDebugger'),
    )
  })
  session.on('Target.detachedFromTarget', ({ sessionId }) => workers.delete(sessionId))
  await session.send('Network.emulateNetworkConditions', current)
  await session.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: true, flatten: false })
  return {
    /** The page and its workers offline, and any worker started from now on. */
    async offline() {
      current = { ...current, offline: true }
      await session.send('Network.emulateNetworkConditions', current).catch(() => {})
      await Promise.all([...workers].map((id) => toWorker(id, 'Network.emulateNetworkConditions', current)))
    },
  }
}

const conditionsOf = (profile: LinkProfile): Conditions => ({
  offline: false,
  latency: profile.rttMs,
  // CDP takes bytes per second.
  downloadThroughput: (profile.downKbit * 1000) / 8,
  uploadThroughput: (profile.upKbit * 1000) / 8,
})

/** A throttled page in `context`, opening `url` from navigation start to ready (and first note). */
async function visit(
  context: BrowserContext,
  proxy: CountingProxy,
  url: string,
  notes: number,
  profile: LinkProfile,
  points: Points = CANVAS_POINTS,
): Promise<{ page: Page; throttle: Awaited<ReturnType<typeof throttlePage>>; visit: Visit }> {
  const page = await context.newPage()
  const throttle = await throttlePage(context, page, conditionsOf(profile))
  const timeout = profile.visitTimeoutMs
  proxy.reset()
  const started = performance.now()
  const navigation = page.goto(url, { waitUntil: 'commit', timeout }).catch(() => {})
  // A first visit asks for a name; a repeat visit remembers it.
  void page
    .getByLabel(en.displayNameLabel)
    .fill('Field office', { timeout })
    .then(() => page.getByRole('button', { name: en.joinBoard }).click({ timeout }))
    .catch(() => {})
  // A visit waits for its points up to the profile's timeout. (Giving up once the link fell quiet cut slow visits
  // short: a page loads in phases, scripts then the board's socket, and the link is quiet between them.)
  const reached = async (selector: string) =>
    (await page
      .locator(selector)
      .first()
      .waitFor({ timeout })
      .then(
        () => true,
        () => false,
      ))
      ? performance.now() - started
      : NaN
  const [connectedMs, firstNoteMs] = await Promise.all([
    reached(points.ready),
    notes > 0 ? reached(points.note) : Promise.resolve(null),
  ])
  await navigation
  await delay(SETTLE_MS)
  const result: Visit = { connectedMs, firstNoteMs, bytes: proxy.bytes(), allBytes: NaN, settledMs: NaN }
  if (Number.isNaN(connectedMs) || Number.isNaN(firstNoteMs)) result.stuck = await pageState(page)
  // The person stays on the board until what it still loads (fonts, a service worker's cache) is in; leaving
  // earlier would abort those downloads and charge them to the next visit.
  await settle(proxy, started, conditionsOf(profile).downloadThroughput, timeout)
  result.allBytes = proxy.bytes()
  result.settledMs = performance.now() - started
  return { page, throttle, visit: result }
}

/** The badge's status (the canvas page's) and the start of the page's text, to tell where a visit stopped. */
function pageState(page: Page): Promise<string> {
  return page
    .evaluate(
      `(document.querySelector('.cg-connection')?.dataset.status ?? 'no badge') + ': ' +
        (document.body?.innerText ?? '').replace(/\\s+/g, ' ').slice(0, 100)`,
    )
    .then(String, (error: Error) => `page not readable: ${error.message}`)
}

/**
 * Waits (bounded) until the link is quiet. Chromium's emulation slows what it hands the page, not its socket
 * reads: bytes cross the proxy at once and are delivered later. So quiet means: the emulated downlink has had the
 * time to deliver every byte that crossed since `started`, and then nothing crossed for 2 s.
 */
async function settle(proxy: CountingProxy, started: number, bytesPerSecond: number, timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs
  let seen = -1
  while (proxy.bytes() !== seen && performance.now() < deadline) {
    seen = proxy.bytes()
    const backlogMs = (seen / bytesPerSecond) * 1000 - (performance.now() - started)
    await delay(Math.min(Math.max(0, backlogMs), deadline - performance.now()) + 2_000)
  }
}

async function measureOne(
  browser: Browser,
  proxy: CountingProxy,
  board: CreatedBoard,
  { profile, notes, setup }: { profile: LinkProfile; notes: number; setup: Setup },
): Promise<FieldResult> {
  const problems: string[] = []
  const url = proxy.url + board.links.editor
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    serviceWorkers: setup === 'ours' ? 'allow' : 'block',
  })
  try {
    const first = await visit(context, proxy, url, notes, profile)
    await first.page.close()
    const repeat = await visit(context, proxy, url, notes, profile)
    for (const [name, v] of [
      ['first visit', first.visit],
      ['repeat visit', repeat.visit],
    ] as const) {
      if (Number.isNaN(v.connectedMs)) problems.push(`${name}: never connected`)
      if (Number.isNaN(v.firstNoteMs)) problems.push(`${name}: no note shown`)
      if (v.stuck) problems.push(`${name} stopped at "${v.stuck}"`)
    }

    let offlineMs: number | null = null
    if (setup === 'ours') {
      proxy.setBlocked(true)
      await context.setOffline(true)
      await repeat.throttle.offline()
      const started = performance.now()
      await repeat.page.reload({ waitUntil: 'commit', timeout: OFFLINE_TIMEOUT_MS }).catch(() => {})
      offlineMs = await repeat.page
        .locator(notes > 0 ? NOTE : CANVAS)
        .first()
        .waitFor({ timeout: Math.max(1, OFFLINE_TIMEOUT_MS - (performance.now() - started)) })
        .then(
          () => performance.now() - started,
          () => NaN,
        )
      if (Number.isNaN(offlineMs)) problems.push(`offline reopen stopped at "${await pageState(repeat.page)}"`)
      await context.setOffline(false)
      proxy.setBlocked(false)
    }
    return { profile: profile.name, notes, setup, first: first.visit, repeat: repeat.visit, offlineMs, problems }
  } finally {
    proxy.setBlocked(false)
    await context.close()
  }
}

/** A board's outline opened by a participant link on a fresh profile (the outline registers no service worker). */
async function measureOutline(
  browser: Browser,
  proxy: CountingProxy,
  board: CreatedBoard,
  { profile, notes }: { profile: LinkProfile; notes: number },
): Promise<OutlineResult> {
  const url = `${proxy.url}${PageRoutes.outline.path({ id: board.id })}#token=${board.tokens.editor}`
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
  try {
    const first = await visit(context, proxy, url, notes, profile, OUTLINE_POINTS)
    const problems: string[] = []
    if (Number.isNaN(first.visit.connectedMs)) problems.push('the outline never said it had read the board')
    if (Number.isNaN(first.visit.firstNoteMs)) problems.push('no note shown')
    if (first.visit.stuck) problems.push(`stopped at "${first.visit.stuck}"`)
    return { profile: profile.name, notes, first: first.visit, problems }
  } finally {
    await context.close()
  }
}
