import { Router, json } from 'express'
import { z } from 'zod'
import {
  ApiErrorCode,
  ApiRoutes,
  AuditKind,
  roomName,
  VersionReason,
  type RestoreVersionResult,
  type SaveVersionResult,
  type VersionContentView,
  type VersionList,
} from '@cg/contract'
import { readWorkshop, writeWorkshop } from '@cg/facilitation'
import type { BoardStorage } from '@cg/storage'
import type { SyncServer } from '@cg/sync-server'
import { displayNameOf, type AuditTrail } from '../audit/auditTrail.ts'
import { versionView, type BoardHistory } from '../history/boardHistory.ts'
import { changeRoom } from '../boards/changeRoom.ts'
import { bodySchema, parseBody, sendError } from '../http/httpErrors.ts'
import { grantOf, requireRole } from '../auth/requireRole.ts'

const SaveBody = bodySchema(
  ApiRoutes.saveVersion,
  z.object({
    name: z.string().trim().min(1).max(200).optional(),
    /** A facilitator's page saves one before it brings the breakouts back. */
    reason: z.enum([VersionReason.named, VersionReason.beforeBringBack]).default(VersionReason.named),
  }),
)

/** A board's history, for its facilitators: list, save, look at, restore. */
export function historyRoutes(
  storage: BoardStorage,
  sync: SyncServer,
  history: BoardHistory,
  audit: AuditTrail,
): Router {
  const router = Router()
  const facilitator = requireRole(storage, 'facilitator')

  router.get(ApiRoutes.listVersions.pattern, facilitator, async (req, res) => {
    const versions = await history.list(req.params.id)
    const list: VersionList = { versions: versions.map(versionView) }
    res.set('Cache-Control', 'no-store').json(list)
  })

  router.post(ApiRoutes.saveVersion.pattern, facilitator, json({ limit: '4kb' }), async (req, res) => {
    const body = parseBody(SaveBody, req.body ?? {}, res)
    if (!body) return
    if (body.reason === VersionReason.named && !body.name) {
      return sendError(res, 400, ApiErrorCode.invalidRequest, 'name: a named version needs a name')
    }
    const saved = await history.take(req.params.id, body.reason, body.name ?? null)
    if (!saved) return sendError(res, 500, ApiErrorCode.internal, 'The version could not be saved.')
    // Saved by a person (the versions taken by themselves are not): its name, or why the page saved it.
    await audit.record(req.params.id, {
      kind: AuditKind.versionSaved,
      name: displayNameOf(req),
      role: grantOf(res).role,
      detail: saved.name ?? saved.reason,
    })
    const view = versionView(saved)
    const result: SaveVersionResult = { id: view.id, createdAt: view.createdAt, name: view.name }
    res.status(201).json(result)
  })

  const ofVersion = requireRole<{ id: string; versionId: string }>(storage, 'facilitator')

  router.get(ApiRoutes.getVersion.pattern, ofVersion, async (req, res) => {
    const found = await history.content(req.params.id, req.params.versionId)
    if (!found) return sendError(res, 404, ApiErrorCode.notFound, 'No such version of this board.')
    const view: VersionContentView = {
      ...versionView(found.info),
      records: Object.values(found.content.records),
      texts: found.content.texts,
      schema: found.content.schema ?? null,
    }
    res.set('Cache-Control', 'no-store').json(view)
  })

  router.post(ApiRoutes.restoreVersion.pattern, ofVersion, async (req, res) => {
    const { board, plenary, role } = grantOf(res)
    const restored = await history.restore(board.id, req.params.versionId)
    if (!restored) return sendError(res, 404, ApiErrorCode.notFound, 'No such version of this board.')
    await audit.record(board.id, {
      kind: AuditKind.versionRestored,
      name: displayNameOf(req),
      role,
      detail: restored.restored.name ?? new Date(restored.restored.createdAt).toISOString(),
    })
    // Everyone on the board is told, in their language, which moment it went back to.
    await changeRoom(sync, roomName({ channel: 'facilitation', boardId: plenary.id }), (doc) => {
      const previous = readWorkshop(doc, 'restored')
      writeWorkshop(doc, 'restored', {
        seq: (previous?.seq ?? 0) + 1,
        boardId: board.id,
        versionAt: restored.restored.createdAt,
      })
    })
    const result: RestoreVersionResult = { restored: restored.restored.id, before: restored.before?.id ?? null }
    res.json(result)
  })

  return router
}
