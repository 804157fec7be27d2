import { Router } from 'express'
import type { Logger } from 'pino'
import { ServiceRoutes, type HealthStatus } from '@cg/contract'
import type { Storage } from '@cg/storage'

/** `GET /healthz`, for load balancers and process supervisors: whether storage answers. */
export function healthRoutes(storage: Pick<Storage, 'ping'>, log: Logger): Router {
  const router = Router()
  router.get(ServiceRoutes.health.pattern, async (_req, res) => {
    try {
      await storage.ping()
      res.json({ status: 'ok' } satisfies HealthStatus)
    } catch (error) {
      log.error({ err: error }, 'health check failed')
      res.status(503).json({ status: 'unavailable' } satisfies HealthStatus)
    }
  })
  return router
}
