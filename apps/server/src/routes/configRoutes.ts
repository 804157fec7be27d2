import { Router } from 'express'
import { ApiRoutes, type ClientConfig } from '@cg/contract'
import type { ServerConfig } from '../config.ts'

/** `GET /api/config`: what the browser needs from the server's configuration before it opens a board. */
export function configRoutes(config: Pick<ServerConfig, 'tldrawLicenseKey' | 'maxAssetBytes'>): Router {
  const router = Router()
  router.get(ApiRoutes.config.pattern, (_req, res) => {
    const clientConfig: ClientConfig = {
      tldrawLicenseKey: config.tldrawLicenseKey ?? null,
      maxAssetBytes: config.maxAssetBytes,
    }
    res.json(clientConfig)
  })
  return router
}
