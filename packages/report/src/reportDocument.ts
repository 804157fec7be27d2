import { z } from 'zod'
import { LANGUAGE_CODES } from '@cg/contract'

/*
 * The workshop report as a document: blocks of text, tables and pictures in reading order, every word already in
 * the reader's language. The web app composes it from the boards and prints it to PDF; the server writes the same
 * blocks as DOCX. It crosses from the print page to the server, so it has a schema with bounds.
 */

/** What one block may hold: `withinLimits` (composing) keeps a document inside them, so any board has a report. */
export const REPORT_LIMITS = { text: 20_000, lines: 500, listItems: 2_000, tableRows: 2_000, blocks: 100_000 } as const

const Text = z.string().max(REPORT_LIMITS.text)
/** A table cell: one line per entry (a cell's notes, say). */
const Cell = z.array(Text).max(REPORT_LIMITS.lines)

export const ReportBlock = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('cover'), title: Text, subtitle: Text, facts: z.array(z.tuple([Text, Text])).max(20) }),
  z.object({ kind: z.literal('heading'), level: z.union([z.literal(1), z.literal(2), z.literal(3)]), text: Text }),
  z.object({ kind: z.literal('paragraph'), text: Text, muted: z.boolean().optional() }),
  z.object({ kind: z.literal('list'), items: z.array(Text).max(REPORT_LIMITS.listItems) }),
  z.object({
    kind: z.literal('table'),
    header: z.array(Text).min(1).max(20),
    rows: z.array(z.array(Cell).max(20)).max(REPORT_LIMITS.tableRows),
    /** Relative widths of the columns, when some need more room than others. */
    widths: z.array(z.number().positive()).max(20).optional(),
  }),
  /** A board picture of the annex; `figureId` names the image the print page rendered for it. */
  z.object({ kind: z.literal('figure'), figureId: z.string().max(300), title: Text }),
])
export type ReportBlock = z.infer<typeof ReportBlock>

export const ReportDocument = z.object({
  lang: z.enum(LANGUAGE_CODES),
  title: Text,
  blocks: z.array(ReportBlock).max(REPORT_LIMITS.blocks),
})
export type ReportDocument = z.infer<typeof ReportDocument>

/** Text without the marks that isolate people's words (the words as a search or a reader meets them). */
export const withoutIsolates = (text: string) => text.replace(/[\u2066-\u2069]/g, '')

/** The words of every block, in order (for tests and for a search over a report). */
export function reportText(document: ReportDocument): string[] {
  return blockText(document).map(withoutIsolates)
}

function blockText(document: ReportDocument): string[] {
  return document.blocks.flatMap((block) => {
    switch (block.kind) {
      case 'cover':
        return [block.title, block.subtitle, ...block.facts.flat()]
      case 'heading':
      case 'paragraph':
        return [block.text]
      case 'list':
        return block.items
      case 'table':
        return [...block.header, ...block.rows.flat(2)]
      case 'figure':
        return [block.title]
    }
  })
}
