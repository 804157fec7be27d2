/**
 * What each page of the web app weighs on its first visit, and what in it weighs: the app is built once more (Vite,
 * its own config, into a temporary folder) with a plugin that keeps the bundle, then for each page (index.html, the
 * canvas app; outline.html, the board without the canvas) the chunks its entry imports statically, each compressed
 * as the server sends it (Brotli, quality 11), and the modules in them grouped by where they come from (a package
 * of node_modules, a package of ours, a folder of the web app). A module's share is its own code compressed alone,
 * scaled so that a chunk's modules add up to the chunk: compression works across modules, so shares are estimates,
 * totals are exact.
 */
import { fileURLToPath } from 'node:url'
import { brotliCompressSync, constants as zlib } from 'node:zlib'
import { build, type Plugin, type Rolldown } from 'vite'
import { makeTempDir, removeTempDir } from '../support/tempDir.ts'

const WEB = fileURLToPath(new URL('../../apps/web/', import.meta.url))
const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const PAGES = ['index.html', 'outline.html'] as const

export interface WeightGroup {
  /** `react-dom`, `@cg/outline`, `apps/web/src/i18n`, … */
  name: string
  /** Bytes of its modules as rendered into the chunks, before minification (which works on whole chunks). */
  rendered: number
  /** Its estimated share of the chunks' Brotli bytes. */
  brotli: number
}

export interface PageWeight {
  page: (typeof PAGES)[number]
  /** Each chunk and stylesheet of the first visit: minified and Brotli bytes, largest first. */
  chunks: { fileName: string; minified: number; brotli: number }[]
  /** Largest first. */
  groups: WeightGroup[]
}

const brotli = (code: string) =>
  brotliCompressSync(Buffer.from(code), { params: { [zlib.BROTLI_PARAM_QUALITY]: 11 } }).byteLength

/** Where a module comes from, for people: the package, or our package or folder. */
export function groupOf(moduleId: string): string {
  const id = moduleId.replace(/\?.*$/, '').replace(/^\0/, '')
  const inNodeModules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(id)
  if (inNodeModules) return inNodeModules[1]!
  if (!id.startsWith(ROOT)) return 'the bundler’s runtime'
  const local = id.slice(ROOT.length)
  const ours = /^packages\/([^/]+)\//.exec(local)
  if (ours) return `@cg/${ours[1]}`
  const web = /^(apps\/web\/src\/[^/]+)\//.exec(local)
  return web ? web[1]! : local
}

/** Builds the web app into a temporary folder and weighs each page's first visit. */
export async function measurePageWeight(): Promise<PageWeight[]> {
  const outDir = makeTempDir('cg-bench-page-weight-')
  let bundle: Rolldown.OutputBundle | undefined
  const keepBundle: Plugin = {
    name: 'cg-bench-keep-bundle',
    generateBundle: (_options, output) => void (bundle = output),
  }
  try {
    await build({
      root: WEB,
      configFile: `${WEB}vite.config.ts`,
      logLevel: 'silent',
      plugins: [keepBundle],
      build: { outDir, emptyOutDir: true },
    })
  } finally {
    removeTempDir(outDir)
  }
  if (!bundle) throw new Error('the build gave no bundle')
  const kept = bundle
  const chunks = Object.values(kept).filter((output): output is Rolldown.OutputChunk => output.type === 'chunk')
  const stylesheet = (fileName: string) => {
    const output = kept[fileName]
    return output?.type === 'asset' ? String(output.source) : ''
  }
  return PAGES.map((page) => weigh(page, chunks, stylesheet))
}

function weigh(
  page: (typeof PAGES)[number],
  chunks: Rolldown.OutputChunk[],
  stylesheet: (fileName: string) => string,
): PageWeight {
  const entry = chunks.find((chunk) => chunk.isEntry && chunk.facadeModuleId === `${WEB}${page}`)
  if (!entry) throw new Error(`no entry chunk for ${page}`)
  const byName = new Map(chunks.map((chunk) => [chunk.fileName, chunk]))
  const firstVisit: Rolldown.OutputChunk[] = []
  const visit = (chunk: Rolldown.OutputChunk) => {
    if (firstVisit.includes(chunk)) return
    firstVisit.push(chunk)
    for (const imported of chunk.imports) visit(byName.get(imported)!)
  }
  visit(entry)
  const groups = new Map<string, WeightGroup>()
  const rows = firstVisit.map((chunk) => {
    const chunkBrotli = brotli(chunk.code)
    const modules = Object.entries(chunk.modules).filter(([, module]) => module.renderedLength > 0)
    const alone = modules.map(([id, module]) => ({
      id,
      rendered: module.renderedLength,
      brotli: brotli(module.code ?? ''),
    }))
    const scale =
      chunkBrotli /
      Math.max(
        1,
        alone.reduce((sum, module) => sum + module.brotli, 0),
      )
    for (const module of alone) {
      const name = groupOf(module.id)
      const group = groups.get(name) ?? { name, rendered: 0, brotli: 0 }
      group.rendered += module.rendered
      group.brotli += module.brotli * scale
      groups.set(name, group)
    }
    return { fileName: chunk.fileName, minified: Buffer.byteLength(chunk.code), brotli: chunkBrotli }
  })
  // Stylesheets, whole: they are not modules of a chunk.
  const styles = new Set(firstVisit.flatMap((chunk) => [...(chunk.viteMetadata?.importedCss ?? [])]))
  for (const fileName of styles) {
    const css = stylesheet(fileName)
    const row = { fileName, minified: Buffer.byteLength(css), brotli: brotli(css) }
    rows.push(row)
    const group = groups.get('stylesheets') ?? { name: 'stylesheets', rendered: 0, brotli: 0 }
    group.rendered += row.minified
    group.brotli += row.brotli
    groups.set('stylesheets', group)
  }
  return {
    page,
    chunks: rows.sort((a, b) => b.brotli - a.brotli),
    groups: [...groups.values()].sort((a, b) => b.brotli - a.brotli),
  }
}
