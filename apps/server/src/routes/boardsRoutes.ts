import { Router, json, type RequestHandler } from 'express'
import { z } from 'zod'
import { ApiErrorCode, ApiRoutes, AuditKind, type RotateLinksResult } from '@cg/contract'
import type { BoardRecord, BoardStorage } from '@cg/storage'
import { displayNameOf, type AuditTrail } from '../audit/auditTrail.ts'
import { currentTokens, issueAccess, linksFor, rotateAccess } from '../auth/boardAccess.ts'
import { newRandomId } from '../boards/boardIds.ts'
import { boardView, retentionView } from '../boards/boardView.ts'
import { bodySchema, parseBody, sendError } from '../http/httpErrors.ts'
import { serverNow } from '../http/serverClock.ts'
import { bearerToken, grantOf, requireRole } from '../auth/requireRole.ts'

const CreateBoardBody = bodySchema(
  ApiRoutes.createBoard,
  z.object({
    title: z.string().trim().min(1).max(200),
  }),
)

export interface BoardsRoutesHooks {
  /** Called after a rotation so open connections made with the old links can be closed. */
  onLinksRotated(plenaryId: string, which: { facilitator: boolean }): void
}

const RotateBody = bodySchema(
  ApiRoutes.rotateLinks,
  z.object({
    /** Replace the facilitator link too (and with it every other link). */
    facilitator: z.boolean().default(false),
  }),
)

/** `retainIdleMs`: RETAIN_IDLE_DAYS (null: off), for the retention every board's view shows. */
export function boardsRoutes(
  storage: BoardStorage,
  newBoardLimit: RequestHandler,
  hooks: BoardsRoutesHooks,
  audit: AuditTrail,
  retainIdleMs: number | null,
): Router {
  const router = Router()

  // Anyone may create a board (that is how a workshop starts): per address, a few at a time.
  router.post(ApiRoutes.createBoard.pattern, newBoardLimit, json({ limit: '16kb' }), async (req, res) => {
    const body = parseBody(CreateBoardBody, req.body, res)
    if (!body) return
    // On the server's clock, which idle retention counts from until someone opens the workshop.
    const board: BoardRecord = { id: newRandomId(), title: body.title, createdAt: serverNow(req), parentId: null }
    const { access, tokens } = issueAccess()
    await storage.createBoard(board, access)
    res
      .status(201)
      .location(ApiRoutes.getBoard.path({ id: board.id }))
      .json(boardView(board, 'facilitator', retentionView(board, retainIdleMs), linksFor(board.id, tokens)))
  })

  router.get(ApiRoutes.getBoard.pattern, requireRole(storage, 'viewer'), async (req, res) => {
    const { board, plenary, access, role } = grantOf(res)
    const token = bearerToken(req.get('authorization'))
    const links =
      role === 'facilitator' && access && token ? linksFor(plenary.id, currentTokens(access, token)) : undefined
    // A breakout shows its workshop's retention: it goes with its plenary.
    res.set('Cache-Control', 'no-store').json(boardView(board, role, retentionView(plenary, retainIdleMs), links))
  })

  router.post(
    ApiRoutes.rotateLinks.pattern,
    requireRole(storage, 'facilitator'),
    json({ limit: '1kb' }),
    async (req, res) => {
      const body = parseBody(RotateBody, req.body ?? {}, res)
      if (!body) return
      const { board, plenary, role } = grantOf(res)
      if (board.id !== plenary.id) {
        return sendError(res, 400, ApiErrorCode.invalidRequest, 'Rotate the links of the plenary board.')
      }
      // The facilitator link shows the others, so replacing it replaces every link: a leaked facilitator link
      // must not keep opening the board through the links it revealed.
      const { access, tokens } = body.facilitator ? issueAccess() : rotateAccess(bearerToken(req.get('authorization'))!)
      await storage.setBoardAccess(board.id, access)
      hooks.onLinksRotated(board.id, { facilitator: body.facilitator })
      await audit.record(board.id, {
        kind: AuditKind.linksReplaced,
        name: displayNameOf(req),
        role,
        // Which roles' links: the facilitator's replaces them all.
        detail: body.facilitator ? 'facilitator, editor, viewer' : 'editor, viewer',
      })
      const result: RotateLinksResult = { links: linksFor(board.id, tokens) }
      res.set('Cache-Control', 'no-store').json(result)
    },
  )

  return router
}
