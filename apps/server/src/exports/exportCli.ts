#!/usr/bin/env node
/**
 * `npm run export -- --board <id> --out report.pdf` (or `report.docx`): the workshop report (or one board) as a
 * PDF or a Word document, the format following the file name, made without a browser open. It starts this server in-process on a free local port over the same data directory, opens the
 * board with a token that exists only in this process, and uses the same renderer as the Export PDF button.
 */
import { writeFileSync } from 'node:fs'
import { extname } from 'node:path'
import { parseArgs } from 'node:util'
import { pino } from 'pino'
import { isLanguageCode, LANGUAGE_CODES } from '@cg/contract'
import { readConfig } from '../config.ts'
import { startServer } from '../createServer.ts'

const HELP = `usage: npm run export -- --board=<id> --out <file.pdf|file.docx> [options]

  --board=<id>          the board (its id is in its link: /b/<id>; with "=", as an id may start with "-")
  --out <file>          where to write it: a .pdf, or a .docx (Word) for the report
  --board-only          just this board as a PDF, one page per frame, not the workshop report
  --paper a4|letter     default a4
  --portrait            default landscape
  --no-overview         no overview page before each board's frames
  --lang ${LANGUAGE_CODES.join('|').padEnd(15)}  the report's own words, default en
  --data-dir <dir>      default: DATA_DIR or ./data (the server's own data; it may be running)
`

const { values: flags } = parseArgs({
  options: {
    board: { type: 'string' },
    out: { type: 'string' },
    'board-only': { type: 'boolean', default: false },
    paper: { type: 'string', default: 'a4' },
    portrait: { type: 'boolean', default: false },
    'no-overview': { type: 'boolean', default: false },
    lang: { type: 'string', default: 'en' },
    'data-dir': { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  },
})
if (flags.help || !flags.board || !flags.out) {
  console.log(HELP)
  process.exit(flags.help ? 0 : 2)
}
const lang = flags.lang
const format = extname(flags.out).toLowerCase() === '.docx' ? 'docx' : 'pdf'
if (format === 'docx' && flags['board-only']) {
  console.error('A Word document is made of the workshop report only: leave out --board-only, or write a .pdf')
  process.exit(2)
}
if (!['a4', 'letter'].includes(flags.paper!) || !isLanguageCode(lang)) {
  console.error(`--paper must be a4 or letter, --lang one of ${LANGUAGE_CODES.join(', ')}`)
  process.exit(2)
}

const env: Record<string, string | undefined> = {
  ...process.env,
  PORT: '0',
  HOST: '127.0.0.1',
  LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
}
if (flags['data-dir']) env.DATA_DIR = flags['data-dir']
const result = readConfig(env)
if (!result.ok) {
  console.error(`Invalid configuration:\n  ${result.errors.join('\n  ')}`)
  process.exit(2)
}
const server = await startServer(result.config, pino({ level: result.config.logLevel }))
let exitCode = 0
try {
  const board = await server.storage.getBoard(flags.board)
  if (!board) throw new Error(`No board ${flags.board} in ${result.config.dataDir}.`)
  if (board.deletion) throw new Error(`Board ${flags.board} was deleted by its facilitator (it is in the trash).`)
  if (!server.exporter.available)
    throw new Error(`Exports need Chromium at ${result.config.chromiumPath} (set CHROMIUM_PATH).`)
  const report = !flags['board-only']
  const target = report && board.parentId ? ((await server.storage.getBoard(board.parentId)) ?? board) : board
  // Whoever runs the server's command line is at least a facilitator; no share is counted here.
  const jobId = await server.exporter.start(
    target,
    {
      paper: flags.paper as 'a4' | 'letter',
      orientation: flags.portrait ? 'portrait' : 'landscape',
      overview: !flags['no-overview'],
      report,
      lang,
      format,
    },
    'facilitator',
  )
  let job = await server.exporter.get(jobId)
  while (job?.status === 'running') {
    await new Promise((resolve) => setTimeout(resolve, 300))
    job = await server.exporter.get(jobId)
    if (job && job.total > 0) process.stderr.write(`\rrendering page ${job.done} of ${job.total}`)
  }
  process.stderr.write('\n')
  const file = await server.exporter.file(jobId)
  if (!file) throw new Error(`The export failed: ${job?.error ?? job?.status ?? 'it was not kept'}`)
  writeFileSync(flags.out, file.bytes)
  console.log(`Wrote ${flags.out} (${report ? 'the workshop report' : `${file.job.total} board pages`}).`)
} catch (error) {
  console.error((error as Error).message)
  exitCode = 1
} finally {
  await server.close()
}
process.exit(exitCode)
