/**
 * Field offices on slow links: a participant opens a board link in Chromium over an emulated slow link (CDP
 * `Network.emulateNetworkConditions` on the page and on every worker it starts, service workers included), first
 * with an empty cache, then again, then offline. Bytes are counted at the TCP level by a proxy between Chromium and
 * the server (HTTP and websocket alike, so compression shows). Reference: the same server with
 * `COMPRESSION=off` and service workers blocked.
 */
import { connect, createServer, type AddressInfo, type Socket } from 'node:net'
import { setTimeout as delay } from 'node:timers/promises'
import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core'
import type { TLFrameShape, TLShapeId } from '@tldraw/tlschema'
import { getIndices } from '@tldraw/utils'
import { getMetaMap, getRecordsKeyValue, SCHEMA_KEY, writeEntries } from '@cg/tldraw-yjs/layout'
import { en } from '../../apps/web/src/i18n/messages.ts'
import { createNote, createTestStore, PAGE_ID } from '../../packages/tldraw-yjs/src/test/createTestStore.ts'
import { boardRecords } from '../e2e/support/boardRecords.ts'
import { launchChromium } from '../e2e/support/browser.ts'
import { createBoard, type CreatedBoard } from '../support/boards.ts'
import { makeTempDir, removeTempDir } from '../support/tempDir.ts'
import { waitUntil } from '../support/waitUntil.ts'
import { connectSyncedClient } from '../support/yClient.ts'
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

const NOTES_PER_FRAME = 100
const OFFLINE_TIMEOUT_MS = 30_000
const SETTLE_MS = 1_000
const CONNECTED = '.cg-connection[data-status="connected"]'
const NOTE = '.tl-shape[data-shape-type="note"]'
const CANVAS = '.tl-canvas'

/** Every profile × board × setup; `log` gets a line per measurement as it finishes. */
export async function measureField(
  profiles: LinkProfile[],
  noteCounts: number[],
  log: (line: string) => void = console.log,
): Promise<FieldResult[]> {
  const dataDir = makeTempDir('cg-bench-field-')
  const results: FieldResult[] = []
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
                `(${kB(r.first.bytes)} kB), repeat ${seconds(r.repeat.connectedMs)} s (${kB(r.repeat.bytes)} kB), ` +
                `offline ${r.offlineMs === null ? 'n/a' : seconds(r.offlineMs)}` +
                (r.problems.length ? ` — ${r.problems.join('; ')}` : ''),
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
  return results
}

const seconds = (ms: number | null) => (ms === null ? '—' : Number.isFinite(ms) ? (ms / 1000).toFixed(1) : 'timeout')
const kB = (bytes: number) => Math.round(bytes / 1000).toLocaleString('en-US')

/** Our server as shipped, or with `COMPRESSION=off` (the child inherits the environment; ignored until it exists). */
async function startSetup(setup: Setup, dataDir: string): Promise<OurServer> {
  if (setup === 'ours') return startOurServer(dataDir)
  const before = process.env.COMPRESSION
  process.env.COMPRESSION = 'off'
  try {
    return await startOurServer(dataDir)
  } finally {
    if (before === undefined) delete process.env.COMPRESSION
    else process.env.COMPRESSION = before
  }
}

