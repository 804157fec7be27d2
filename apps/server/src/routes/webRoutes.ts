import { existsSync } from 'node:fs'
import type { ServerResponse } from 'node:http'
import { join } from 'node:path'
import express, { Router, type RequestHandler, type Response } from 'express'
import expressStaticGzip from 'express-static-gzip'
import { PageRoutes } from '@cg/contract'
import type { BoardStorage } from '@cg/storage'
import { findBoard } from '../boards/boardIds.ts'

/** The service worker script: browsers must see a new deployment at once, so it is never cached for long. */
const SERVICE_WORKER = '/sw.js'

/** The pages of one board: the board, its print view (what headless Chromium turns into a PDF), a version of it. */
const BOARD_PAGES = [PageRoutes.board.pattern, PageRoutes.print.pattern, PageRoutes.version.pattern]
/** The page files of the build: the canvas app's shell, and the outline (a page of its own, without the canvas). */
const SHELL = 'index.html'
const OUTLINE = 'outline.html'
/** Files whose name stays the same from one deployment to the next: always revalidated. */
const NEVER_CACHED_LONG = [SERVICE_WORKER, `/${SHELL}`, `/${OUTLINE}`]

interface StaticOptions {
  immutable?: boolean
  maxAge?: string
  fallthrough?: boolean
  index?: false
  setHeaders?: (res: ServerResponse, path: string) => void
}

/**
 * Serves the built web app. Board pages get the app shell, and a board's outline its own page, with 404 when the
 * board does not exist (410 when its workshop is in the trash), so the page can say so in the reader's language
 * while the status stays truthful.
 *
 * With `compressed`, scripts, stylesheets, translations and icons go out as the Brotli or gzip files the build
 * made next to them (whichever the browser accepts, `Vary: Accept-Encoding`); nothing is compressed per request.
 */
export function webRoutes(webDist: string, storage: BoardStorage, options: { compressed: boolean }): Router {
  const router = Router()
  const indexHtml = join(webDist, SHELL)
  const outlineHtml = join(webDist, OUTLINE)
  const notBuilt: RequestHandler = (_req, res) => {
    res.status(503).type('text/plain').send('The web app is not built. Run `npm run build`, then restart.')
  }
  if (!existsSync(indexHtml)) {
    router.get([PageRoutes.home.pattern, ...BOARD_PAGES, PageRoutes.outline.pattern], notBuilt)
    return router
  }
  const serveFiles = (root: string, serveStatic: StaticOptions): RequestHandler => {
    if (!options.compressed) return express.static(root, serveStatic)
    const serve = expressStaticGzip(root, {
      enableBrotli: true,
      orderPreference: ['br', 'gzip'],
      index: false,
      serveStatic,
    })
    // It answers a path it cannot decode with a plain-text 400 of its own: leave those to our JSON errors.
    return (req, res, next) => {
      try {
        decodeURIComponent(req.path)
      } catch {
        return next()
      }
      serve(req, res, next)
    }
  }
  // Hashed bundles never change under the same name; everything else is revalidated.
  router.use('/assets', serveFiles(join(webDist, 'assets'), { immutable: true, maxAge: '1y', fallthrough: false }))
  router.use(
    serveFiles(webDist, {
      index: false,
      setHeaders: (res, path) => {
        // `path` is the file sent: `sw.js.br` when the Brotli copy goes out.
        const original = path.replace(/\.(br|gz)$/, '')
        if (NEVER_CACHED_LONG.some((name) => original.endsWith(name))) {
          res.setHeader('Cache-Control', 'no-cache')
        }
      },
    }),
  )
  const sendPage = (res: Response, page: string, status: number) =>
    res.status(status).set('Cache-Control', 'no-cache').sendFile(page)
  /** A board's page, with the status of the board (the page asks the API what became of it; 410: in the trash). */
  const boardPage =
    (page: string): RequestHandler =>
    async (req, res) => {
      const board = await findBoard(storage, String(req.params.id))
      sendPage(res, page, !board ? 404 : board.deletion ? 410 : 200)
    }
  router.get(PageRoutes.home.pattern, (_req, res) => sendPage(res, indexHtml, 200))
  router.get(BOARD_PAGES, boardPage(indexHtml))
  // A build from before the outline existed has the shell only: the outline says so rather than sending the shell.
  router.get(PageRoutes.outline.pattern, existsSync(outlineHtml) ? boardPage(outlineHtml) : notBuilt)
  return router
}
