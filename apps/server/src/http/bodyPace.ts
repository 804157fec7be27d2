import type { IncomingMessage } from 'node:http'
import type { RequestHandler } from 'express'
import { ApiErrorCode } from '@cg/contract'
import { sendError } from './httpErrors.ts'

/**
 * How slowly a request body may arrive (BODY_IDLE_MS, BODY_MIN_BYTES_PER_SECOND). Generous for a field office
 * (by default a 10 MiB picture over 64 kbit/s arrives well within it); a body that stops, or trickles a byte a
 * second, is cut: it would otherwise hold its share of the server (a restore's place, a socket, a parser) for as
 * long as its sender likes.
 */
export interface BodyPace {
  /** The body may rest this long at a stretch. */
  idleMs: number
  /** From this long after it started, it must have come at `minBytesPerSecond` on average. */
  graceMs: number
  minBytesPerSecond: number
}

const CHECK_EVERY_MS = 1_000

function hasBody(req: IncomingMessage): boolean {
  return Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined
}

/**
 * Calls `tooSlow` once if `req`'s body breaks `pace`. Time the server itself holds the body back (a paused
 * stream: the reader is busy) does not count against the sender. Returns a function that stops watching.
 */
export function watchBodyPace(req: IncomingMessage, tooSlow: () => void, pace: BodyPace): () => void {
  const socket = req.socket
  const startBytes = socket.bytesRead
  let lastBytes = startBytes
  let activeMs = 0
  let idleMs = 0
  const timer = setInterval(() => {
    if (req.complete) return stop()
    // Paused, or not read yet (a route still checking the link): the server holds the body back, not the sender.
    if (req.readableFlowing !== true) return
    activeMs += CHECK_EVERY_MS
    const bytes = socket.bytesRead
    idleMs = bytes > lastBytes ? 0 : idleMs + CHECK_EVERY_MS
    lastBytes = bytes
    const slow = activeMs > pace.graceMs && bytes - startBytes < (pace.minBytesPerSecond * activeMs) / 1000
    if (idleMs >= pace.idleMs || slow) {
      stop()
      tooSlow()
    }
  }, CHECK_EVERY_MS)
  timer.unref()
  const stop = () => {
    clearInterval(timer)
    req.off('end', stop)
    req.off('close', stop)
  }
  req.once('end', stop)
  req.once('close', stop)
  return stop
}

/** Answers `408 request-too-slow` to any request whose body breaks the pace, and closes its connection. */
export function bodyPace(pace: BodyPace): RequestHandler {
  return (req, res, next) => {
    if (hasBody(req)) {
      watchBodyPace(
        req,
        () => {
          if (!res.headersSent) {
            res.set('Connection', 'close')
            sendError(res, 408, ApiErrorCode.requestTooSlow, 'The request body arrived too slowly; send it again.')
          }
          // The sender is not reading either: the connection goes once the answer is out.
          res.once('finish', () => req.socket.destroy())
          setTimeout(() => req.socket.destroy(), 1_000).unref()
        },
        pace,
      )
    }
    next()
  }
}
