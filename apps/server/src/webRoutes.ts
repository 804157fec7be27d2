import { existsSync } from 'node:fs'
import { join } from 'node:path'
import express, { Router } from 'express'
import type { BoardStorage } from '@cg/storage'
import { findBoard } from './boardIds.ts'

/**
 * Serves the built web app. Board pages get the app shell with 404 when the board does not exist, so the
 * app can say "board not found" in the reader's language while the status stays truthful.
 */
export function webRoutes(webDist: string, storage: BoardStorage): Router {
  const router = Router()
  const indexHtml = join(webDist, 'index.html')
  if (!existsSync(indexHtml)) {
    router.get(['/', '/b/:id', '/b/:id/print', '/b/:id/versions/:versionId'], (_req, res) => {
      res.status(503).type('text/plain').send('The web app is not built. Run `npm run build`, then restart.')
    })
    return router
  }
  // Hashed bundles never change under the same name; everything else is revalidated.
  router.use('/assets', express.static(join(webDist, 'assets'), { immutable: true, maxAge: '1y', fallthrough: false }))
  router.use(express.static(webDist, { index: false }))
  router.get('/', (_req, res) => res.sendFile(indexHtml))
  // The print view (`/b/:id/print`) is what headless Chromium turns into a PDF; a version opens read-only.
  router.get(['/b/:id', '/b/:id/print', '/b/:id/versions/:versionId'], async (req, res) => {
    const exists = (await findBoard(storage, String(req.params.id))) !== undefined
    res.status(exists ? 200 : 404).sendFile(indexHtml)
  })
  return router
}
