import { Router } from 'express'
import type { Logger } from 'pino'
import { ApiRoutes } from '@cg/contract'
import { loadTemplateCatalog } from '@cg/templates/node'
import { precompressJson, sendPrecompressed } from '../http/precompressed.ts'

/** `GET /api/templates`: the catalog of workshop templates under TEMPLATES_DIR. */
export function templatesRoutes(templatesDir: string, compression: boolean, log: Logger): Router {
  // Templates are read once at start; a broken one is named in the log and left out, the rest are served.
  const templates = loadTemplateCatalog(templatesDir)
  for (const error of templates.errors) log.error({ templatesDir }, `template refused: ${error}`)
  // The catalog is the largest answer a board page asks for (~35 KB of JSON): compressed once here, not per request.
  const catalog = precompressJson(templates.catalog, compression)
  const router = Router()
  router.get(ApiRoutes.templates.pattern, (req, res) =>
    sendPrecompressed(req, res.set('Cache-Control', 'no-cache'), catalog),
  )
  return router
}
