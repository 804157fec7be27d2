import { fileURLToPath } from 'node:url'
import { resolve } from 'node:path'
import { z } from 'zod'

const MiB = 1024 * 1024
const defaultWebDist = fileURLToPath(new URL('../../web/dist', import.meta.url))
const defaultTemplatesDir = fileURLToPath(new URL('../../../templates', import.meta.url))

const port = z.coerce.number().int().min(0).max(65535)
const positiveInt = z.coerce.number().int().positive()
const DAY_MS = 24 * 3_600_000

/** Every setting comes from the environment; the README's configuration table lists the same names. */
const EnvSchema = z.object({
  PORT: port.default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('./data'),
  PUBLIC_URL: z.url().optional(),
  TLDRAW_LICENSE_KEY: z.string().optional(),
  MAX_MESSAGE_BYTES: positiveInt.default(16 * MiB),
  MAX_ASSET_BYTES: positiveInt.default(10 * MiB),
  MAX_BOARD_FILES_BYTES: positiveInt.default(100 * MiB),
  MAX_BACKUP_BYTES: positiveInt.default(200 * MiB),
  MAX_BOARD_BYTES: positiveInt.default(32 * MiB),
  HISTORY_INTERVAL_MS: positiveInt.default(10 * 60_000),
  NEW_BOARDS_PER_10_MINUTES: positiveInt.default(30),
  RESTORES_PER_10_MINUTES: positiveInt.default(5),
  TRUST_PROXY: z.string().optional(),
  HISTORY_KEEP_ALL_HOURS: positiveInt.default(24),
  HISTORY_HOURLY_DAYS: positiveInt.default(30),
  COMPACT_AFTER_UPDATES: positiveInt.default(500),
  HEARTBEAT_MS: positiveInt.default(30_000),
  ROOM_UNLOAD_GRACE_MS: z.coerce.number().int().min(0).default(30_000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  WEB_DIST: z.string().min(1).default(defaultWebDist),
  TEMPLATES_DIR: z.string().min(1).default(defaultTemplatesDir),
  CHROMIUM_PATH: z.string().min(1).default('/usr/bin/chromium'),
  COMPRESSION: z.enum(['on', 'off']).default('on'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'expected a postgres:// or postgresql:// address')
    .optional(),
  METRICS_TOKEN: z.string().min(16, 'use a random secret of 16 characters or more').optional(),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'expected a redis:// or rediss:// address')
    .optional(),
  WS_COMPRESS_MIN_BYTES: positiveInt.default(8192),
  BODY_IDLE_MS: positiveInt.default(15_000),
  BODY_MIN_BYTES_PER_SECOND: positiveInt.default(2048),
  MAX_PRIVATE_ROOMS_PER_BOARD: positiveInt.default(300),
  NEW_PRIVATE_ROOMS_PER_10_MINUTES: positiveInt.default(60),
  // A week, as long as a deleted workshop's trash: an upload lands moments before the record that shows it, and undo
  // or an offline device's changes can bring a removed picture back; fractional days allowed, at most ten years.
  UNUSED_FILE_DAYS: z.coerce.number().positive().max(3650).default(7),
  FILE_SWEEP_MS: positiveInt.default(3_600_000),
  // Fractional days are allowed (0.5: twelve hours); at most ten years, so the purge time stays a date.
  DELETED_BOARD_DAYS: z.coerce.number().positive().max(3650).default(7),
  PURGE_SWEEP_MS: positiveInt.default(60_000),
  // Off unless set; fractional days as for DELETED_BOARD_DAYS, at most ten years.
  RETAIN_IDLE_DAYS: z.coerce.number().positive().max(3650).optional(),
})

export interface ServerConfig {
  port: number
  host: string
  dataDir: string
  publicUrl: string | undefined
  tldrawLicenseKey: string | undefined
  maxMessageBytes: number
  maxAssetBytes: number
  /** All the files of one board together (uploads and restores). */
  maxBoardFilesBytes: number
  maxBackupBytes: number
  maxBoardBytes: number
  historyIntervalMs: number
  newBoardsPer10Minutes: number
  restoresPer10Minutes: number
  /** express's `trust proxy`: hops (`1`), `loopback`, addresses; unset: trust no `X-Forwarded-For`. */
  trustProxy: string | number | undefined
  historyKeepAllMs: number
  historyHourlyForMs: number
  compactAfterUpdates: number
  roomUnloadGraceMs: number
  /** Interval of websocket pings; a pong is due one interval later, plus time for the data sent before it. */
  heartbeatMs: number
  logLevel: z.infer<typeof EnvSchema>['LOG_LEVEL']
  webDist: string
  templatesDir: string
  chromiumPath: string
  /**
   * Precompressed static files and websocket compression (permessage-deflate), both on by default; off for a
   * reverse proxy that compresses itself, and as the benchmark's reference.
   */
  compression: boolean
  /** PostgreSQL instead of the SQLite file under `dataDir` (needed to run several processes). */
  databaseUrl: string | undefined
  /** Secret that opens `GET /metrics`; unset, metrics are off. */
  metricsToken: string | undefined
  /** Redis joining several processes on the same database (updates and presence cross between them). */
  redisUrl: string | undefined
  /** Websocket messages smaller than this go out uncompressed (fan-out stays cheap; the first sync shrinks). */
  wsCompressMinBytes: number
  /**
   * How a request body must keep coming: it may rest `idleMs` at a stretch, and after that long it must have
   * averaged `minBytesPerSecond`; otherwise it is cut with 408.
   */
  bodyPace: { idleMs: number; graceMs: number; minBytesPerSecond: number }
  /** Private rooms (one per person drafting in private) a board keeps at most. */
  maxPrivateRoomsPerBoard: number
  /** New private rooms one client address may open in ten minutes. */
  newPrivateRoomsPer10Minutes: number
  /** How long an uploaded file nothing refers to any more (no record, no version) is kept before it is deleted. */
  unusedFileMs: number
  /** How often each process looks for files nothing refers to. */
  fileSweepMs: number
  /** How long a deleted workshop stays in the trash (its facilitator can undo) before it is purged. */
  deletedBoardMs: number
  /**
   * How often each process sweeps: workshops whose time in the trash is over, workshops due for deletion, links that
   * expired.
   */
  purgeSweepMs: number
  /** A workshop nobody opened for this long goes to the trash (RETAIN_IDLE_DAYS); null: never. */
  retainIdleMs: number | null
}

