import { execFileSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { strFromU8, unzipSync } from 'fflate'
import { expect } from 'vitest'
import { withoutIsolates } from '@cg/report'
import { makeTempDir } from '../../support/tempDir.ts'

/** Waits for the export `started` answered for to finish, and saves its file: the file's path. */
export async function exportedFile(serverUrl: string, started: Response, extension = 'pdf'): Promise<string> {
  expect(started.status).toBe(202)
  const { id } = (await started.json()) as { id: string }
  let status = { status: 'running', error: undefined as string | undefined }
  while (status.status === 'running') {
    await new Promise((resolve) => setTimeout(resolve, 300))
    status = (await (await fetch(`${serverUrl}/api/exports/${id}`)).json()) as typeof status
  }
  expect(status).toMatchObject({ status: 'done' })
  const file = join(makeTempDir('cg-e2e-export-'), `export.${extension}`)
  writeFileSync(file, Buffer.from(await (await fetch(`${serverUrl}/api/exports/${id}/file`)).arrayBuffer()))
  return file
}

/**
 * A PDF's text (one page, or all): laid out as on the page (rows of a table on one line), or in reading order
 * (`layout: false`: a note's wrapped lines one after another, not interleaved with its neighbours').
 */
export const pdfText = (file: string, page?: number, { layout = true } = {}) =>
  execFileSync('pdftotext', [
    ...(page ? ['-f', String(page), '-l', String(page)] : []),
    ...(layout ? ['-layout'] : []),
    file,
    '-',
  ]).toString()

export const pdfPageCount = (file: string) =>
  Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file]).toString())![1])

/** Renders a PDF's pages to PNG files (`<prefix>-<n>.png`), to look at. */
export const pdfToPngs = (file: string, prefix: string) => execFileSync('pdftoppm', ['-png', '-r', '60', file, prefix])

/** The text of a Word document's paragraphs (runs joined), from its XML. */
export function docxParagraphs(file: Buffer): { xml: string; paragraphs: string[] } {
  const xml = strFromU8(unzipSync(new Uint8Array(file))['word/document.xml']!)
  const paragraphs = [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)]
    .map((match) =>
      [...match[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((text) => unescapeXml(text[1]!)).join(''),
    )
    .map(withoutIsolates)
  return { xml, paragraphs }
}

const unescapeXml = (text: string) =>
  text.replace(
    /&(lt|gt|quot|apos|amp);/g,
    (_, name: string) => ({ lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' })[name]!,
  )
