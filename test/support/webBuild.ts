/**
 * The built web app (apps/web/dist) as files: which scripts and stylesheets a page's first visit loads, and which
 * chunks hold tldraw (the canvas). Read from the build's own output, never from hard-coded file names, which change
 * with every build.
 */
import { existsSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const WEB_DIST = fileURLToPath(new URL('../../apps/web/dist', import.meta.url))

/**
 * Each tldraw package announces itself at run time (`registerTldrawLibraryVersion('@tldraw/editor', …)`, kept by
 * minification as a string): a chunk naming one of these holds that package's code.
 */
const TLDRAW_PACKAGES = ['tldraw', '@tldraw/editor', '@tldraw/tlschema', '@tldraw/store', '@tldraw/state']
const TLDRAW_MARKER = new RegExp(`[\`'"](?:${TLDRAW_PACKAGES.map((name) => name.replace('/', '\\/')).join('|')})[\`'"]`)

/** The build's page files: the canvas app's shell and the outline. */
export type BuiltPage = 'index.html' | 'outline.html'

export function assertBuilt(page: BuiltPage = 'index.html'): void {
  if (!existsSync(join(WEB_DIST, page))) throw new Error(`apps/web is not built (no ${page}): run \`npm run build\``)
}

/** The `/assets/…` files a page names in its HTML: its entry script, module preloads, stylesheets. */
export function assetsNamedBy(html: string): string[] {
  return [...html.matchAll(/(?:src|href)="\/assets\/([^"]+)"/g)].map((match) => match[1]!)
}

/** The chunks a built script imports statically (`import … from"./x.js"`, `import"./x.js"`), never `import("./x.js")`. */
export function staticImportsOf(script: string): string[] {
  return [...script.matchAll(/(?:\bfrom\s*|\bimport\s*)["'`]\.\/([^"'`]+\.js)["'`]/g)].map((match) => match[1]!)
}

/**
 * Every script and stylesheet a page's HTML makes the browser load at once: what it names, and every chunk those
 * import statically, transitively (file names under assets/).
 */
export function assetsLoadedBy(html: string): string[] {
  const seen = new Set<string>()
  const visit = (name: string) => {
    if (seen.has(name)) return
    seen.add(name)
    if (name.endsWith('.js')) for (const imported of staticImportsOf(readAsset(name))) visit(imported)
  }
  for (const name of assetsNamedBy(html)) visit(name)
  return [...seen].sort()
}

/** What a built page's first visit loads before its code asks for anything (see `assetsLoadedBy`). */
export function firstVisitAssets(page: BuiltPage): string[] {
  assertBuilt(page)
  return assetsLoadedBy(readFileSync(join(WEB_DIST, page), 'utf8'))
}

export function readAsset(name: string): string {
  return readFileSync(join(WEB_DIST, 'assets', name), 'utf8')
}

/** Whether a built script holds any of tldraw's packages (the canvas, its store, its schema or its signals). */
export function holdsTldraw(script: string): boolean {
  return TLDRAW_MARKER.test(script)
}

/** The size of an asset as it goes over the wire to a browser that accepts Brotli (its .br copy when the build made one). */
export function brotliBytes(name: string): number {
  const path = join(WEB_DIST, 'assets', name)
  return statSync(existsSync(`${path}.br`) ? `${path}.br` : path).size
}
