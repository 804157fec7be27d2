import react from '@vitejs/plugin-react'
import { defineConfig, type Plugin } from 'vite'
import { compression, defineAlgorithm } from 'vite-plugin-compression2'
import { VitePWA } from 'vite-plugin-pwa'
import { constants as zlib } from 'node:zlib'
import { API_BASE, PageRoutes, patternSource, ServiceRoutes, SocketRoute } from '@cg/contract'

/**
 * The files a first visit loads: the entry, everything it imports statically, and their stylesheets. The service
 * worker precaches exactly these (the page has just fetched them, so precaching reads them from the HTTP cache and
 * costs no extra bytes); chunks loaded later (export, the facilitator panel, spreadsheets), fonts and tldraw's
 * translations are cached when first used.
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
      for (const output of Object.values(bundle)) if (output.type === 'chunk' && output.isEntry) visit(output.fileName)
    },
  }
  return { plugin, files }
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
        // view (what the server's Chromium prints) and the server's own pages are never answered from a cache.
        navigateFallback: 'index.html',
        navigateFallbackDenylist: [
          `${API_BASE}/`,
          `${SocketRoute.base}/`,
          ServiceRoutes.health.pattern,
          PageRoutes.print.pattern,
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
  },
  server: {
    proxy: {
      [API_BASE]: 'http://127.0.0.1:3000',
      [SocketRoute.base]: { target: 'ws://127.0.0.1:3000', ws: true },
    },
  },
})
