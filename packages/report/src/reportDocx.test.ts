import { unzipSync, strFromU8 } from 'fflate'
import { describe, expect, it } from 'vitest'
import { composeReport } from './composeReport.ts'
import { reportToDocx } from './reportDocx.ts'
import { withoutIsolates } from './reportDocument.ts'
import { workshopInput } from './reportFixture.ts'

/** A 1×1 PNG: the annex pictures are rendered by the print page; here only their placing is checked. */
const PIXEL = Uint8Array.from(
  atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=='),
  (char) => char.charCodeAt(0),
)

async function documentXml(lang: 'en' | 'ar') {
  const report = composeReport({ ...workshopInput(), lang })
  const images = new Map([['plenary/shape:vision/1', { png: PIXEL, width: 1600, height: 1000 }]])
  const bytes = await reportToDocx(report, images, { paper: 'a4', orientation: 'landscape' })
  const files = unzipSync(bytes)
  return { xml: strFromU8(files['word/document.xml']!), files }
}

/** The text of a Word document's paragraphs, runs joined. */
const paragraphs = (xml: string) =>
  [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)]
    .map((match) => [...match[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((text) => text[1]).join(''))
    .map(withoutIsolates)

describe('reportToDocx', () => {
  it('writes every block as Word paragraphs, headings and tables, each note once', async () => {
    const { xml, files } = await documentXml('en')
    const text = paragraphs(xml)
    expect(text).toContain('Joint programme design')
    expect(text).toContain('3. Key actions')
    expect(text.filter((line) => line === 'Dignity')).toHaveLength(1)
    expect(text).toContain('Referral pathways in schools [Education]')
    expect(xml).toContain('w:val="Heading1"')
    expect((xml.match(/<w:tbl>/g) ?? []).length).toBeGreaterThanOrEqual(5)
    // The one picture given is embedded; a figure without one keeps its title.
    expect(Object.keys(files).filter((name) => name.startsWith('word/media/'))).toHaveLength(1)
    expect(text).toContain('Key actions: Health')
    // Landscape A4: the page is wider than tall.
    const size = xml.match(/<w:pgSz w:w="(\d+)" w:h="(\d+)"/)!
    expect(Number(size[1])).toBeGreaterThan(Number(size[2]))
  })

  it('writes a note with characters XML cannot hold, and leaves out a picture of no size', async () => {
    const input = workshopInput()
    input.plenary.loose.push({ id: 'shape:bad', text: 'pasted\u0001 from\uFFFE a PDF\uD800' })
    const report = composeReport(input)
    const images = new Map([['plenary/shape:vision/1', { png: PIXEL, width: 0, height: Number.NaN }]])
    const files = unzipSync(await reportToDocx(report, images, { paper: 'letter', orientation: 'portrait' }))
    const xml = strFromU8(files['word/document.xml']!)
    expect(paragraphs(xml)).toContain('pasted from a PDF')
    expect(xml).not.toContain('NaN')
    expect(Object.keys(files).filter((name) => name.startsWith('word/media/'))).toHaveLength(0)
  })

  it('runs right to left in Arabic', async () => {
    const { xml } = await documentXml('ar')
    expect(xml).toContain('<w:bidi/>')
    expect(xml).toContain('<w:rtl/>')
    expect(xml).toContain('<w:bidiVisual/>')
    expect(xml).toContain('w:bidi="ar-SA"')
  })
})
