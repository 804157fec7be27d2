import type { Express, Request } from 'express'

/**
 * The server's clock (startServer's `now`), kept on the express app so that every route reads the time retention
 * and link expiry are decided by from one place, and a test that moves the clock moves it for the API too.
 */
export function useServerClock(app: Express, now: () => number): void {
  app.locals.now = now
}

/** The time now by the server's clock (the wall clock for an app that was given none). */
export function serverNow(req: Pick<Request, 'app'>): number {
  const now: unknown = req.app.locals.now
  return typeof now === 'function' ? (now as () => number)() : Date.now()
}
