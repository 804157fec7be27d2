import { Router } from 'express'
import {
  ApiErrorCode,
  ApiRoutes,
  type AuditEntryView,
  type AuditKind,
  type AuditLogView,
  type BoardRole,
} from '@cg/contract'
import type { BoardRecord, Storage, StoredAuditEvent } from '@cg/storage'
import { toCsv } from '../audit/auditCsv.ts'
import { grantOf, requireRole } from '../auth/requireRole.ts'
import { attachment, safeFileStem } from '../http/downloads.ts'
import { sendError } from '../http/httpErrors.ts'

/** Entries a page shows unless asked for fewer, and the most it may ask for. */
const DEFAULT_PAGE = 50
const MAX_PAGE = 200
/** An entry's id as auditTrail.ts makes them: what `?before=` must look like. */
const ENTRY_ID = /^[0-9a-z]{10}-[0-9a-f]{12}$/

const CSV_HEADER = ['time', 'event', 'board id', 'board', 'name', 'role', 'detail']

function entryView(event: StoredAuditEvent): AuditEntryView {
  return {
    at: new Date(event.at).toISOString(),
    kind: event.kind as AuditKind,
    boardId: event.boardId,
    name: event.name,
    role: event.role as BoardRole | null,
    detail: event.detail,
  }
}

/** A page size from `?limit=`, or null when it is not a whole number from 1 to MAX_PAGE. */
function pageSize(raw: unknown): number | null {
  if (raw === undefined) return DEFAULT_PAGE
  if (typeof raw !== 'string' || !/^\d{1,3}$/.test(raw)) return null
  const limit = Number(raw)
  return limit >= 1 && limit <= MAX_PAGE ? limit : null
}

/** The file's name: the workshop's title, "audit" and the day. */
function fileNameOf(title: string, date: Date): string {
  return `${safeFileStem(title, 60)}-audit-${date.toISOString().slice(0, 10)}.csv`
}

/**
 * A workshop's audit log, for its facilitators (from the plenary or any breakout: the log is the workshop's): page by
 * page, newest first, and whole as CSV for a spreadsheet.
 */
export function auditRoutes(storage: Storage): Router {
  const router = Router()
  const facilitator = requireRole(storage, 'facilitator')

  router.get(ApiRoutes.getAudit.pattern, facilitator, async (req, res) => {
    const limit = pageSize(req.query.limit)
    if (limit === null) {
      return sendError(res, 400, ApiErrorCode.invalidRequest, `limit: a whole number from 1 to ${MAX_PAGE}.`)
    }
    const before = req.query.before
    if (before !== undefined && (typeof before !== 'string' || !ENTRY_ID.test(before))) {
      return sendError(res, 400, ApiErrorCode.invalidRequest, 'before: the id of an entry, as a page gave it.')
    }
    const { plenary } = grantOf(res)
    // One more than the page: whether there are older entries, without a second query.
    const events = await storage.listAuditEvents(plenary.id, { limit: limit + 1, ...(before ? { before } : {}) })
    const page = events.slice(0, limit)
    const view: AuditLogView = {
      entries: page.map(entryView),
      before: events.length > limit ? page[page.length - 1]!.id : null,
    }
    res.set('Cache-Control', 'no-store').json(view)
  })

  router.get(ApiRoutes.downloadAudit.pattern, facilitator, async (_req, res) => {
    const { plenary } = grantOf(res)
    const boards = new Map<string, BoardRecord>([[plenary.id, plenary]])
    for (const breakout of await storage.listChildBoards(plenary.id)) boards.set(breakout.id, breakout)
    const events = await storage.listAuditEvents(plenary.id)
    const rows = events.map((event) => {
      const view = entryView(event)
      return [
        view.at,
        view.kind,
        view.boardId,
        boards.get(view.boardId)?.title ?? null,
        view.name,
        view.role,
        view.detail,
      ]
    })
    res
      .status(200)
      .type('text/csv; charset=utf-8')
      .set('Cache-Control', 'no-store')
      .set('Content-Disposition', attachment('audit.csv', fileNameOf(plenary.title, new Date())))
      .send(toCsv(CSV_HEADER, rows))
  })

  return router
}
