/**
 * Benchmarks the sync server against the reference @y/websocket-server (fan-out latency) and measures how much
 * storage a busy board takes. Run with `npm run bench` (add `-- --help` for the flags). Absolute numbers depend on
 * the machine; compare the ratios.
 */
import { cpus, totalmem } from 'node:os'
import { parseArgs } from 'node:util'
import {
  measureHocuspocus,
  measureOurs,
  measureRef,
  type FanoutParams,
  type FanoutResult,
  type FanoutServer,
} from './fanout.ts'
import { measureStorage, type StorageResult } from './storage.ts'
import { measurePdf, type PdfResult } from './pdf.ts'
import { measureBigBoard } from './bigBoard.ts'
import { measureHistory, type HistoryResult } from './history.ts'
import { measureRules, type RulesResult } from './rules.ts'
import { measureWorkshop, type WorkshopResult } from './workshop.ts'
import { measureSoak } from './soak.ts'
import { measureField, PROFILES, type FieldResult, type OutlineResult } from './field.ts'
import { measurePageWeight } from './pageWeight.ts'
import { measureProcesses, type ProcessesResult } from './processes.ts'

const HELP = `usage: npm run bench -- [flags]            (every flag also reads an environment variable)

  --clients 200,500,1000  clients in the room, one measurement per value       BENCH_CLIENTS
  --plenary-clients 1000  clients in the room with one writer                  BENCH_PLENARY_CLIENTS
  --probes 2              processes the fan-out clients are spread over        BENCH_PROBES
  --writers 5             clients that write                                   BENCH_WRITERS
  --edits 100             edits per writer                                     BENCH_EDITS
  --interval 20           ms between a writer's edits                          BENCH_INTERVAL_MS
  --runs 3                measurements per server and client count (medians)  BENCH_RUNS
  --storage-edits 10000   edits for the storage measurement (comma list)       BENCH_STORAGE_EDITS
  --workshop 10,40        participants for the workshop measurement (comma list) BENCH_WORKSHOP
  --pdf 1000,4000         notes on the board for the PDF export measurement          BENCH_PDF
  --big 1,1000,4000       notes on the boards opened in Chromium (first note, whole board; drag on the last)  BENCH_BIG
  --quick                 a fast smoke run: clients 20,50, 20 edits, 1 run, 1000 storage edits, 10 participants, 100 notes
  --rules 1000,4000       shapes on the board for the board-rules measurement      BENCH_RULES
  --history 200           notes at the start of the three-hour workshop history    BENCH_HISTORY
  --soak                  only the soak: many clients editing and moving cursors for a long time; memory per minute
  --soak-clients 500      clients in the soak                                      BENCH_SOAK_CLIENTS
  --soak-minutes 30       length of the soak                                       BENCH_SOAK_MINUTES
  --soak-probes 4         processes the soak's clients are spread over             BENCH_SOAK_PROBES
  --processes             only fan-out across server processes: 1 process against 3 on one PostgreSQL + Redis
                          (--quick: 60 clients, 1 run)
  --processes-clients 200,1000  clients in the room for --processes (comma list)   BENCH_PROCESSES_CLIENTS
  --field                 only the field benchmark: a participant link opened in Chromium over emulated slow links
                          (256 kbit/s and 1 Mbit/s; --quick: 1 Mbit/s only), first visit, repeat visit, offline;
                          and the board's outline (the page without the canvas), first visit, against the canvas page
  --page-weight           only what each page's first visit weighs (the canvas app, the outline): its chunks and
                          the packages in them, Brotli bytes (builds the app once more; about a minute)
  --skip-fanout, --skip-storage, --skip-workshop, --skip-pdf, --skip-rules, --skip-history, --skip-big
`