export type ConfigResult = { ok: true; config: ServerConfig } | { ok: false; errors: string[] }

export function readConfig(env: Record<string, string | undefined>): ConfigResult {
  // An empty variable means "not set", as in most shells' `FOO= command`.
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''))
  const parsed = EnvSchema.safeParse(present)
  if (!parsed.success) {
    return { ok: false, errors: parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`) }
  }
  const e = parsed.data
  // Several processes must share one store: an SQLite file belongs to one process.
  if (e.REDIS_URL && !e.DATABASE_URL) {
    return { ok: false, errors: ['REDIS_URL: several processes need a shared database: set DATABASE_URL too'] }
  }
  return {
    ok: true,
    config: {
      port: e.PORT,
      host: e.HOST,
      dataDir: resolve(e.DATA_DIR),
      publicUrl: e.PUBLIC_URL?.replace(/\/+$/, ''),
      tldrawLicenseKey: e.TLDRAW_LICENSE_KEY,
      maxMessageBytes: e.MAX_MESSAGE_BYTES,
      maxAssetBytes: e.MAX_ASSET_BYTES,
      maxBoardFilesBytes: e.MAX_BOARD_FILES_BYTES,
      maxBackupBytes: e.MAX_BACKUP_BYTES,
      maxBoardBytes: e.MAX_BOARD_BYTES,
      historyIntervalMs: e.HISTORY_INTERVAL_MS,
      newBoardsPer10Minutes: e.NEW_BOARDS_PER_10_MINUTES,
      restoresPer10Minutes: e.RESTORES_PER_10_MINUTES,
      trustProxy:
        e.TRUST_PROXY === undefined ? undefined : /^\d+$/.test(e.TRUST_PROXY) ? Number(e.TRUST_PROXY) : e.TRUST_PROXY,
      historyKeepAllMs: e.HISTORY_KEEP_ALL_HOURS * 3_600_000,
      historyHourlyForMs: e.HISTORY_HOURLY_DAYS * 24 * 3_600_000,
      compactAfterUpdates: e.COMPACT_AFTER_UPDATES,
      roomUnloadGraceMs: e.ROOM_UNLOAD_GRACE_MS,
      heartbeatMs: e.HEARTBEAT_MS,
      logLevel: e.LOG_LEVEL,
      webDist: resolve(e.WEB_DIST),
      templatesDir: resolve(e.TEMPLATES_DIR),
      chromiumPath: e.CHROMIUM_PATH,
      compression: e.COMPRESSION === 'on',
      wsCompressMinBytes: e.WS_COMPRESS_MIN_BYTES,
      bodyPace: { idleMs: e.BODY_IDLE_MS, graceMs: e.BODY_IDLE_MS, minBytesPerSecond: e.BODY_MIN_BYTES_PER_SECOND },
      maxPrivateRoomsPerBoard: e.MAX_PRIVATE_ROOMS_PER_BOARD,
      newPrivateRoomsPer10Minutes: e.NEW_PRIVATE_ROOMS_PER_10_MINUTES,
      unusedFileMs: Math.round(e.UNUSED_FILE_DAYS * DAY_MS),
      fileSweepMs: e.FILE_SWEEP_MS,
      deletedBoardMs: Math.round(e.DELETED_BOARD_DAYS * DAY_MS),
      purgeSweepMs: e.PURGE_SWEEP_MS,
      retainIdleMs: e.RETAIN_IDLE_DAYS === undefined ? null : Math.round(e.RETAIN_IDLE_DAYS * DAY_MS),
      databaseUrl: e.DATABASE_URL,
      redisUrl: e.REDIS_URL,
      metricsToken: e.METRICS_TOKEN,
    },
  }
}
