import { Router } from 'express'
import { ApiRoutes, type ClientConfig } from '@cg/contract'
import type { ServerConfig } from '../config.ts'

const DAY_MS = 24 * 3_600_000

/** `GET /api/config`: what the browser needs from the server's configuration before it opens a board. */
export function configRoutes(
  config: Pick<ServerConfig, 'tldrawLicenseKey' | 'maxAssetBytes' | 'deletedBoardMs' | 'retainIdleMs'>,
): Router {
  const router = Router()
  router.get(ApiRoutes.config.pattern, (_req, res) => {
    const clientConfig: ClientConfig = {
      tldrawLicenseKey: config.tldrawLicenseKey ?? null,
      maxAssetBytes: config.maxAssetBytes,
      deletedBoardDays: config.deletedBoardMs / DAY_MS,
      retainIdleDays: config.retainIdleMs === null ? null : config.retainIdleMs / DAY_MS,
    }
    res.json(clientConfig)
  })
  return router
}
