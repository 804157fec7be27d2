import react from '@vitejs/plugin-react'
import { fileURLToPath } from 'node:url'
import { defineConfig, type Connect, type Plugin } from 'vite'
import { compression, defineAlgorithm } from 'vite-plugin-compression2'
import { VitePWA } from 'vite-plugin-pwa'
import { constants as zlib } from 'node:zlib'
import { API_BASE, PageRoutes, patternSource, ServiceRoutes, SocketRoute } from '@cg/contract'

/** The two pages: the canvas app (home, board, print view, versions) and the board as an outline (no canvas). */
const PAGES = {
  index: fileURLToPath(new URL('index.html', import.meta.url)),
  outline: fileURLToPath(new URL('outline.html', import.meta.url)),
}

/**
 * The files the canvas app's first visit loads: its entry (index.html's), everything it imports statically, and
 * their stylesheets. The service worker precaches exactly these (the page has just fetched them, so precaching reads
 * them from the HTTP cache and costs no extra bytes); chunks loaded later (export, the facilitator panel,
 * spreadsheets), fonts and tldraw's translations are cached when first used. The outline page's own chunks are not
 * among them: it registers no service worker, and a person who only ever opens the outline should not download the
 * canvas through a precache.
 */
function firstVisitFiles(): { plugin: Plugin; files: Set<string> } {
  const files = new Set<string>()
  const plugin: Plugin = {
    name: 'cg-first-visit-files',
    generateBundle(_options, bundle) {
      files.clear()
      const visit = (fileName: string) => {
        if (files.has(fileName)) return
        const chunk = bundle[fileName]
        if (!chunk || chunk.type !== 'chunk') return
        files.add(fileName)
        for (const css of chunk.viteMetadata?.importedCss ?? []) files.add(css)
        for (const imported of chunk.imports) visit(imported)
      }
      const entries = Object.values(bundle).filter(
        (output) => output.type === 'chunk' && output.isEntry && output.facadeModuleId === PAGES.index,
      )
      if (entries.length !== 1) this.error(`expected one entry chunk for index.html, found ${entries.length}`)
      for (const entry of entries) visit(entry.fileName)
    },
  }
  return { plugin, files }
}

/**
 * The outline's address (`/b/<id>/outline`) opens outline.html under `vite` (dev) and `vite preview`, as the
 * server answers it in production; without this, Vite's own fallback would answer it with the canvas app.
 */
function outlinePageInDev(): Plugin {
  const outlinePath = new RegExp(`^${patternSource(PageRoutes.outline.pattern)}/?(?:[?#]|$)`)
  const rewrite: Connect.NextHandleFunction = (req, _res, next) => {
    if (req.url && outlinePath.test(req.url)) req.url = '/outline.html'
    next()
  }
  return {
    name: 'cg-outline-page-in-dev',
    configureServer: (server) => void server.middlewares.use(rewrite),
    configurePreviewServer: (server) => void server.middlewares.use(rewrite),
  }
}

const firstVisit = firstVisitFiles()

/**
 * A folder's entry point (`src/<folder>/index.ts`) only re-exports (lint holds it to that), so it is declared free of
 * side effects: an import through it then reaches only the module it names, not every module the entry point lists.
 * Without this, the voting panel (say) would come into a participant's first visit with the voting overlay, through
 * `voting/index.ts`, instead of staying in the facilitator panel's chunk.
 */
function entryPointsWithoutSideEffects(): Plugin {
  return {
    name: 'cg-entry-points-without-side-effects',
    transform: {
      filter: { id: /\/src\/[^/]+\/index\.ts$/ },
      handler: (code) => ({ code, map: null, moduleSideEffects: false }),
    },
  }
}

export default defineConfig({
  plugins: [
    react(),
    entryPointsWithoutSideEffects(),
    firstVisit.plugin,
    outlinePageInDev(),
    VitePWA({
      // A new deployment waits for the person to reload (a prompt), never swaps the app under an open board.
      registerType: 'prompt',
      injectRegister: false,
      manifest: false,
      workbox: {
        globPatterns: ['index.html', 'assets/*.{js,css}'],
        manifestTransforms: [
          (entries) => ({
            manifest: entries.filter((entry) => entry.url === 'index.html' || firstVisit.files.has(entry.url)),
            warnings: [],
          }),
        ],
        // Every board address opens the app shell, with or without a network; the API, the websocket, the print
        // view (what the server's Chromium prints), the server's own pages and the outline (a page of its own, which
        // the canvas app's shell must never stand in for) are never answered from a cache.
        navigateFallback: 'index.html',
        navigateFallbackDenylist: [
          `${API_BASE}/`,
          `${SocketRoute.base}/`,
          ServiceRoutes.health.pattern,
          PageRoutes.print.pattern,
          PageRoutes.outline.pattern,
        ].map((pattern) => new RegExp(`^${patternSource(pattern)}`)),
        runtimeCaching: [
          {
            // Hashed file names never change content: lazily loaded chunks, fonts, icons and translations are
            // kept once fetched, so a board opened once reopens complete without a network.
            urlPattern: ({ url, sameOrigin }) => sameOrigin && url.pathname.startsWith('/assets/'),
            handler: 'CacheFirst',
            options: {
              cacheName: 'cg-assets',
              expiration: { maxEntries: 300 },
              cacheableResponse: { statuses: [200] },
            },
          },
        ],
        cleanupOutdatedCaches: true,
        clientsClaim: true,
      },
    }),
    // Every text file precompressed once at build time (a file that would not shrink, a chunk of a few dozen bytes,
    // is left as it is), served by the server as they are (see apps/server webRoutes).
    compression({
      algorithms: [
        defineAlgorithm('brotliCompress', { params: { [zlib.BROTLI_PARAM_QUALITY]: 11 } }),
        defineAlgorithm('gzip', { level: 9 }),
      ],
      include: /\.(html|js|mjs|css|json|svg|webmanifest)$/,
      threshold: 0,
    }),
  ],
  build: {
    // tldraw is one large module; warn only above what it really weighs.
    chunkSizeWarningLimit: 4000,
    sourcemap: false,
    rolldownOptions: { input: PAGES },
  },
  server: {
    proxy: {
      [API_BASE]: 'http://127.0.0.1:3000',
      [SocketRoute.base]: { target: 'ws://127.0.0.1:3000', ws: true },
    },
  },
})
