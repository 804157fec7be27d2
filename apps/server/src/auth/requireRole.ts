import type { RequestHandler, Response } from 'express'
import { ApiErrorCode, hasRole, type BoardRole } from '@cg/contract'
import type { BoardStorage } from '@cg/storage'
import { grantFor, type BoardGrant } from './boardAccess.ts'
import { deletionView } from '../boards/boardView.ts'
import { sendBoardDeleted, sendError, sendLinkExpired } from '../http/httpErrors.ts'
import { serverNow } from '../http/serverClock.ts'

export type Granted = Extract<BoardGrant, { kind: 'granted' }>
/** What a route that also serves a workshop in the trash (deleting it for good, undoing) is let through with. */
export type GrantedOrDeleted = Extract<BoardGrant, { kind: 'granted' | 'deleted' }>

/** The bearer token of a request (`Authorization: Bearer <token>`), never logged. */
function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer ([A-Za-z0-9_-]+)$/.exec(header ?? '')
  return match?.[1]
}

/**
 * Lets the request through when its token opens board `:id` with at least `minimum`; the grant is then in
 * `res.locals.grant`. Runs before any body is read, so refused uploads are never buffered. A workshop in the trash
 * answers 410 to every valid link (its facilitator's is told when it will be purged), unless `inTrash`; an expired
 * participant or viewer link gets 401 link-expired, by the server's clock (see serverClock.ts).
 */
export function requireRole<Params extends { id: string } = { id: string }>(
  storage: BoardStorage,
  minimum: BoardRole,
  options: { inTrash?: boolean } = {},
): RequestHandler<Params> {
  return async (req, res, next) => {
    const grant = await grantFor(storage, req.params.id, bearerToken(req.get('authorization')), serverNow(req))
    if (grant.kind === 'not-found') return sendError(res, 404, ApiErrorCode.boardNotFound, 'No board has this id.')
    if (grant.kind === 'unauthorized') {
      return sendError(res, 401, ApiErrorCode.invalidToken, 'This link is not valid for this board (any more).')
    }
    if (grant.kind === 'expired') return sendLinkExpired(res, new Date(grant.linksExpireAt).toISOString())
    if (grant.kind === 'deleted' && !options.inTrash) {
      return sendBoardDeleted(res, grant.role === 'facilitator' ? deletionView(grant.deletion) : undefined)
    }
    if (!hasRole(grant.role, minimum)) {
      return sendError(res, 403, ApiErrorCode.forbidden, `This needs a ${minimum} link.`)
    }
    res.locals.grant = grant
    next()
  }
}

export function grantOf(res: Response): Granted {
  return res.locals.grant as Granted
}

/** The grant of a route let through with `inTrash`. */
export function trashGrantOf(res: Response): GrantedOrDeleted {
  return res.locals.grant as GrantedOrDeleted
}

export { bearerToken }
