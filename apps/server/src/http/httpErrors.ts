import type { ErrorRequestHandler, RequestHandler, Response } from 'express'
import type { Logger } from 'pino'
import type { z } from 'zod'
import {
  ApiErrorCode,
  type ApiErrorBody,
  type BoardDeletedBody,
  type BoardDeletion,
  type Endpoint,
  type LinkExpiredBody,
  type RequestOf,
} from '@cg/contract'

/** Answers with the API's one error shape (`ApiErrorBody`). */
export function sendError(res: Response, status: number, code: ApiErrorCode, message: string): void {
  const body: ApiErrorBody = { error: { code, message } }
  res.status(status).json(body)
}

/** 410: the workshop is in the trash; `deletion` (when it goes for good) only for its facilitator's link. */
export function sendBoardDeleted(res: Response, deletion?: BoardDeletion): void {
  const body: BoardDeletedBody = {
    error: { code: ApiErrorCode.boardDeleted, message: 'This workshop was deleted by its facilitator.' },
    ...(deletion ? { deletion } : {}),
  }
  res.status(410).set('Cache-Control', 'no-store').json(body)
}

/** 401: a participant's or viewer's link past its expiry date, with the date, for the page to say when. */
export function sendLinkExpired(res: Response, expiredAt: string): void {
  const body: LinkExpiredBody = {
    error: {
      code: ApiErrorCode.linkExpired,
      message: `This link expired on ${expiredAt}: its facilitator set that date.`,
    },
    expiredAt,
  }
  res.status(401).set('Cache-Control', 'no-store').json(body)
}

/** `body` checked against `schema`; otherwise answers 400 naming each fault (path and message), and gives undefined. */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown, res: Response): z.output<S> | undefined {
  const parsed = schema.safeParse(body)
  if (parsed.success) return parsed.data
  const faults = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`)
  sendError(res, 400, ApiErrorCode.invalidRequest, faults.join('; '))
  return undefined
}

/**
 * The schema a route checks its JSON body with, unchanged; the compiler refuses it unless it accepts every body the
 * route table says clients send to `endpoint`.
 */
export function bodySchema<E extends Endpoint, S extends z.ZodType>(
  _endpoint: E,
  schema: S & ([RequestOf<E>] extends [z.input<S>] ? unknown : { refuses: RequestOf<E> }),
): S {
  return schema
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
    // Already answered (a body cut for arriving too slowly, whose parser then failed): nothing more to say.
    if (res.headersSent) return
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
