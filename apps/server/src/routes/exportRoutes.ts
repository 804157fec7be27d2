import { Router, json } from 'express'
import { z } from 'zod'
import type { BoardStorage } from '@cg/storage'
import { displayNameOf, type AuditTrail } from '../audit/auditTrail.ts'
import { attachment, safeFileStem } from '../http/downloads.ts'
import {
  ApiErrorCode,
  ApiRoutes,
  AuditKind,
  EXPORT_FORMATS,
  LANGUAGE_CODES,
  type ExportFormat,
  type ExportJobView,
  type StartExportResult,
} from '@cg/contract'
import { bodySchema, parseBody, sendError } from '../http/httpErrors.ts'
import type { BoardExporter, ExportJob } from '../exports/boardExporter.ts'
import { refusalMessage, starterOf } from '../exports/exportShares.ts'
import { grantOf, requireRole } from '../auth/requireRole.ts'

const ExportBody = bodySchema(
  ApiRoutes.startExport,
  z.object({
    paper: z.enum(['a4', 'letter']).default('a4'),
    orientation: z.enum(['landscape', 'portrait']).default('landscape'),
    overview: z.boolean().default(true),
    report: z.boolean().default(false),
    lang: z.enum(LANGUAGE_CODES).default('en'),
    format: z.enum(EXPORT_FORMATS).default('pdf'),
  }),
)

/** What each format is sent as. */
const FILE_TYPES: Record<ExportFormat, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
}

/** Exports (PDF, or the report as DOCX) as jobs: start, watch progress, download, or cancel. */
export function exportRoutes(storage: BoardStorage, exporter: BoardExporter, audit: AuditTrail): Router {
  const router = Router()

  router.post(
    ApiRoutes.startExport.pattern,
    requireRole(storage, 'viewer'),
    json({ limit: '4kb' }),
    async (req, res) => {
      const options = parseBody(ExportBody, req.body ?? {}, res)
      if (!options) return
      if (options.format === 'docx' && !options.report) {
        return sendError(res, 400, ApiErrorCode.invalidRequest, 'A Word document is made of the workshop report only.')
      }
      if (!exporter.available) {
        return sendError(
          res,
          503,
          ApiErrorCode.pdfUnavailable,
          'Exports need Chromium on the server: install it (apt-get install chromium) or set CHROMIUM_PATH.',
        )
      }
      // A report covers the whole workshop, so it starts from the plenary board whichever board asked.
      // Each class has its own share: what participants and viewers start never counts against a facilitator.
      const { board, plenary, role } = grantOf(res)
      const exported = options.report ? plenary : board
      const admitted = await exporter.admit(exported, options, starterOf(role))
      if (!admitted.ok) {
        res.set('Retry-After', '60')
        return sendError(res, 429, ApiErrorCode.tooManyExports, refusalMessage(admitted))
      }
      await audit.record(exported.id, {
        kind: AuditKind.exported,
        name: displayNameOf(req),
        role,
        detail: options.format,
      })
      const started: StartExportResult = { id: admitted.id }
      res
        .status(202)
        .location(ApiRoutes.getExport.path({ jobId: admitted.id }))
        .json(started)
    },
  )

  const view = (job: ExportJob): ExportJobView => ({
    id: job.id,
    status: job.status,
    done: job.done,
    total: job.total,
    ...(job.error ? { error: job.error } : {}),
  })

  // Any process answers: jobs live in storage, whichever process renders them.
  router.get(ApiRoutes.getExport.pattern, async (req, res) => {
    const job = await exporter.get(req.params.jobId)
    if (!job) return sendError(res, 404, ApiErrorCode.notFound, 'No such export (they are kept for 10 minutes).')
    res.set('Cache-Control', 'no-store').json(view(job))
  })

  router.get(ApiRoutes.exportFile.pattern, async (req, res) => {
    const file = await exporter.file(req.params.jobId)
    if (!file) return sendError(res, 404, ApiErrorCode.notFound, 'This export is not ready (or no longer kept).')
    const { job, bytes } = file
    const format = job.format as ExportFormat
    res
      .type(FILE_TYPES[format])
      .set('Cache-Control', 'no-store')
      .set('Content-Disposition', attachment(`board.${format}`, `${safeFileStem(job.title)}.${format}`))
      .send(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength))
  })

  router.delete(ApiRoutes.cancelExport.pattern, async (req, res) => {
    const cancelled = await exporter.cancel(req.params.jobId)
    if (!cancelled && !(await exporter.get(req.params.jobId))) {
      return sendError(res, 404, ApiErrorCode.notFound, 'No such export.')
    }
    res.status(204).end()
  })

  return router
}
