import { createServer as createHttpServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import express from 'express'
import { pino, type Logger } from 'pino'
import { RedisRoomBus } from '@cg/redis-bus'
import type { Storage } from '@cg/storage'
import { API_BASE, parseRoomName, PRESENCE_ROLE_FIELD } from '@cg/contract'
import { SyncServer } from '@cg/sync-server'
import { AuditTrail } from './audit/auditTrail.ts'
import { JoinRecorder } from './audit/joinRecorder.ts'
import { authorizeRoom, type ConnectionGrant } from './auth/authorizeRoom.ts'
import { PrivateRoomLimits } from './auth/privateRoomLimits.ts'
import { RotatedLinks } from './auth/rotatedLinks.ts'
import { BackupChecker } from './backup/backupCheck.ts'
import { boardGuard } from './boards/boardGuard.ts'
import { DeletedWorkshops } from './boards/deletedWorkshops.ts'
import { ExpiredLinks } from './boards/expiredLinks.ts'
import { PurgeSweep } from './boards/purgeSweep.ts'
import { ScheduledDeletion } from './boards/scheduledDeletion.ts'
import { WorkshopDeletion } from './boards/workshopDeletion.ts'
import { WorkshopOpenings } from './boards/workshopOpenings.ts'
import type { ServerConfig } from './config.ts'
import { BoardExporter } from './exports/boardExporter.ts'
import { UnusedFilesSweep } from './files/unusedFiles.ts'
import { openStorage } from './openStorage.ts'
import { BoardHistory } from './history/boardHistory.ts'
import { bodyPace } from './http/bodyPace.ts'
import { apiNotFound, errorHandler } from './http/httpErrors.ts'
import { ServerMetrics } from './http/metrics.ts'
import { perAddressLimit, sharedLimitStore } from './http/rateLimits.ts'
import { securityHeaders } from './http/securityHeaders.ts'
import { useServerClock } from './http/serverClock.ts'
import { assetsRoutes } from './routes/assetsRoutes.ts'
import { auditRoutes } from './routes/auditRoutes.ts'
import { backupRoutes } from './routes/backupRoutes.ts'
import { boardsRoutes } from './routes/boardsRoutes.ts'
import { configRoutes } from './routes/configRoutes.ts'
import { exportRoutes } from './routes/exportRoutes.ts'
import { healthRoutes } from './routes/healthRoutes.ts'
import { historyRoutes } from './routes/historyRoutes.ts'
import { metricsRoutes } from './routes/metricsRoutes.ts'
import { retentionRoutes } from './routes/retentionRoutes.ts'
import { templatesRoutes } from './routes/templatesRoutes.ts'
import { trashRoutes } from './routes/trashRoutes.ts'
import { webRoutes } from './routes/webRoutes.ts'
import { websocketUpgrade } from './routes/websocketUpgrade.ts'
import { workshopRoutes } from './routes/workshopRoutes.ts'

export interface RunningServer {
  /** Base URL of the HTTP server, e.g. http://127.0.0.1:41234 (the real port when 0 was asked). */
  url: string
  httpServer: Server
  storage: Storage
  sync: SyncServer
  /** Renders boards to PDF (used by the REST API and the command-line export). */
  exporter: BoardExporter
  /** Versions of every board. */
  history: BoardHistory
  /** Workshops to the trash, back, and purged (the sweep included). */
  deletion: WorkshopDeletion
  /** Deletes uploaded files nothing refers to any more (tests run a sweep at once). */
  unusedFiles: UnusedFilesSweep
  /** Each workshop's audit log. */
  audit: AuditTrail
  /** The sweep every PURGE_SWEEP_MS (expired links, retention, purge); tests run one with `sweep.sweep()`. */
  sweep: PurgeSweep
  log: Logger
  /** Stops accepting, closes every connection, flushes and closes storage. */
  close(): Promise<void>
}

const REQUEST_TIMEOUT_MS = 20 * 60_000

export interface StartOptions {
  /**
   * The clock of deletion times, retention, the audit log and the sweep (default `Date.now`): tests move it past a
   * purge.
   */
  now?: () => number
}

/** Composes storage, the sync server and the HTTP API into one running server. */
export async function startServer(
  config: ServerConfig,
  log: Logger = pino({ level: config.logLevel }),
  { now = Date.now }: StartOptions = {},
): Promise<RunningServer> {
  const storage = await openStorage(config)
  const audit = new AuditTrail(storage, now, log)
  const joins = new JoinRecorder(audit, now)
  const history = new BoardHistory(
    storage,
    () => sync,
    {
      intervalMs: config.historyIntervalMs,
      retention: { keepAllMs: config.historyKeepAllMs, hourlyForMs: config.historyHourlyForMs },
    },
    log,
  )
  const metrics = new ServerMetrics({ stats: () => sync.stats(), exportsRunning: () => exporter.activeJobs })
  // With Redis, several processes serve the same boards; without it, this process is the only one.
  const bus = config.redisUrl
    ? new RedisRoomBus(config.redisUrl, { log, onHeard: (kind, lagMs) => metrics.busHeard(kind, lagMs) })
    : undefined
  const limitOptions = (what: string) => ({
    onRefused: () => metrics.refused('too-many-requests'),
    ...(bus ? { store: sharedLimitStore(bus.sendCommand, what) } : {}),
  })
  const rotatedLinks = new RotatedLinks(() => sync, storage, bus, log)
  // The PDF renderer opens our own print view: it needs the address we listen on, known once listening.
  let ownUrl = ''
  const exporter = new BoardExporter({ storage, chromiumPath: config.chromiumPath, baseUrl: () => ownUrl, log })
  const deleted = new DeletedWorkshops({ sync: () => sync, storage, bus, exporter, history, log })
  const deletion = new WorkshopDeletion({
    storage,
    deleted,
    keepMs: config.deletedBoardMs,
    sweepMs: config.purgeSweepMs,
    now,
    log,
  })
  const openings = new WorkshopOpenings(storage, now, log)
  const privateRooms = new PrivateRoomLimits({
    storage,
    openRoomNames: (prefix) => sync.openRoomNames(prefix),
    maxPerBoard: config.maxPrivateRoomsPerBoard,
    newPer10Minutes: config.newPrivateRoomsPer10Minutes,
    ...(bus ? { store: sharedLimitStore(bus.sendCommand, 'private rooms') } : {}),
    trustProxy: config.trustProxy,
  })
  const sync: SyncServer = new SyncServer({
    storage,
    metrics: metrics.sync,
    ...(bus ? { bus } : {}),
    log,
    guard: boardGuard(storage, () => sync, history),
    // A private room holds one person's drafts and ballots: a sixteenth of a board is room for thousands of notes.
    maxDocBytes: (docName) =>
      parseRoomName(docName)?.channel === 'private' ? Math.ceil(config.maxBoardBytes / 16) : config.maxBoardBytes,
    compactAfterUpdates: config.compactAfterUpdates,
    unloadGraceMs: config.roomUnloadGraceMs,
    heartbeatMs: config.heartbeatMs,
    async authorize(docName, request) {
      const verdict = await authorizeRoom(storage, docName, request, privateRooms, now())
      // A person opened the workshop (not the server's own renderer): RETAIN_IDLE_DAYS counts from here.
      const grant = verdict.ok ? (verdict.grant as ConnectionGrant) : undefined
      if (grant && !grant.internal) await openings.opened(grant.plenaryId)
      return verdict
    },
    mayLoad: (docName) => deleted.mayLoad(docName),
    presenceFromGrant: (grant) => ({ [PRESENCE_ROLE_FIELD]: (grant as ConnectionGrant).role }),
    // Who joined which board, by the name they gave (the audit log).
    presenceWatch: (docName) => joins.watchFor(docName),
    // A private room's key is its secret: logs name the board only.
    roomLabel: (docName) => docName.replace(/:private:.*$/, ':private:…'),
  })

  const app = express()
  app.disable('x-powered-by')
  useServerClock(app, now)
  if (config.trustProxy !== undefined) app.set('trust proxy', config.trustProxy)
  app.use(securityHeaders())
  // Every request body must keep coming: one that stalls or trickles is cut (408) before it holds anything long.
  app.use(bodyPace(config.bodyPace))
  app.use(healthRoutes(storage, log))
  app.use(metricsRoutes(metrics, config.metricsToken))
  app.use(configRoutes(config))
  app.use(templatesRoutes(config.templatesDir, config.compression, log))
  app.use(
    boardsRoutes(
      storage,
      perAddressLimit(config.newBoardsPer10Minutes, 'new boards', limitOptions('new boards')),
      {
        onLinksRotated: (plenaryId, which) => rotatedLinks.rotated(plenaryId, which),
      },
      audit,
      config.retainIdleMs,
    ),
  )
  app.use(trashRoutes(storage, deletion, audit, config.retainIdleMs))
  app.use(retentionRoutes(storage, config.retainIdleMs, audit))
  app.use(assetsRoutes(storage, config.maxAssetBytes, config.maxBoardFilesBytes))
  app.use(workshopRoutes(storage, sync, audit, log))
  app.use(historyRoutes(storage, sync, history, audit))
  app.use(auditRoutes(storage))
  const backupChecker = new BackupChecker(config)
  app.use(
    backupRoutes(
      storage,
      sync,
      backupChecker,
      config.maxBackupBytes,
      perAddressLimit(config.restoresPer10Minutes, 'restores', limitOptions('restores')),
      audit,
      log,
      config.retainIdleMs,
    ),
  )
  app.use(exportRoutes(storage, exporter, audit))
  app.use(API_BASE, apiNotFound)
  app.use(webRoutes(config.webDist, storage, { compressed: config.compression }))
  app.use(errorHandler(log))

  const httpServer = createHttpServer(app)
  // A whole request may take this long (Node's default, 5 minutes, cut a 200 MiB restore over a slow link); what
  // keeps a slow sender from holding anything is the body's pace (bodyPace.ts).
  httpServer.requestTimeout = REQUEST_TIMEOUT_MS
  const wss = websocketUpgrade(httpServer, sync, config)

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject)
    httpServer.listen(config.port, config.host, () => resolve())
  })
  const address = httpServer.address() as AddressInfo
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address
  const url = `http://${host === '0.0.0.0' || host === '[::]' ? 'localhost' : host}:${address.port}`
  ownUrl = url
  const retentionSweeps = {
    expiredLinks: new ExpiredLinks({ storage, sync: () => sync, audit, now, log }),
    scheduled: new ScheduledDeletion({ storage, deletion, audit, retainIdleMs: config.retainIdleMs, now, log }),
  }
  const sweep = new PurgeSweep(deletion, deleted, retentionSweeps, config.purgeSweepMs, log)

  const unusedFiles = new UnusedFilesSweep({
    storage,
    graceMs: config.unusedFileMs,
    everyMs: config.fileSweepMs,
    now,
    log,
  })
  let closing: Promise<void> | undefined
  const close = () =>
    (closing ??= (async () => {
      const stopped = new Promise<void>((resolve) => httpServer.close(() => resolve()))
      httpServer.closeAllConnections()
      backupChecker.close()
      await sweep.close()
      await unusedFiles.close()
      await exporter.close()
      await sync.close()
      await history.close()
      wss.close()
      await stopped
      await bus?.close()
      await storage.close()
    })())

  return { url, httpServer, storage, sync, exporter, history, deletion, audit, sweep, unusedFiles, log, close }
}
