import type { IncomingMessage } from 'node:http'
import { Router, type RequestHandler, type Response } from 'express'
import type { Logger } from 'pino'
import type { Storage } from '@cg/storage'
import type { SyncServer } from '@cg/sync-server'
import { ApiErrorCode, ApiRoutes, AuditKind } from '@cg/contract'
import { displayNameOf, type AuditTrail } from '../audit/auditTrail.ts'
import { linksFor } from '../auth/boardAccess.ts'
import type { BackupChecker, BackupCheckRefusal } from '../backup/backupCheck.ts'
import { exportBackup, storeRestored } from '../backup/boardBackup.ts'
import { boardView, retentionView } from '../boards/boardView.ts'
import { attachment, safeFileStem } from '../http/downloads.ts'
import { sendError } from '../http/httpErrors.ts'
import { grantOf, requireRole } from '../auth/requireRole.ts'

/** Each refusal has its own status and code, so the page can say it in the person's language. */
const REFUSALS: Record<BackupCheckRefusal, { status: number; code: ApiErrorCode }> = {
  'not-a-backup': { status: 400, code: ApiErrorCode.backupNotRecognized },
  'newer-version': { status: 400, code: ApiErrorCode.backupNewerVersion },
  damaged: { status: 400, code: ApiErrorCode.backupDamaged },
  'too-complex': { status: 400, code: ApiErrorCode.backupTooComplex },
  'too-large': { status: 413, code: ApiErrorCode.payloadTooLarge },
  'files-full': { status: 413, code: ApiErrorCode.boardFilesFull },
}

/**
 * Restores check files in child processes: two at a time on a process, one at a time per client address, so
 * one sender (or a slow one, until its body is cut for pace) never keeps everyone else from restoring.
 */
const RESTORES_AT_ONCE = 2

/** How long the rest of a refused body is read (and dropped) so its sender sees the answer, not a reset. */
const DRAIN_MS = 5_000

/** The backup's file name: the board title and the day. */
function fileNameOf(title: string, date: Date): string {
  return `${safeFileStem(title, 60)}-${date.toISOString().slice(0, 10)}.cgboard.json`
}

/**
 * After an answer given before the body was all in: the rest is read and dropped for a moment, so its sender
 * (still sending) gets the answer rather than a reset; a body still coming after that loses its connection.
 */
function closeAfterAnswer(req: IncomingMessage, res: Response): void {
  if (req.complete) return
  res.once('finish', () => {
    const cut = setTimeout(() => req.socket.destroy(), DRAIN_MS)
    cut.unref()
    req.once('end', () => clearTimeout(cut))
    req.resume()
  })
}

/** Download a workshop as one file; restore such a file as a new workshop on any server. */
export function backupRoutes(
  storage: Storage,
  sync: SyncServer,
  checker: BackupChecker,
  maxBackupBytes: number,
  restoreLimit: RequestHandler,
  audit: AuditTrail,
  log: Logger,
  retainIdleMs: number | null,
): Router {
  const router = Router()
  const running = new Map<string, number>()
  let runningTotal = 0

  // Each restore holds a child process and the file's memory while it checks it: a few at a time, one per address.
  const restoreGate: RequestHandler = (req, res, next) => {
    const address = req.ip ?? 'unknown'
    if (runningTotal >= RESTORES_AT_ONCE || running.has(address)) {
      return sendError(res, 429, ApiErrorCode.tooManyRequests, 'Another restore is running; try again in a minute.')
    }
    runningTotal++
    running.set(address, 1)
    res.once('close', () => {
      runningTotal--
      running.delete(address)
    })
    next()
  }

  router.get(ApiRoutes.downloadBackup.pattern, requireRole(storage, 'facilitator'), async (req, res) => {
    const { board, role } = grantOf(res)
    if (board.parentId) {
      return sendError(res, 400, ApiErrorCode.invalidRequest, 'Back up the plenary board: its breakouts come with it.')
    }
    const file = await exportBackup(storage, sync, board)
    await audit.record(board.id, { kind: AuditKind.backupDownloaded, name: displayNameOf(req), role })
    const name = fileNameOf(board.title, new Date())
    res
      .status(200)
      .type('application/json')
      .set('Cache-Control', 'no-store')
      .set('Content-Disposition', attachment('board.cgboard.json', name))
      .send(file)
  })

  router.post(ApiRoutes.restoreBackup.pattern, restoreLimit, restoreGate, async (req, res) => {
    const declared = req.headers['content-length'] === undefined ? undefined : Number(req.headers['content-length'])
    if (declared !== undefined && declared > maxBackupBytes) {
      closeAfterAnswer(req, res)
      return sendError(res, 413, ApiErrorCode.payloadTooLarge, 'The file is larger than a backup may be.')
    }
    if (declared === 0)
      return sendError(res, 400, ApiErrorCode.invalidRequest, 'Send the backup file as the request body.')
    const check = checker.check(req, declared ?? maxBackupBytes)
    // A sender that goes away, or is cut for pace, ends the check.
    res.once('close', check.stop)
    const checked = await check.result
    if (res.headersSent) return
    if (!checked.ok) {
      const { status, code } = REFUSALS[checked.refusal]
      closeAfterAnswer(req, res)
      return sendError(res, status, code, checked.detail)
    }
    const restored = await storeRestored(storage, checked.boards)
    log.info({ board: restored.board.id, breakouts: checked.boards.length - 1 }, 'board restored from a backup')
    // Nobody's link made it: whoever restores a file gets the new workshop's links.
    await audit.record(restored.board.id, { kind: AuditKind.backupRestored, name: displayNameOf(req), role: null })
    const { board, tokens } = restored
    res
      .status(201)
      .location(ApiRoutes.getBoard.path({ id: board.id }))
      .json(boardView(board, 'facilitator', retentionView(board, retainIdleMs), linksFor(board.id, tokens)))
  })

  return router
}
