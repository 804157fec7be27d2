import type { ErrorRequestHandler, Response } from 'express'
import type { Logger } from 'pino'

/** Machine-readable error codes of the REST API; the body is always `{ error: { code, message } }`. */
export const ApiErrorCode = {
  invalidRequest: 'invalid-request',
  boardNotFound: 'board-not-found',
  assetNotFound: 'asset-not-found',
  payloadTooLarge: 'payload-too-large',
  unsupportedMediaType: 'unsupported-media-type',
  storageUnavailable: 'storage-unavailable',
  internal: 'internal-error',
} as const
export type ApiErrorCode = (typeof ApiErrorCode)[keyof typeof ApiErrorCode]

export function sendError(res: Response, status: number, code: ApiErrorCode, message: string): void {
  res.status(status).json({ error: { code, message } })
}

/** Turns body-parser and unexpected errors into the same JSON shape, never leaking a stack trace. */
export function errorHandler(log: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    const status = (error as { status?: number }).status ?? 500
    if (status === 413) return sendError(res, 413, ApiErrorCode.payloadTooLarge, 'The request body is too large.')
    if (status === 400) return sendError(res, 400, ApiErrorCode.invalidRequest, 'The request body is not valid JSON.')
    log.error({ err: error, method: req.method, path: req.path }, 'request failed')
    sendError(res, 500, ApiErrorCode.internal, 'Something went wrong on the server.')
  }
}
