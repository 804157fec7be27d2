import type { ErrorRequestHandler, RequestHandler, Response } from 'express'
import type { Logger } from 'pino'

/** Machine-readable error codes of the REST API; the body is always `{ error: { code, message } }`. */
export const ApiErrorCode = {
  invalidRequest: 'invalid-request',
  boardNotFound: 'board-not-found',
  invalidToken: 'invalid-token',
  forbidden: 'forbidden',
  conflict: 'conflict',
  backupNotRecognized: 'backup-not-recognized',
  backupNewerVersion: 'backup-newer-version',
  backupDamaged: 'backup-damaged',
  pdfUnavailable: 'pdf-unavailable',
  tooManyExports: 'too-many-exports',
  assetNotFound: 'asset-not-found',
  payloadTooLarge: 'payload-too-large',
  unsupportedMediaType: 'unsupported-media-type',
  notFound: 'not-found',
  internal: 'internal-error',
} as const
export type ApiErrorCode = (typeof ApiErrorCode)[keyof typeof ApiErrorCode]

export function sendError(res: Response, status: number, code: ApiErrorCode, message: string): void {
  res.status(status).json({ error: { code, message } })
}

/** Unknown API paths answer in JSON like the rest of the API, not with an HTML page. */
export const apiNotFound: RequestHandler = (_req, res) =>
  sendError(res, 404, ApiErrorCode.notFound, 'There is no such API endpoint.')

interface HttpError {
  status?: number
  expose?: boolean
  type?: string
  message?: string
}

/**
 * Turns errors into the same JSON shape, never leaking a stack trace. Client errors raised by express and its
 * body parsers keep their own status (and their message only where they mark it safe to show, `expose`);
 * anything else is a bug, logged, and a 500.
 */
export function errorHandler(log: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    const { status = 500, expose, type, message } = (error ?? {}) as HttpError
    if (status === 413) return sendError(res, 413, ApiErrorCode.payloadTooLarge, 'The request body is too large.')
    if (type === 'entity.parse.failed') {
      return sendError(res, 400, ApiErrorCode.invalidRequest, 'The request body is not valid JSON.')
    }
    if (status === 404) return sendError(res, 404, ApiErrorCode.notFound, 'Not found.')
    if (status >= 400 && status < 500) {
      const safeMessage = expose && message ? message : 'The request is not valid.'
      return sendError(res, status, ApiErrorCode.invalidRequest, safeMessage)
    }
    log.error({ err: error, method: req.method, path: req.path }, 'request failed')
    sendError(res, 500, ApiErrorCode.internal, 'Something went wrong on the server.')
  }
}
