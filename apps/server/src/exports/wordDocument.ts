import type { Page } from 'playwright-core'
import type { PrintOptions } from '@cg/contract'
import { ReportDocument } from '@cg/report'
import { reportToDocx, type FigureImage } from '@cg/report/docx'

/** Bounds on what a Word document takes from the print page: pictures, each one (as base64), all together. */
const MAX_FIGURES = 2_000
const MAX_PICTURE_BASE64 = 32 * 1024 * 1024
const MAX_PICTURES_BYTES = 256 * 1024 * 1024
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

/**
 * The report the print page composed, as DOCX, with its pictures. What the page hands over is checked like any
 * input: the document's size before it is parsed, its schema, and only the pictures its blocks name, each a PNG
 * of bounded size, fetched one at a time.
 */
export async function wordDocument(page: Page, options: PrintOptions): Promise<Uint8Array> {
  const json = await page.evaluate(() => {
    const print = (globalThis as { __cgPrint?: { document?: unknown } }).__cgPrint
    const text = JSON.stringify(print?.document ?? null)
    return text.length <= 64 * 1024 * 1024 ? text : null
  })
  if (json === null || typeof json !== 'string') throw new Error('the report is too large to write')
  const report = ReportDocument.safeParse(JSON.parse(json))
  if (!report.success)
    throw new Error(`the print view gave no valid report (${report.error.issues[0]?.path.join('.')})`)
  const figureIds = [
    ...new Set(report.data.blocks.flatMap((block) => (block.kind === 'figure' ? [block.figureId] : []))),
  ]
  if (figureIds.length > MAX_FIGURES) throw new Error(`the report has more than ${MAX_FIGURES} pictures`)
  return reportToDocx(report.data, await pictures(page, figureIds), options)
}

/** The pictures the page renders for `figureIds`, each a PNG within bounds; a picture the page cannot give is left out. */
async function pictures(page: Page, figureIds: readonly string[]): Promise<Map<string, FigureImage>> {
  const images = new Map<string, FigureImage>()
  let total = 0
  for (const id of figureIds) {
    const image = await page.evaluate(
      async ({ figureId, maxChars }) => {
        const made = await (
          globalThis as {
            __cgFigurePng?: (id: string) => Promise<{ base64: string; width: number; height: number } | null>
          }
        ).__cgFigurePng?.(figureId)
        return made && made.base64.length <= maxChars ? made : null
      },
      { figureId: id, maxChars: MAX_PICTURE_BASE64 },
    )
    if (!image || typeof image.base64 !== 'string') continue
    const png = Buffer.from(image.base64, 'base64')
    total += png.length
    if (total > MAX_PICTURES_BYTES) throw new Error('the report’s pictures are too large to write')
    if (!png.subarray(0, 8).equals(PNG_SIGNATURE)) continue
    images.set(id, { png, width: Number(image.width), height: Number(image.height) })
  }
  return images
}
