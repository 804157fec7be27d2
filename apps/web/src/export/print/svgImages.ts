import { getSvgAsImage } from 'tldraw'
import type { FigurePng } from './printProtocol.ts'

/**
 * An exported SVG without the fonts tldraw embeds in each one: the print page has them already (tldraw's
 * stylesheet), and a PDF that decodes the same fonts again for every picture takes seconds per page to print.
 */
export const withoutEmbeddedFonts = (svg: string) => svg.replace(/@font-face\s*\{[^}]*\}/g, '')

/** An exported SVG without its drop-shadow filters, which take seconds per picture to rasterise. */
export const withoutShadows = (svg: string) => svg.replace(/ filter="url\(#[^)"]*\)"/g, '')

/**
 * A picture for a Word document: a PNG of the SVG at its own size, with its fonts embedded (an image cannot use the
 * page's) and without the notes' shadow filters, as in the PDF. Null if the browser could not draw it.
 */
export async function svgToPng(svg: { svg: string; width: number; height: number }): Promise<FigurePng | null> {
  const { width, height } = svg
  const blob = await getSvgAsImage(withoutShadows(svg.svg), { type: 'png', width, height, pixelRatio: 1 })
  return blob ? { blob, width, height } : null
}
