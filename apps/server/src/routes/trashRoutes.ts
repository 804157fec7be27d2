import { Router } from 'express'
import { ApiErrorCode, ApiRoutes, AuditKind, type DeleteBoardResult } from '@cg/contract'
import type { BoardStorage } from '@cg/storage'
import { displayNameOf, type AuditTrail } from '../audit/auditTrail.ts'
import { currentTokens, linksFor } from '../auth/boardAccess.ts'
import { bearerToken, requireRole, trashGrantOf } from '../auth/requireRole.ts'
import { boardView, retentionView } from '../boards/boardView.ts'
import type { WorkshopDeletion } from '../boards/workshopDeletion.ts'
import { sendError } from '../http/httpErrors.ts'

/**
 * A facilitator deletes a whole workshop (to the trash, or for good with `?purge=now`), and takes it out of the
 * trash. The only routes a workshop in the trash still answers, and only to its facilitator's link.
 */
export function trashRoutes(
  storage: BoardStorage,
  deletion: WorkshopDeletion,
  audit: AuditTrail,
  retainIdleMs: number | null,
): Router {
  const router = Router()
  const facilitator = requireRole(storage, 'facilitator', { inTrash: true })

  router.delete(ApiRoutes.deleteBoard.pattern, facilitator, async (req, res) => {
    const purge = req.query.purge
    if (purge !== undefined && purge !== 'now') {
      return sendError(res, 400, ApiErrorCode.invalidRequest, 'purge: the only value is "now".')
    }
    const grant = trashGrantOf(res)
    const { board, role } = grant
    if (board.parentId) {
      return sendError(
        res,
        400,
        ApiErrorCode.invalidRequest,
        'A breakout board is deleted with its workshop: delete the plenary board.',
      )
    }
    const entry = { kind: AuditKind.deletionScheduled, name: displayNameOf(req), role }
    let result: DeleteBoardResult
    if (purge === 'now') {
      // Before the purge, which takes the log with it: the entry stays only if the purge has to wait (Redis away).
      await audit.record(board.id, { ...entry, detail: 'purge-now' })
      result = await deletion.purgeNow(board.id)
    } else {
      result = await deletion.trash(board.id)
      // Once: deleting again a workshop already in the trash changes nothing.
      if (grant.kind !== 'deleted') await audit.record(board.id, { ...entry, detail: 'facilitator' })
    }
    res.set('Cache-Control', 'no-store').json(result)
  })

  router.post(ApiRoutes.undeleteBoard.pattern, facilitator, async (req, res) => {
    const { board, access, role } = trashGrantOf(res)
    if (board.parentId) {
      return sendError(
        res,
        400,
        ApiErrorCode.invalidRequest,
        'A breakout board comes back with its workshop: undo on the plenary board.',
      )
    }
    if (!(await deletion.undelete(board.id))) {
      return sendError(res, 409, ApiErrorCode.conflict, 'This workshop is not in the trash.')
    }
    await audit.record(board.id, { kind: AuditKind.deletionUndone, name: displayNameOf(req), role })
    const token = bearerToken(req.get('authorization'))
    const links = access && token ? linksFor(board.id, currentTokens(access, token)) : undefined
    // Undoing may have cleared a deletion date that had passed, and counts as opening it.
    const restored = (await storage.getBoard(board.id)) ?? board
    res
      .set('Cache-Control', 'no-store')
      .json(boardView(restored, 'facilitator', retentionView(restored, retainIdleMs), links))
  })

  return router
}
