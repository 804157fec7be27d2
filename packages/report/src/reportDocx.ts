import {
  AlignmentType,
  BorderStyle,
  Document,
  HeadingLevel,
  ImageRun,
  Packer,
  PageBreak,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx'
import { textDirection, type LanguageCode } from '@cg/contract'
import type { ReportBlock, ReportDocument } from './reportDocument.ts'

/** A rendered board picture for the annex: PNG bytes and its size in pixels. */
export interface FigureImage {
  png: Uint8Array
  width: number
  height: number
}

export interface DocxPage {
  paper: 'a4' | 'letter'
  orientation: 'landscape' | 'portrait'
}

/** Characters XML 1.0 cannot hold (controls, lone surrogates, U+FFFE/FFFF): a pasted note may carry them. */
const NOT_XML =
  // eslint-disable-next-line no-control-regex -- these control characters are exactly what XML cannot hold
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g
const xmlSafe = (text: string) => text.replace(NOT_XML, '')
/** A picture larger than this (px, either side) is not a board picture the print view made. */
const MAX_IMAGE_PX = 20_000

/** Word's language tags for the four languages (spelling and grammar checks, the right Arabic font). */
const LANGUAGE_TAGS: Record<LanguageCode, string> = { en: 'en-GB', fr: 'fr-FR', es: 'es-ES', ar: 'ar-SA' }
/** Page sizes in twentieths of a point, portrait. */
const PAPER_TWIPS = { a4: { w: 11906, h: 16838 }, letter: { w: 12240, h: 15840 } }
const MARGIN_TWIPS = 1000
const TWIPS_PER_PX = 15

/**
 * The report as a Word document a facilitator can edit and send: the same blocks as the PDF, headings as Word
 * headings (so its navigation pane and table of contents work), tables as tables, pictures scaled to the page;
 * Arabic paragraphs and tables run right to left.
 */
const validSize = (image: FigureImage) =>
  [image.width, image.height].every((side) => Number.isFinite(side) && side >= 1 && side <= MAX_IMAGE_PX)

export async function reportToDocx(
  report: ReportDocument,
  images: ReadonlyMap<string, FigureImage>,
  page: DocxPage,
): Promise<Uint8Array> {
  const rtl = textDirection(report.lang) === 'rtl'
  const language = rtl
    ? { value: LANGUAGE_TAGS.en, bidirectional: LANGUAGE_TAGS[report.lang] }
    : { value: LANGUAGE_TAGS[report.lang] }
  const portrait = PAPER_TWIPS[page.paper]
  const size = page.orientation === 'landscape' ? { w: portrait.h, h: portrait.w } : portrait
  const content = { w: size.w - 2 * MARGIN_TWIPS, h: size.h - 2 * MARGIN_TWIPS }

  const run = (text: string, options: { bold?: boolean; size?: number; color?: string } = {}) =>
    text
      .split('\n')
      .map(
        (line, index) =>
          new TextRun({ text: xmlSafe(line), break: index > 0 ? 1 : 0, rightToLeft: rtl, language, ...options }),
      )
  const paragraph = (text: string, options: { bold?: boolean; size?: number; color?: string } = {}) =>
    new Paragraph({ bidirectional: rtl, children: run(text, options) })

  const children: (Paragraph | Table)[] = []
  for (const block of report.blocks) children.push(...blockToDocx(block))

  function blockToDocx(block: ReportBlock): (Paragraph | Table)[] {
    switch (block.kind) {
      case 'cover':
        return [
          new Paragraph({ bidirectional: rtl, heading: HeadingLevel.TITLE, children: run(block.title) }),
          paragraph(block.subtitle, { size: 32, color: '555555' }),
          ...block.facts.map(
            ([label, value]) =>
              new Paragraph({ bidirectional: rtl, children: [...run(`${label}: `, { bold: true }), ...run(value)] }),
          ),
          new Paragraph({ children: [new PageBreak()] }),
        ]
      case 'heading': {
        const heading = [HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3][block.level - 1]!
        return [new Paragraph({ bidirectional: rtl, heading, children: run(block.text) })]
      }
      case 'paragraph':
        return [paragraph(block.text, block.muted ? { color: '555555' } : {})]
      case 'list':
        return block.items.map(
          (item) => new Paragraph({ bidirectional: rtl, bullet: { level: 0 }, children: run(item) }),
        )
      case 'table':
        return [table(block)]
      case 'figure': {
        const image = images.get(block.figureId)
        const title = new Paragraph({ bidirectional: rtl, heading: HeadingLevel.HEADING_3, children: run(block.title) })
        if (!image || !validSize(image)) return [title]
        // As large as the page allows, keeping its proportions (a heading's room kept free).
        const scale = Math.min(content.w / image.width, (content.h - 1200) / image.height) / TWIPS_PER_PX
        return [
          title,
          new Paragraph({
            alignment: AlignmentType.CENTER,
            children: [
              new ImageRun({
                type: 'png',
                data: image.png,
                transformation: { width: Math.round(image.width * scale), height: Math.round(image.height * scale) },
                altText: { name: block.title, description: block.title, title: block.title },
              }),
            ],
          }),
        ]
      }
    }
  }

  function table(block: Extract<ReportBlock, { kind: 'table' }>): Table {
    const widths = block.widths ?? block.header.map(() => 1)
    const total = widths.reduce((sum, width) => sum + width, 0)
    const columnWidths = widths.map((width) => Math.floor((content.w * width) / total))
    const border = { style: BorderStyle.SINGLE, size: 4, color: '9FA8B2' }
    const cell = (lines: string[], header: boolean, column: number) =>
      new TableCell({
        width: { size: columnWidths[column] ?? 0, type: WidthType.DXA },
        borders: { top: border, bottom: border, left: border, right: border },
        shading: header ? { fill: 'EEF1F4' } : undefined,
        children: (lines.length > 0 ? lines : ['']).map((line) => paragraph(line, header ? { bold: true } : {})),
      })
    return new Table({
      visuallyRightToLeft: rtl,
      width: { size: content.w, type: WidthType.DXA },
      columnWidths,
      rows: [
        new TableRow({ tableHeader: true, children: block.header.map((text, column) => cell([text], true, column)) }),
        ...block.rows.map(
          (row) => new TableRow({ children: block.header.map((_, column) => cell(row[column] ?? [], false, column)) }),
        ),
      ],
    })
  }

  const document = new Document({
    title: report.title,
    creator: 'Common Ground',
    styles: { default: { document: { run: { font: 'Arial', size: 22 } } } },
    sections: [
      {
        properties: {
          page: {
            // Given upright: docx turns the sheet for a landscape section.
            size: {
              width: portrait.w,
              height: portrait.h,
              orientation: page.orientation === 'landscape' ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT,
            },
            margin: { top: MARGIN_TWIPS, bottom: MARGIN_TWIPS, left: MARGIN_TWIPS, right: MARGIN_TWIPS },
          },
        },
        children,
      },
    ],
  })
  return new Uint8Array(await Packer.toBuffer(document))
}
