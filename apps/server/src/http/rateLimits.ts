import type { RequestHandler } from 'express'
import { rateLimit, type Store } from 'express-rate-limit'
import { RedisStore, type RedisReply } from 'rate-limit-redis'
import { ApiErrorCode } from '@cg/contract'
import { sendError } from './httpErrors.ts'

const TEN_MINUTES_MS = 10 * 60_000

/**
 * A limit on an endpoint anyone may call (no link needed), per client address over ten minutes. Behind a
 * reverse proxy the address is the proxy's unless `TRUST_PROXY` tells express to read `X-Forwarded-For`.
 */
export function perAddressLimit(
  perTenMinutes: number,
  what: string,
  options: { onRefused?: () => void; store?: Store } = {},
): RequestHandler {
  const { onRefused, store } = options
  return rateLimit({
    // Several processes count together in Redis; if Redis is away, requests pass rather than fail.
    ...(store ? { store, passOnStoreError: true } : {}),
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

/** Counters in Redis, so several processes share one limit per address (see RedisRoomBus.sendCommand). */
export function sharedLimitStore(
  sendCommand: (command: string, ...args: string[]) => Promise<unknown>,
  what: string,
): Store {
  return new RedisStore({
    sendCommand: (command: string, ...args: string[]) => sendCommand(command, ...args) as Promise<RedisReply>,
    prefix: `cg:limit:${what.replace(/\W+/g, '-')}:`,
  })
}
