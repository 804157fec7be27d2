import { Router, raw, type RequestHandler } from 'express'
import type { Logger } from 'pino'
import type { Storage } from '@cg/storage'
import type { SyncServer } from '@cg/sync-server'
import { linksFor } from './boardAccess.ts'
import { boardView } from './boardView.ts'
import { attachment, safeFileStem } from './downloads.ts'
import { boardOverFilesQuota, exportBackup, restoreBackup, type BackupRefusal } from './boardBackup.ts'
import type { ServerConfig } from './config.ts'
import { parseBackupOffThread } from './parseBackupOffThread.ts'
import { ApiErrorCode } from '@cg/contract'
import { sendError } from './httpErrors.ts'
import { grantOf, requireRole } from './requireRole.ts'

/** Each refusal has its own code, so the page can say it in the person's language. */
const REFUSAL_CODES: Record<BackupRefusal, ApiErrorCode> = {
  'not-a-backup': ApiErrorCode.backupNotRecognized,
  'newer-version': ApiErrorCode.backupNewerVersion,
  damaged: ApiErrorCode.backupDamaged,
}

/** The backup's file name: the board title and the day. */
function fileNameOf(title: string, date: Date): string {
  return `${safeFileStem(title, 60)}-${date.toISOString().slice(0, 10)}.cgboard.json`
}

/** Download a workshop as one file; restore such a file as a new workshop on any server. */
export function backupRoutes(
  storage: Storage,
  sync: SyncServer,
  limits: Pick<ServerConfig, 'maxBackupBytes' | 'maxBoardFilesBytes'>,
  restoreLimit: RequestHandler,
  log: Logger,
): Router {
  const router = Router()
  let restoreRunning = false

  // One restore at a time (each holds a whole workshop in memory while it checks it): another one is refused at
  // once, before its body is read, rather than queued with its body in memory.
  const oneRestoreAtATime: RequestHandler = (_req, res, next) => {
    if (restoreRunning) {
      return sendError(res, 429, ApiErrorCode.tooManyRequests, 'Another restore is running; try again in a minute.')
    }
    restoreRunning = true
    res.on('close', () => (restoreRunning = false))
    next()
  }

  router.get('/api/boards/:id/backup', requireRole(storage, 'facilitator'), async (_req, res) => {
    const { board } = grantOf(res)
    if (board.parentId) {
      return sendError(res, 400, ApiErrorCode.invalidRequest, 'Back up the plenary board: its breakouts come with it.')
    }
    const file = await exportBackup(storage, sync, board)
    const name = fileNameOf(board.title, new Date())
    res
      .status(200)
      .type('application/json')
      .set('Cache-Control', 'no-store')
      .set('Content-Disposition', attachment('board.cgboard.json', name))
      .send(file)
  })

  router.post(
    '/api/boards/restore',
    restoreLimit,
    oneRestoreAtATime,
    raw({ type: () => true, limit: limits.maxBackupBytes }),
    async (req, res) => {
      const body: unknown = req.body
      if (!Buffer.isBuffer(body) || body.length === 0) {
        return sendError(res, 400, ApiErrorCode.invalidRequest, 'Send the backup file as the request body.')
      }
      const parsed = await parseBackupOffThread(body)
      if (!parsed.ok) return sendError(res, 400, REFUSAL_CODES[parsed.reason], parsed.detail)
      const overQuota = boardOverFilesQuota(parsed.payload, limits.maxBoardFilesBytes)
      if (overQuota !== undefined) {
        return sendError(
          res,
          413,
          ApiErrorCode.boardFilesFull,
          `The files of "${overQuota}" in this backup are more than this server keeps per board (MAX_BOARD_FILES_BYTES).`,
        )
      }
      const restored = await restoreBackup(storage, parsed.payload)
      log.info({ board: restored.board.id, breakouts: parsed.payload.breakouts.length }, 'board restored from a backup')
      const { board, tokens } = restored
      res
        .status(201)
        .location(`/api/boards/${board.id}`)
        .json(boardView(board, 'facilitator', linksFor(board.id, tokens)))
    },
  )

  return router
}
