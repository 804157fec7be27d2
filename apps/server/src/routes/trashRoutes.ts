import { Router } from 'express'
import { ApiErrorCode, ApiRoutes } from '@cg/contract'
import type { BoardStorage } from '@cg/storage'
import { currentTokens, linksFor } from '../auth/boardAccess.ts'
import { bearerToken, requireRole, trashGrantOf } from '../auth/requireRole.ts'
import { boardView, retentionView } from '../boards/boardView.ts'
import type { WorkshopDeletion } from '../boards/workshopDeletion.ts'
import { sendError } from '../http/httpErrors.ts'

/**
 * A facilitator deletes a whole workshop (to the trash, or for good with `?purge=now`), and takes it out of the
 * trash. The only routes a workshop in the trash still answers, and only to its facilitator's link.
 */
export function trashRoutes(storage: BoardStorage, deletion: WorkshopDeletion, retainIdleMs: number | null): Router {
  const router = Router()
  const facilitator = requireRole(storage, 'facilitator', { inTrash: true })

  router.delete(ApiRoutes.deleteBoard.pattern, facilitator, async (req, res) => {
    const purge = req.query.purge
    if (purge !== undefined && purge !== 'now') {
      return sendError(res, 400, ApiErrorCode.invalidRequest, 'purge: the only value is "now".')
    }
    const { board } = trashGrantOf(res)
    if (board.parentId) {
      return sendError(
        res,
        400,
        ApiErrorCode.invalidRequest,
        'A breakout board is deleted with its workshop: delete the plenary board.',
      )
    }
    const result = purge === 'now' ? await deletion.purgeNow(board.id) : await deletion.trash(board.id)
    res.set('Cache-Control', 'no-store').json(result)
  })

  router.post(ApiRoutes.undeleteBoard.pattern, facilitator, async (req, res) => {
    const { board, access } = trashGrantOf(res)
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
