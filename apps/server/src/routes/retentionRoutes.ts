import { Router, json } from 'express'
import { z } from 'zod'
import { ApiErrorCode, ApiRoutes, AuditKind, type RetentionRequest } from '@cg/contract'
import type { Storage, StoredRetention } from '@cg/storage'
import { displayNameOf, type AuditTrail } from '../audit/auditTrail.ts'
import { grantOf, requireRole } from '../auth/requireRole.ts'
import { retentionView } from '../boards/boardView.ts'
import { bodySchema, parseBody, sendError } from '../http/httpErrors.ts'
import { serverNow } from '../http/serverClock.ts'

/** The furthest ahead a date may be: ten years, as for DELETED_BOARD_DAYS (a workshop is not an archive). */
const MAX_AHEAD_MS = 3650 * 24 * 3_600_000

/** A moment with its offset (`2027-03-31T17:00:00Z`, `…+02:00`), or a day (`2027-03-31`: its start, in UTC). */
const isoDate = z.union([z.iso.datetime({ offset: true }), z.iso.date()], {
  error: 'expected an ISO 8601 date (2027-03-31 or 2027-03-31T17:00:00Z) or null',
})

const RetentionBody = bodySchema(
  ApiRoutes.setRetention,
  z.object({
    deleteOn: isoDate.nullable(),
    linksExpireAt: isoDate.nullable(),
  }),
)

const WORDS: Record<keyof RetentionRequest, string> = {
  deleteOn: 'the deletion date',
  linksExpireAt: 'the links’ expiry',
}

/**
 * A facilitator sets when the workshop is deleted (it goes to the trash by itself on that date) and when its
 * participant and viewer links stop working; on the plenary board, for the whole workshop. Each change goes in the
 * audit log.
 */
export function retentionRoutes(storage: Storage, retainIdleMs: number | null, audit: AuditTrail): Router {
  const router = Router()

  router.post(
    ApiRoutes.setRetention.pattern,
    requireRole(storage, 'facilitator'),
    json({ limit: '1kb' }),
    async (req, res) => {
      const body = parseBody(RetentionBody, req.body, res)
      if (!body) return
      const { board } = grantOf(res)
      if (board.parentId) {
        return sendError(
          res,
          400,
          ApiErrorCode.invalidRequest,
          'Set the retention of the plenary board: a breakout follows it.',
        )
      }
      const now = serverNow(req)
      const retention: StoredRetention = {
        deleteOn: body.deleteOn === null ? null : Date.parse(body.deleteOn),
        linksExpireAt: body.linksExpireAt === null ? null : Date.parse(body.linksExpireAt),
      }
      for (const field of ['deleteOn', 'linksExpireAt'] as const) {
        const time = retention[field]
        if (time === null) continue
        if (Number.isNaN(time)) {
          return sendError(res, 400, ApiErrorCode.invalidRequest, `${field}: there is no such date.`)
        }
        // A date already set may stay as it is once passed (links that expired stay expired when the deletion date
        // changes); a new one must be ahead.
        if (time <= now && time !== board.retention?.[field]) {
          return sendError(
            res,
            400,
            ApiErrorCode.invalidRequest,
            `${field}: ${WORDS[field]} is in the past (now is ${new Date(now).toISOString()}); choose a later date, or null for never.`,
          )
        }
        if (time > now + MAX_AHEAD_MS) {
          return sendError(
            res,
            400,
            ApiErrorCode.invalidRequest,
            `${field}: ${WORDS[field]} is more than ten years ahead.`,
          )
        }
      }
      await storage.setWorkshopRetention(board.id, retention)
      const iso = (time: number | null) => (time === null ? 'never' : new Date(time).toISOString())
      await audit.record(board.id, {
        kind: AuditKind.retentionSet,
        name: displayNameOf(req),
        role: 'facilitator',
        detail: `deleteOn ${iso(retention.deleteOn)}, linksExpireAt ${iso(retention.linksExpireAt)}`,
      })
      const stored = (await storage.getBoard(board.id)) ?? { ...board, retention }
      res.set('Cache-Control', 'no-store').json(retentionView(stored, retainIdleMs))
    },
  )

  return router
}