/** A board of `notes` notes in frames of 100 (as the PDF bench builds it), written through a real client. */
async function buildBoard(server: OurServer, notes: number): Promise<CreatedBoard> {
  const board = await createBoard(server.url, notes === 0 ? 'Field: empty' : `Field: ${notes} notes`)
  if (notes === 0) return board
  const client = await connectSyncedClient(server.url, board.id, board.tokens.editor)
  try {
    const store = createTestStore()
    const frames = Math.ceil(notes / NOTES_PER_FRAME)
    const frameIndices = getIndices(frames)
    const noteIndices = getIndices(NOTES_PER_FRAME)
    for (let f = 0; f < frames; f++) {
      const frameId = `shape:frame${f}` as TLShapeId
      const frame = store.schema.types.shape.create({
        id: frameId,
        type: 'frame',
        parentId: PAGE_ID,
        index: frameIndices[f + 1]!,
        x: (f % 5) * 2400,
        y: Math.floor(f / 5) * 2400,
        props: { w: 2200, h: 2200, name: `Frame ${f + 1}`, color: 'black' },
      }) as TLFrameShape
      store.put([frame])
      for (let n = 0; n < Math.min(NOTES_PER_FRAME, notes - f * NOTES_PER_FRAME); n++) {
        const at = { x: 20 + (n % 10) * 215, y: 20 + Math.floor(n / 10) * 215 }
        createNote(store, `n${f}x${n}`, {
          parentId: frameId,
          index: noteIndices[n + 1]!,
          ...at,
          text: `Idea ${f}.${n}`,
        })
      }
    }
    client.doc.transact(() => {
      writeEntries(getRecordsKeyValue(client.doc), new Map(Object.entries(store.serialize('document'))))
      getMetaMap(client.doc).set(SCHEMA_KEY, store.schema.serialize())
    })
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

interface CountingProxy {
  url: string
  /** TCP payload bytes both ways since the last reset. */
  bytes(): number
  reset(): void
  /** Blocked: open connections are dropped and new ones refused, as when the link is gone. */
  setBlocked(blocked: boolean): void
  close(): Promise<void>
}

async function startCountingProxy(serverUrl: string): Promise<CountingProxy> {
  const target = new URL(serverUrl)
  const sockets = new Set<Socket>()
  let counted = 0
  let blocked = false
  const proxy = createServer((client) => {
    if (blocked) return void client.destroy()
    const upstream = connect(Number(target.port), target.hostname)
    for (const socket of [client, upstream]) {
      sockets.add(socket)
      socket.on('data', (chunk: Buffer) => (counted += chunk.length))
      socket.on('close', () => sockets.delete(socket))
    }
    client.pipe(upstream)
    upstream.pipe(client)
    const end = () => {
      client.destroy()
      upstream.destroy()
    }
    client.on('close', end).on('error', end)
    upstream.on('close', end).on('error', end)
  })
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve))
  const { port } = proxy.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    bytes: () => counted,
    reset: () => void (counted = 0),
    setBlocked(value) {
      blocked = value
      if (blocked) for (const socket of sockets) socket.destroy()
    },
    async close() {
      for (const socket of sockets) socket.destroy()
      await new Promise<void>((resolve) => proxy.close(() => resolve()))
    },
  }
}

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

/** A throttled page in `context`, opening `url` from navigation start to connected (and first note). */
async function visit(
  context: BrowserContext,
  proxy: CountingProxy,
  url: string,
  notes: number,
  profile: LinkProfile,
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
  const reached = (selector: string) =>
    page
      .locator(selector)
      .first()
      .waitFor({ timeout })
      .then(
        () => performance.now() - started,
        () => NaN,
      )
  const [connectedMs, firstNoteMs] = await Promise.all([
    reached(CONNECTED),
    notes > 0 ? reached(NOTE) : Promise.resolve(null),
  ])
  await navigation
  await delay(SETTLE_MS)
  return { page, throttle, visit: { connectedMs, firstNoteMs, bytes: proxy.bytes() } }
}

/** Waits (bounded) until nothing has crossed the link for 2 s: what a service worker caches after a visit. */
async function quiet(proxy: CountingProxy, timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs
  do {
    proxy.reset()
    await delay(2_000)
  } while (proxy.bytes() > 0 && performance.now() < deadline)
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
    // What the first visit left downloading (a service worker's cache) finishes before the person comes back.
    await quiet(proxy, profile.visitTimeoutMs)
    const repeat = await visit(context, proxy, url, notes, profile)
    for (const [name, v] of [
      ['first visit', first.visit],
      ['repeat visit', repeat.visit],
    ] as const) {
      if (Number.isNaN(v.connectedMs)) problems.push(`${name}: never connected`)
      if (Number.isNaN(v.firstNoteMs)) problems.push(`${name}: no note shown`)
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
      await context.setOffline(false)
      proxy.setBlocked(false)
    }
    return { profile: profile.name, notes, setup, first: first.visit, repeat: repeat.visit, offlineMs, problems }
  } finally {
    proxy.setBlocked(false)
    await context.close()
  }
}
