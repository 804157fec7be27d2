#!/usr/bin/env node
/**
 * `npm run admin -- <command>`: what an operator does on the server's own data, beside running servers or without
 * them. Reads the same environment as the server (DATA_DIR or DATABASE_URL, REDIS_URL, PURGE_SWEEP_MS,
 * DELETED_BOARD_DAYS) and works on its storage directly; a deletion reaches running servers as theirs do.
 */
import { parseArgs } from 'node:util'
import { pino } from 'pino'
import { RedisRoomBus } from '@cg/redis-bus'
import { AuditTrail } from '../audit/auditTrail.ts'
import { WorkshopDeletion } from '../boards/workshopDeletion.ts'
import { readConfig } from '../config.ts'
import { openStorage } from '../openStorage.ts'
import {
  AdminError,
  backup,
  PG_DUMP_ADVICE,
  deleteBoard,
  listBoards,
  purgeTrash,
  type AdminContext,
} from './adminCommands.ts'
import { ServersTold } from './serversTold.ts'

const HELP = `usage: npm run admin -- <command>

  boards                every workshop (plenary board): id, title, breakouts, size, created, last opened, and
                        when it is deleted or purged
  delete <id>           puts a workshop in the trash, as its facilitator's deletion does: no link opens it but the
                        facilitator's, which can undo until it is purged (DELETED_BOARD_DAYS)
  delete <id> --now     purges it at once, for good, with everything of its workshop
  purge                 purges every workshop in the trash now
  backup <file>         a consistent copy of the whole SQLite store while servers run (PostgreSQL: use pg_dump)
  help                  this text

It reads the server's environment: DATA_DIR (default ./data) or DATABASE_URL, and REDIS_URL when servers share
one, so that running servers close a deleted workshop's connections at once (without Redis: at their next sweep).
`

/** Exit codes: 0 done, 1 refused or failed (the message says why), 2 not understood. */
const USAGE = 2

function parse(argv: string[]): { positionals: string[]; now: boolean; help: boolean } {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { now: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
  })
  return { positionals, now: values.now === true, help: values.help === true }
}

let parsed: ReturnType<typeof parse>
try {
  parsed = parse(process.argv.slice(2))
} catch (error) {
  console.error(`${(error as Error).message}\n\n${HELP}`)
  process.exit(USAGE)
}
const [command = 'help', ...args] = parsed.positionals
const expected: Record<string, number> = { boards: 0, delete: 1, purge: 0, backup: 1, help: 0 }
if (parsed.help || command === 'help') {
  console.log(HELP)
  process.exit(0)
}
if (!(command in expected)) {
  console.error(`Unknown command: ${command}\n\n${HELP}`)
  process.exit(USAGE)
}
if (args.length !== expected[command] || (parsed.now && command !== 'delete')) {
  console.error(`${command}: ${args.length < expected[command]! ? 'missing' : 'unexpected'} arguments\n\n${HELP}`)
  process.exit(USAGE)
}

const result = readConfig(process.env)
if (!result.ok) {
  console.error(`Invalid configuration:\n  ${result.errors.join('\n  ')}`)
  process.exit(USAGE)
}
const config = result.config
// Said before connecting: nothing to open (or to migrate) for a command that does not apply.
if (command === 'backup' && config.databaseUrl) {
  console.error(PG_DUMP_ADVICE)
  process.exit(1)
}
// Logs go to stderr, quiet unless asked: what an operator reads is the command's own output.
const log = pino({ level: process.env.LOG_LEVEL ?? 'warn' }, pino.destination(2))
const storage = await openStorage(config)
const bus = config.redisUrl ? new RedisRoomBus(config.redisUrl, { log }) : undefined
const context: AdminContext = {
  storage,
  deletion: new WorkshopDeletion({
    storage,
    deleted: new ServersTold(bus),
    keepMs: config.deletedBoardMs,
    sweepMs: config.purgeSweepMs,
    now: Date.now,
    log,
  }),
  audit: new AuditTrail(storage, Date.now, log),
  serversToldAtOnce: bus !== undefined,
  purgeSweepMs: config.purgeSweepMs,
  // npm runs scripts from the project's directory; a file name is the operator's, from where they typed it.
  cwd: process.env.INIT_CWD ?? process.cwd(),
  print: (text) => process.stdout.write(text),
}

let exitCode = 0
try {
  if (command === 'boards') await listBoards(context)
  else if (command === 'delete') await deleteBoard(context, args[0]!, { now: parsed.now })
  else if (command === 'purge') await purgeTrash(context)
  else await backup(context, args[0]!)
} catch (error) {
  console.error(error instanceof AdminError ? error.message : `Failed: ${(error as Error).message}`)
  exitCode = 1
} finally {
  await bus?.close()
  await storage.close()
}
process.exit(exitCode)