const { values: flags } = parseArgs({
  options: {
    clients: { type: 'string' },
    'plenary-clients': { type: 'string' },
    probes: { type: 'string' },
    writers: { type: 'string' },
    edits: { type: 'string' },
    interval: { type: 'string' },
    runs: { type: 'string' },
    'storage-edits': { type: 'string' },
    quick: { type: 'boolean', default: false },
    'skip-fanout': { type: 'boolean', default: false },
    'skip-storage': { type: 'boolean', default: false },
    workshop: { type: 'string' },
    'skip-workshop': { type: 'boolean', default: false },
    pdf: { type: 'string' },
    big: { type: 'string' },
    'skip-big': { type: 'boolean', default: false },
    'skip-pdf': { type: 'boolean', default: false },
    rules: { type: 'string' },
    'skip-rules': { type: 'boolean', default: false },
    history: { type: 'string' },
    'skip-history': { type: 'boolean', default: false },
    soak: { type: 'boolean', default: false },
    field: { type: 'boolean', default: false },
    'page-weight': { type: 'boolean', default: false },
    processes: { type: 'boolean', default: false },
    'processes-clients': { type: 'string' },
    'soak-clients': { type: 'string' },
    'soak-minutes': { type: 'string' },
    'soak-probes': { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  },
})
if (flags.help) {
  console.log(HELP)
  process.exit(0)
}

const quick = flags.quick || process.env.BENCH_QUICK === '1'
function list(flag: string | undefined, env: string, fallback: string): number[] {
  const raw = flag ?? process.env[env] ?? fallback
  const numbers = raw.split(',').map((part) => Number(part.trim()))
  if (numbers.length === 0 || numbers.some((n) => !Number.isInteger(n) || n < 0)) {
    console.error(`Invalid value for ${env}: ${raw} (expected non-negative integers, comma separated)`)
    process.exit(2)
  }
  return numbers
}
function one(flag: string | undefined, env: string, fallback: string): number {
  return list(flag, env, fallback)[0]!
}

const clientCounts = list(flags.clients, 'BENCH_CLIENTS', quick ? '20,50' : '200,500,1000')
const plenaryClients = one(flags['plenary-clients'], 'BENCH_PLENARY_CLIENTS', quick ? '100' : '1000')
const probes = Math.max(1, one(flags.probes, 'BENCH_PROBES', '2'))
const writers = one(flags.writers, 'BENCH_WRITERS', '5')
const edits = one(flags.edits, 'BENCH_EDITS', quick ? '20' : '100')
const intervalMs = one(flags.interval, 'BENCH_INTERVAL_MS', '20')
const runs = Math.max(1, one(flags.runs, 'BENCH_RUNS', quick ? '1' : '3'))
const storageEdits = list(flags['storage-edits'], 'BENCH_STORAGE_EDITS', quick ? '1000' : '10000')
const workshopSizes = list(flags.workshop, 'BENCH_WORKSHOP', quick ? '10' : '10,40')
const pdfSizes = list(flags.pdf, 'BENCH_PDF', quick ? '100' : '1000,4000')
const bigSizes = list(flags.big, 'BENCH_BIG', quick ? '1,1000' : '1,1000,4000')
const rulesSizes = list(flags.rules, 'BENCH_RULES', quick ? '1000' : '1000,4000')
const historySizes = list(flags.history, 'BENCH_HISTORY', quick ? '100' : '200')

// ---------------------------------------------------------------------------------------------------------------

function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)))
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padStart(widths[i]!)).join(' | ')} |`
  return [line(headers), `|${widths.map((w) => '-'.repeat(w + 1) + ':').join('|')}|`, ...rows.map(line)].join('\n')
}
const ms = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : 'n/a')
const ratio = (a: number, b: number) => (Number.isFinite(a) && Number.isFinite(b) && b > 0 ? (a / b).toFixed(2) : 'n/a')
const bytes = (n: number) => n.toLocaleString('en-US')
function median(values: number[]): number {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b)
  if (sorted.length === 0) return NaN
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}
const lost = (r: FanoutResult) => r.expected - r.received

const soakClients = one(flags['soak-clients'], 'BENCH_SOAK_CLIENTS', '500')
const soakMinutes = one(flags['soak-minutes'], 'BENCH_SOAK_MINUTES', '30')
const soakProbes = Math.max(1, one(flags['soak-probes'], 'BENCH_SOAK_PROBES', '4'))
// The soak (and the field and processes benchmarks) replaces every other measurement: it is long, and nothing else
// should share the machine meanwhile.
if (flags.soak || flags.field || flags.processes || flags['page-weight']) {
  for (const skip of ['fanout', 'storage', 'workshop', 'pdf', 'rules', 'history', 'big'] as const) {
    flags[`skip-${skip}`] = true
  }
}

// ---------------------------------------------------------------------------------------------------------------

const t0 = performance.now()
let failed = false
const cpuList = cpus()
console.log(
  `Machine: ${cpuList.length} CPUs (${cpuList[0]?.model.trim() ?? 'unknown'}), ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM, ` +
    `Node ${process.version}, ${process.platform}/${process.arch}`,
)
console.log(
  'Note: absolute latencies and sizes depend on this machine and on the probe sharing its CPUs with the server; ' +
    'compare the ratios (ours/ref, stored/state), not the absolute numbers.\n',
)

/** One measurement per server, in an order that rotates from one round to the next. */
const MEASURES: Record<FanoutServer, (p: FanoutParams) => Promise<FanoutResult>> = {
  ours: measureOurs,
  ref: measureRef,
  hocuspocus: measureHocuspocus,
}
const SERVERS: FanoutServer[] = ['ours', 'ref', 'hocuspocus']
let turn = 0
async function fanoutRound(params: FanoutParams, run: number, all: FanoutResult[]): Promise<void> {
  const shift = turn++ % SERVERS.length
  for (const server of [...SERVERS.slice(shift), ...SERVERS.slice(0, shift)]) {
    const r = await MEASURES[server](params)
    all.push(r)
    console.log(
      `  ${r.server.padEnd(10)} clients=${params.clients} writers=${params.writers} run=${run + 1}: p50 ${ms(r.p50)} ms, ` +
        `p99 ${ms(r.p99)} ms, received ${r.received}/${r.expected}${r.error ? ` — ${r.error}` : ''}`,
    )
    if (r.server === 'ours' && (lost(r) > 0 || r.error)) failed = true
  }
}

function fanoutTable(results: FanoutResult[], counts: number[]): string {
  const rows = counts.map((clients) => {
    const of = (server: FanoutServer) => results.filter((r) => r.server === server && r.clients === clients)
    const p99 = (server: FanoutServer) => median(of(server).map((r) => r.p99))
    const sum = (rs: FanoutResult[]) => rs.reduce((n, r) => n + lost(r), 0)
    return [
      String(clients),
      ms(median(of('ours').map((r) => r.p50))),
      ms(p99('ours')),
      ms(median(of('ref').map((r) => r.p50))),
      ms(p99('ref')),
      ms(median(of('hocuspocus').map((r) => r.p50))),
      ms(p99('hocuspocus')),
      ratio(p99('ours'), p99('ref')),
      ratio(p99('ours'), p99('hocuspocus')),
      `${sum(of('ours'))}/${sum(of('ref'))}/${sum(of('hocuspocus'))}`,
    ]
  })
  return table(
    [
      'clients',
      'ours p50',
      'ours p99',
      'ref p50',
      'ref p99',
      'Hocuspocus p50',
      'Hocuspocus p99',
      'p99 ours/ref',
      'p99 ours/Hocuspocus',
      'lost ours/ref/Hocuspocus',
    ],
    rows,
  )
}

if (!flags['skip-fanout']) {
  console.log(
    `Fan-out: clients ${clientCounts.join(', ')}; ${writers} writers × ${edits} edits every ${intervalMs} ms; ` +
      `then ${plenaryClients} clients with one writer (a plenary); clients spread over ${probes} probe processes; ` +
      `${runs} run(s) per server, order rotating; fresh server process per measurement. ref = @y/websocket-server; ` +
      'Hocuspocus = @hocuspocus/server with no extensions, its clients through @hocuspocus/provider.',
  )
  const all: FanoutResult[] = []
  for (const clients of clientCounts) {
    for (let run = 0; run < runs; run++) await fanoutRound({ clients, writers, edits, intervalMs, probes }, run, all)
  }
  const plenary: FanoutResult[] = []
  for (let run = 0; run < runs; run++) {
    await fanoutRound({ clients: plenaryClients, writers: 1, edits, intervalMs, probes }, run, plenary)
  }
  console.log(`\nFan-out latency (ms${runs > 1 ? `, median of ${runs} runs` : ''}), ${writers} writers\n`)
  console.log(fanoutTable(all, clientCounts))
  console.log(`\nPlenary: ${plenaryClients} clients, one writer (ms${runs > 1 ? `, median of ${runs} runs` : ''})\n`)
  console.log(fanoutTable(plenary, [plenaryClients]))
  console.log(
    '\nFan-out details (per measurement; server CPU = user+system seconds the server process used while the probe ran)\n',
  )
  console.log(
    table(
      [
        'server',
        'clients',
        'writers',
        'connect+sync ms',
        'p50',
        'p95',
        'p99',
        'max',
        'wall ms',
        'server CPU s',
        'received/expected',
      ],
      [...all, ...plenary].map((r) => [
        r.server,
        String(r.clients),
        String(r.expected / (r.clients - 1) / edits),
        ms(r.connectAndSyncMs),
        ms(r.p50),
        ms(r.p95),
        ms(r.p99),
        ms(r.max),
        ms(r.wallMs),
        r.serverCpuS === undefined ? 'n/a' : r.serverCpuS.toFixed(2),
        `${r.received}/${r.expected}`,
      ]),
    ),
  )
  console.log('')
}

if (!flags['skip-rules']) {
  console.log(
    'Board rules: a participant moves one note per update (500 updates) on a board of N notes; each update is ' +
      'applied to a bare doc, and to a doc under the board rules (reviewed inside its transaction, as the ' +
      'server does); medians of 3 alternating runs in this process.',
  )
  const results: RulesResult[] = rulesSizes.map((shapes) => measureRules(shapes, 500))
  console.log('\nBoard rules\n')
  console.log(
    table(
      ['shapes', 'updates', 'bare doc ms/update', 'with rules ms/update', 'ratio (rules/bare)'],
      results.map((r) => [
        String(r.shapes),
        String(r.updates),
        (r.plainMs / r.updates).toFixed(3),
        (r.guardedMs / r.updates).toFixed(3),
        ratio(r.guardedMs, r.plainMs),
      ]),
    ),
  )
  console.log('')
}

if (!flags['skip-history']) {
  console.log(
    'History: a three-hour workshop compressed in time (18 versions, one per 10 minutes of activity, 3 of them ' +
      'named; each round moves 30 notes, rewrites 10, adds 10, deletes 3), versions taken by the server; ' +
      'reference: every version stored whole (gzipped JSON).',
  )
  const results: HistoryResult[] = []
  for (const notes of historySizes) results.push(await measureHistory(notes))
  console.log('\nHistory\n')
  console.log(
    table(
      [
        'notes at start',
        'shapes at end',
        'versions',
        'version bytes',
        'if each stored whole',
        'ratio (stored/whole)',
        'compacted board state',
        'ratio (versions/state)',
      ],
      results.map((r, i) => [
        String(historySizes[i]),
        String(r.shapes),
        String(r.versions),
        bytes(r.versionBytes),
        bytes(r.wholeBytes),
        ratio(r.versionBytes, r.wholeBytes),
        bytes(r.stateBytes),
        ratio(r.versionBytes, r.stateBytes),
      ]),
    ),
  )
  console.log('')
}

if (!flags['skip-storage']) {
  console.log(
    'Storage: edits through one y-websocket client to our server (9 in 10 overwrite one of 20 Y.Map keys, ' +
      '1 in 10 edit a Y.Text), bytes = SUM(LENGTH(data)) of doc_updates + doc_snapshots for the board.',
  )
  const results: StorageResult[] = []
  for (const n of storageEdits) {
    const r = await measureStorage(n)
    results.push(r)
    console.log(`  ${n} edits: done in ${(r.elapsedMs / 1000).toFixed(1)} s${r.problems.length ? ' — PROBLEMS' : ''}`)
    for (const problem of r.problems) console.log(`    ✗ ${problem}`)
    if (r.problems.length > 0) failed = true
  }
  console.log('\nStorage\n')
  console.log(
    table(
      [
        'edits',
        'stored bytes while live',
        'stored bytes after shutdown',
        'compacted state size',
        'ratio (after shutdown/state)',
        'ratio (live/state)',
      ],
      results.map((r) => [
        String(r.edits),
        bytes(r.live.total),
        bytes(r.afterShutdown.total),
        bytes(r.stateBytes),
        ratio(r.afterShutdown.total, r.stateBytes),
        ratio(r.live.total, r.stateBytes),
      ]),
    ),
  )
  for (const r of results) {
    console.log(
      `\n  ${r.edits} edits — live: ${r.live.updateCount} update rows (${bytes(r.live.updateBytes)} B) + snapshot ` +
        `${bytes(r.live.snapshotBytes)} B; after shutdown: ${r.afterShutdown.updateCount} update rows ` +
        `(${bytes(r.afterShutdown.updateBytes)} B) + snapshot ${bytes(r.afterShutdown.snapshotBytes)} B; ` +
        `boards.sqlite on disk ${bytes(r.fileBytes)} B (pages, indexes, the boards table).`,
    )
  }
  console.log('')
}

if (!flags['skip-workshop']) {
  console.log(
    'Workshop: every participant connected, each with a 3-sticker ballot and 3 private notes in their own room; ' +
      'then the facilitator ends the vote and reveals the notes. Reference: one client syncing every private ' +
      'room itself (what counting in a browser would take), in the same server process.',
  )
  const results: WorkshopResult[] = []
  for (const n of workshopSizes) {
    const r = await measureWorkshop(n)
    results.push(r)
    for (const problem of r.problems) console.log(`    ✗ ${problem}`)
    if (r.problems.length > 0) failed = true
  }
  console.log('\nWorkshop actions (ms)\n')
  console.log(
    table(
      [
        'participants',
        'end vote',
        'reveal',
        'reference: client syncs every room',
        'ratio end vote/ref',
        'ratio reveal/ref',
      ],
      results.map((r) => [
        String(r.participants),
        ms(r.endVoteMs),
        ms(r.revealMs),
        ms(r.clientFetchAllMs),
        ratio(r.endVoteMs, r.clientFetchAllMs),
        ratio(r.revealMs, r.clientFetchAllMs),
      ]),
    ),
  )
  console.log('')
}

if (!flags['skip-big']) {
  const bigRuns = quick ? 1 : 3
  console.log(
    `Big boards: boards of ${bigSizes.join(', ')} notes (frames of 100), each opened from its editor link in a fresh ` +
      `Chromium profile at 1280×800, sizes interleaved, ${bigRuns} run(s); first note = a note on screen, whole ` +
      'board = every note on the canvas and the board editable. Reference: the one-note board, same run. Then the ' +
      `hundred notes of one frame dragged for two seconds on the ${Math.max(...bigSizes)}-note board.`,
  )
  const big = await measureBigBoard({ sizes: bigSizes, runs: bigRuns, drag: true })
  const reference = median(big.opens.find((open) => open.notes === Math.min(...bigSizes))!.firstNoteMs)
  console.log('\nBig boards: opening (ms, median)\n')
  console.log(
    table(
      ['notes', 'first note', 'whole board', 'ratio first note/one-note board'],
      big.opens.map((open) => [
        String(open.notes),
        ms(median(open.firstNoteMs)),
        ms(median(open.wholeBoardMs)),
        ratio(median(open.firstNoteMs), reference),
      ]),
    ),
  )
  if (big.drag) {
    const { notes, boardNotes, fps, steadyFps, longestFrameMs } = big.drag
    console.log(
      `\nDrag: ${notes} notes moved on the ${boardNotes}-note board: ${fps.toFixed(1)} frames/s ` +
        `(${steadyFps.toFixed(1)} after the first frame), longest frame ${longestFrameMs.toFixed(0)} ms`,
    )
    if (notes !== 100) failed = true
  }
  if (big.drag && big.dragAlone) {
    console.log(
      `Reference, the same drag on tldraw alone (its own shapes and UI, no sync, no code of ours): ` +
        `${big.dragAlone.fps.toFixed(1)} frames/s (${big.dragAlone.steadyFps.toFixed(1)} after the first frame), ` +
        `longest frame ${big.dragAlone.longestFrameMs.toFixed(0)} ms; ratio ours/tldraw alone ` +
        `${ratio(big.drag.steadyFps, big.dragAlone.steadyFps)} (after the first frame)`,
    )
  }
  console.log('')
}

if (!flags['skip-pdf']) {
  console.log(
    'PDF export: a board of N notes in frames of 100 (one page each), exported without overview through the REST ' +
      'API (headless Chromium renders the print view). Reference: headless Chromium opening the same board ' +
      'until its first note shows. The same board as the workshop report (document, then the annex of pictures), ' +
      'as PDF and as DOCX.',
  )
  const results: PdfResult[] = []
  for (const n of pdfSizes) {
    const r = await measurePdf(n)
    results.push(r)
    for (const problem of r.problems) console.log(`    ✗ ${problem}`)
    if (r.problems.some((problem) => !problem.includes('not installed'))) failed = true
  }
  console.log('\nPDF export\n')
  console.log(
    table(
      [
        'notes',
        'frames',
        'pages',
        'board PDF ms',
        'report PDF ms',
        'report DOCX ms',
        'reference: open board ms',
        'ratio board/ref',
        'ratio report PDF/ref',
        'ratio report DOCX/ref',
      ],
      results.map((r) => [
        String(r.notes),
        String(r.frames),
        r.pages === null ? 'n/a' : String(r.pages),
        ms(r.exportMs),
        ms(r.reportPdfMs),
        ms(r.reportDocxMs),
        ms(r.openBoardMs),
        ratio(r.exportMs, r.openBoardMs),
        ratio(r.reportPdfMs, r.openBoardMs),
        ratio(r.reportDocxMs, r.openBoardMs),
      ]),
    ),
  )
  console.log('')
}

if (flags.soak) {
  const params = {
    clients: soakClients,
    minutes: soakMinutes,
    probes: soakProbes,
    editSeconds: 120,
    cursorSeconds: 120,
  }
  console.log(
    `Soak: ${params.clients} stock clients on one board, each moving its note every ${params.editSeconds} s and its ` +
      `cursor every ${params.cursorSeconds} s, for ${params.minutes} min, held by ${params.probes} probe processes; ` +
      'one server process; memory read every minute ' +
      '(heap after a full GC through the inspector). Reference: the heap at the end of warm-up (first fifth).',
  )
  const r = await measureSoak(params)
  console.log('\nSoak memory (per minute)\n')
  console.log(
    table(
      ['minute', 'server RSS MiB', 'heap after GC MiB', 'edits so far', 'connected', 'probe lag ms', 'probe heap MiB'],
      r.minutes.map((m) => [
        String(m.minute),
        m.rssMiB.toFixed(0),
        m.heapMiB.toFixed(1),
        String(m.edits),
        `${m.connected}/${params.clients}`,
        m.probeLagMs.toFixed(0),
        m.probeHeapMiB.toFixed(0),
      ]),
    ),
  )
  console.log(
    `\nHeap at the end / after warm-up: ${r.heapGrowthRatio.toFixed(2)}; slope after warm-up ` +
      `${r.heapSlopeMiBPerMinute.toFixed(2)} MiB/min; lost updates: ${r.lost}`,
  )
  for (const problem of r.problems) console.log(`    ✗ ${problem}`)
  if (r.lost > 0 || r.problems.length > 0) failed = true
  console.log('')
}

if (flags.processes) {
  const counts = quick ? [60] : list(flags['processes-clients'], 'BENCH_PROCESSES_CLIENTS', '200,1000')
  const p = { writers: 5, edits: 100, intervalMs: 20 }
  console.log(
    `Fan-out across processes: clients ${counts.join(', ')} in one room, spread round-robin over the server ` +
      `processes; ${p.writers} writers × ${p.edits} edits every ${p.intervalMs} ms; 1 process (PostgreSQL) against ` +
      `3 processes (one PostgreSQL + one Redis); ${runs} run(s) each, order alternating; fresh database, ` +
      'processes and board per measurement; clients held by 1 probe process up to 300 clients, 4 above.',
  )
  const all: ProcessesResult[] = []
  let turn = 0
  for (const clients of counts) {
    for (let run = 0; run < runs; run++) {
      const order = turn++ % 2 === 0 ? ([1, 3] as const) : ([3, 1] as const)
      for (const serverCount of order) {
        const r = await measureProcesses({ clients, ...p }, serverCount)
        all.push(r)
        console.log(
          `  ${r.setup.padEnd(11)} clients=${clients} run=${run + 1}: p50 ${ms(r.p50)} ms, p99 ${ms(r.p99)} ms, ` +
            `received ${r.received}/${r.expected}, server CPU ${r.serverCpuS.toFixed(2)} s${r.error ? ` — ${r.error}` : ''}`,
        )
        if (r.received < r.expected || r.error) failed = true
      }
    }
  }
  const rows = counts.flatMap((clients) => {
    const of = (setup: ProcessesResult['setup']) => all.filter((r) => r.clients === clients && r.setup === setup)
    const oneP99 = median(of('1 process').map((r) => r.p99))
    return (['1 process', '3 processes'] as const).map((setup) => {
      const rs = of(setup)
      const p99 = median(rs.map((r) => r.p99))
      return [
        String(clients),
        setup,
        ms(median(rs.map((r) => r.p50))),
        ms(p99),
        String(rs.reduce((sum, r) => sum + r.expected - r.received, 0)),
        median(rs.map((r) => r.serverCpuS)).toFixed(2),
        setup === '3 processes' ? ratio(p99, oneP99) : '',
      ]
    })
  })
  console.log(
    `\nFan-out across processes (ms${runs > 1 ? `, median of ${runs} runs` : ''}; lost: summed over the runs)\n`,
  )
  console.log(
    table(
      ['clients', 'setup', 'p50 ms', 'p99 ms', 'lost', 'server CPU s', 'ratio p99 (3 processes / 1 process)'],
      rows,
    ),
  )
  console.log(
    `\nNote: on this ${cpuList.length}-core machine the server processes, PostgreSQL, Redis and the probes all share ` +
      `the same ${cpuList.length} cores; three processes here measure the cost of crossing Redis, not added capacity.`,
  )
  console.log('')
}

if (flags.field) {
  const profiles = quick ? PROFILES.filter((p) => p.name === '1 Mbit/s') : PROFILES
  const noteCounts = [0, 1000]
  console.log(
    `Field offices on slow links: a participant link opened in headless Chromium over ${profiles
      .map((p) => `${p.name} down / ${p.upKbit} kbit/s up, ${p.rttMs} ms RTT`)
      .join('; ')} (CDP network emulation on the page and its service worker); an empty board and one of 1,000 ` +
      'notes in frames of 100. First visit: fresh profile, name prompt answered; repeat: the same profile again ' +
      'once the link is quiet; offline reopen: the same page reloaded offline. Bytes: TCP payload both ways through ' +
      'a counting proxy, until the measured point plus 1 s, and in all (until the link is quiet; Chromium reads its ' +
      'sockets at full speed and slows only what it hands the page, so bytes cross early). Reference: the same server with COMPRESSION=off and ' +
      'service workers blocked. Outline: the same boards’ outline (/b/<id>/outline, no canvas), first visit on a ' +
      'fresh profile, on ours, to the board read (data-outline-ready) and its first note (data-outline-note). ' +
      'kB = 1,000 bytes.',
  )
  const field = await measureField(profiles, noteCounts)
  const results: FieldResult[] = field.visits
  const outline: OutlineResult[] = field.outline
  const s = (ms: number | null) => (ms === null ? '—' : Number.isFinite(ms) ? (ms / 1000).toFixed(1) : 'timeout')
  const kB = (n: number) => (Number.isFinite(n) ? Math.round(n / 1000).toLocaleString('en-US') : 'n/a')
  const boardName = (notes: number) => (notes === 0 ? 'empty' : `${notes.toLocaleString('en-US')} notes`)
  console.log('\nField visits (s from navigation start)\n')
  console.log(
    table(
      [
        'profile',
        'board',
        'setup',
        'first → connected s',
        'first → first note s',
        'first kB by point +1 s',
        'first kB in all',
        'repeat → connected s',
        'repeat → first note s',
        'repeat kB by point +1 s',
        'repeat kB in all',
        'offline reopen s',
      ],
      results.map((r) => [
        r.profile,
        boardName(r.notes),
        r.setup,
        s(r.first.connectedMs),
        s(r.first.firstNoteMs),
        kB(r.first.bytes),
        kB(r.first.allBytes),
        s(r.repeat.connectedMs),
        s(r.repeat.firstNoteMs),
        kB(r.repeat.bytes),
        kB(r.repeat.allBytes),
        r.offlineMs === null ? 'n/a' : Number.isNaN(r.offlineMs) ? 'failed' : s(r.offlineMs),
      ]),
    ),
  )
  const pairs = profiles.flatMap((p) =>
    noteCounts.map((notes) => {
      const find = (setup: string) =>
        results.find((r) => r.profile === p.name && r.notes === notes && r.setup === setup)
      return { profile: p.name, notes, ours: find('ours'), ref: find('ref') }
    }),
  )
  console.log('\nField ratios (ours/ref)\n')
  console.log(
    table(
      [
        'profile',
        'board',
        'first → connected',
        'first → first note',
        'first kB by point +1 s',
        'first kB in all',
        'repeat kB in all',
      ],
      pairs.map(({ profile, notes, ours, ref }) => [
        profile,
        boardName(notes),
        ratio(ours?.first.connectedMs ?? NaN, ref?.first.connectedMs ?? NaN),
        ratio(ours?.first.firstNoteMs ?? NaN, ref?.first.firstNoteMs ?? NaN),
        ratio(ours?.first.bytes ?? NaN, ref?.first.bytes ?? NaN),
        ratio(ours?.first.allBytes ?? NaN, ref?.first.allBytes ?? NaN),
        ratio(ours?.repeat.allBytes ?? NaN, ref?.repeat.allBytes ?? NaN),
      ]),
    ),
  )
  /** The canvas page's first visit of the same board on the same link (ours), beside each outline visit. */
  const canvasOf = (o: OutlineResult) =>
    results.find((r) => r.setup === 'ours' && r.profile === o.profile && r.notes === o.notes)
  /** Until the page is of use: the first note on a board with notes, else the page live (connected, or read). */
  const usefulMs = (visit: { connectedMs: number; firstNoteMs: number | null }) =>
    visit.firstNoteMs ?? visit.connectedMs
  console.log('\nOutline first visit against the canvas page’s (ours; s from navigation start)\n')
  console.log(
    table(
      [
        'profile',
        'board',
        'outline → read s',
        'outline → first note s',
        'outline kB by point +1 s',
        'outline kB in all',
        'canvas → first note (or connected) s',
        'canvas kB in all',
        'ratio s outline/canvas',
        'ratio kB in all outline/canvas',
      ],
      outline.map((o) => {
        const canvas = canvasOf(o)
        return [
          o.profile,
          boardName(o.notes),
          s(o.first.connectedMs),
          s(o.first.firstNoteMs),
          kB(o.first.bytes),
          kB(o.first.allBytes),
          s(canvas ? usefulMs(canvas.first) : NaN),
          kB(canvas?.first.allBytes ?? NaN),
          ratio(usefulMs(o.first), canvas ? usefulMs(canvas.first) : NaN),
          ratio(o.first.allBytes, canvas?.first.allBytes ?? NaN),
        ]
      }),
    ),
  )
  const ours = results.filter((r) => r.setup === 'ours')
  /** One target: each measurement of ours it applies to, and whether it meets it. */
  const target = (label: string, cases: { where: string; value: number | null; shown: string; limit: number }[]) => {
    const verdicts = cases.map(({ where, value, shown, limit }) => {
      const met = value !== null && Number.isFinite(value) && value <= limit
      return `${where} ${shown} ${met ? '✓' : '✗'}`
    })
    console.log(`  ${label}: ${verdicts.length ? verdicts.join('; ') : 'not measured (this profile was not run)'}`)
  }
  console.log('\nTargets (ours)\n')
  target(
    'first visit of an empty board < 30 s on 256 kbit/s (to connected)',
    ours
      .filter((r) => r.notes === 0 && r.profile === '256 kbit/s')
      .map((r) => ({
        where: r.profile,
        value: r.first.connectedMs,
        shown: `${s(r.first.connectedMs)} s`,
        limit: 30_000,
      })),
  )
  target(
    'repeat visit of a 1,000-note board < 10 s (to first note)',
    ours
      .filter((r) => r.notes === 1000)
      .map((r) => ({
        where: r.profile,
        value: r.repeat.firstNoteMs,
        shown: `${s(r.repeat.firstNoteMs)} s`,
        limit: 10_000,
      })),
  )
  target(
    'offline reopen < 3 s',
    ours.map((r) => ({
      where: `${r.profile} ${boardName(r.notes)}`,
      value: r.offlineMs,
      shown: r.offlineMs !== null && Number.isNaN(r.offlineMs) ? 'failed' : `${s(r.offlineMs)} s`,
      limit: 3_000,
    })),
  )
  target(
    'first visit of a participant link ≤ 800 kB on the wire',
    ours.map((r) => ({
      where: `${r.profile} ${boardName(r.notes)}`,
      value: r.first.allBytes,
      shown: `${kB(r.first.allBytes)} kB in all (${kB(r.first.bytes)} kB by point +1 s)`,
      limit: 800_000,
    })),
  )
  target(
    'the outline’s first visit of a 1,000-note board ≤ 1/3 of the canvas page’s bytes (in all)',
    outline
      .filter((o) => o.notes === 1000)
      .map((o) => {
        const canvasBytes = canvasOf(o)?.first.allBytes ?? NaN
        return {
          where: o.profile,
          value: o.first.allBytes,
          shown: `${kB(o.first.allBytes)} of ${kB(canvasBytes)} kB (${ratio(o.first.allBytes, canvasBytes)})`,
          limit: canvasBytes / 3,
        }
      }),
  )
  for (const r of results)
    for (const problem of r.problems) console.log(`    ✗ ${r.setup} ${r.profile} ${boardName(r.notes)}: ${problem}`)
  for (const o of outline)
    for (const problem of o.problems) console.log(`    ✗ outline ${o.profile} ${boardName(o.notes)}: ${problem}`)
  // Slow is what this measures; never connecting on our own server is a fault.
  if (ours.some((r) => r.problems.some((problem) => problem.includes('never connected')))) failed = true
  console.log('')
}

if (flags['page-weight']) {
  console.log(
    'Page weight: each page’s first visit (its entry and the chunks it imports statically, its stylesheets) as the ' +
      'server sends it (Brotli, quality 11), and the packages and folders in it (each module compressed alone, ' +
      'scaled to its chunk: estimates; totals are exact). kB = 1,000 bytes.\n',
  )
  const kB = (n: number) => (n / 1000).toFixed(1)
  for (const weight of await measurePageWeight()) {
    const total = weight.chunks.reduce((sum, chunk) => sum + chunk.brotli, 0)
    console.log(`${weight.page}: ${kB(total)} kB in ${weight.chunks.length} files\n`)
    console.log(
      table(
        ['file', 'minified kB', 'Brotli kB'],
        weight.chunks.map((chunk) => [chunk.fileName, kB(chunk.minified), kB(chunk.brotli)]),
      ),
    )
    console.log('')
    // The 20 heaviest, then the rest in one row.
    const rest = weight.groups.slice(20)
    const shown = [
      ...weight.groups.slice(0, 20),
      ...(rest.length
        ? [
            {
              name: `${rest.length} others`,
              brotli: rest.reduce((sum, group) => sum + group.brotli, 0),
              rendered: rest.reduce((sum, group) => sum + group.rendered, 0),
            },
          ]
        : []),
    ]
    console.log(
      table(
        ['from', 'Brotli kB (estimate)', 'share', 'rendered kB (before minification)'],
        shown.map((group) => [
          group.name,
          kB(group.brotli),
          `${((group.brotli / total) * 100).toFixed(0)} %`,
          kB(group.rendered),
        ]),
      ),
    )
    console.log('')
  }
}

console.log(`Total runtime: ${((performance.now() - t0) / 1000).toFixed(1)} s`)
if (failed) {
  console.error('FAILED: see the problems above.')
  process.exit(1)
}
process.exit(0)
