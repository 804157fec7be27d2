import type { RequestHandler } from 'express'
import { rateLimit } from 'express-rate-limit'
import { ApiErrorCode } from '@cg/contract'
import { sendError } from './httpErrors.ts'

const TEN_MINUTES_MS = 10 * 60_000

/**
 * A limit on an endpoint anyone may call (no link needed), per client address over ten minutes. Behind a
 * reverse proxy the address is the proxy's unless `TRUST_PROXY` tells express to read `X-Forwarded-For`.
 */
export function perAddressLimit(perTenMinutes: number, what: string, onRefused?: () => void): RequestHandler {
  return rateLimit({
    windowMs: TEN_MINUTES_MS,
    limit: perTenMinutes,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: (_req, res) => {
      onRefused?.()
      sendError(
        res,
        429,
        ApiErrorCode.tooManyRequests,
        `Too many ${what} from this address; try again in a few minutes.`,
      )
    },
  })
}
