import type { PrintProgress } from '@cg/contract'
import type { ReportDocument } from '@cg/report'

/**
 * The print protocol: the server's headless Chromium opens the print view and reads `window.__cgPrint` until it says
 * ready (or failed), then prints the page to PDF, or writes the report as DOCX from the document it holds, reading
 * each picture as PNG through `window.__cgFigurePng`.
 */
declare global {
  interface Window {
    /** Read by the server that drives the print view (see `PrintProgress`). */
    __cgPrint?: PrintProgress
    /** A report picture as PNG (base64), read by the server writing the report as DOCX. */
    __cgFigurePng?: (figureId: string) => Promise<{ base64: string; width: number; height: number } | null>
  }
}

/** A report picture as PNG, for a Word document. */
export interface FigurePng {
  blob: Blob
  width: number
  height: number
}

/** The progress once `update` is told: what was told before with the update over it, defaults for what never was. */
export function progressAfter(current: PrintProgress | undefined, update: Partial<PrintProgress>): PrintProgress {
  return { total: 0, done: 0, ready: false, error: null, pages: [], ...current, ...update }
}

/** Tells the server driving this page how far it is, or what failed (it then ends the export with it). */
export function reportProgress(update: Partial<PrintProgress>): void {
  window.__cgPrint = progressAfter(window.__cgPrint, update)
}

/** Once the page's fonts have loaded (pictures use the page's fonts), tell the server it may print. */
export const whenFontsReady = (update: Partial<PrintProgress>) =>
  requestAnimationFrame(() => void document.fonts.ready.then(() => reportProgress({ ready: true, ...update })))

/** What the server lists as a report's pages: its headings, in order. */
export function reportHeadings(report: ReportDocument): string[] {
  return report.blocks.flatMap((b) => (b.kind === 'heading' ? [b.text] : []))
}

export const toBase64 = async (blob: Blob) => {
  const bytes = new Uint8Array(await blob.arrayBuffer())
  let binary = ''
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return btoa(binary)
}

/** A report picture as the server reads it (base64 PNG and its size), or null for a picture that has no PNG. */
export async function figurePngFor(pngs: ReadonlyMap<string, FigurePng>, figureId: string) {
  const image = pngs.get(figureId)
  return image ? { base64: await toBase64(image.blob), width: image.width, height: image.height } : null
}

/** Lets the server read the report's pictures as PNG (those made so far and later ones alike). */
export function offerFigurePngs(pngs: ReadonlyMap<string, FigurePng>): void {
  window.__cgFigurePng = (figureId) => figurePngFor(pngs, figureId)
}
