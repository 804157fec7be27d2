import { timingSafeEqual } from 'node:crypto'
import { Router } from 'express'
import { ServiceRoutes } from '@cg/contract'
import type { ServerMetrics } from '../http/metrics.ts'

/**
 * `GET /metrics`: off (404) unless METRICS_TOKEN is set, then only with `Authorization: Bearer <METRICS_TOKEN>`.
 * Metrics say how busy the server is, which is no one else's business.
 */
export function metricsRoutes(metrics: ServerMetrics, token: string | undefined): Router {
  const router = Router()
  router.get(ServiceRoutes.metrics.pattern, async (req, res) => {
    if (!token) return res.status(404).type('text/plain').send('Metrics are off (set METRICS_TOKEN to turn them on).')
    const given = Buffer.from(/^Bearer (.+)$/.exec(req.get('authorization') ?? '')?.[1] ?? '')
    const expected = Buffer.from(token)
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      return res.status(401).set('WWW-Authenticate', 'Bearer').type('text/plain').send('A metrics token is needed.')
    }
    res
      .set('Cache-Control', 'no-store')
      .type(metrics.registry.contentType)
      .send(await metrics.registry.metrics())
  })
  return router
}
