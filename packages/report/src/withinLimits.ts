import { REPORT_LIMITS, type ReportBlock } from './reportDocument.ts'

const clip = (text: string) => (text.length <= REPORT_LIMITS.text ? text : `${text.slice(0, REPORT_LIMITS.text - 1)}…`)

/** In groups of `size`, at least one (an empty list stays one empty list). */
function chunks<T>(items: readonly T[], size: number): T[][] {
  const groups: T[][] = []
  for (let start = 0; start < items.length; start += size) groups.push(items.slice(start, start + size))
  return groups.length > 0 ? groups : [[]]
}

/**
 * Blocks as the document's schema takes them, whatever the boards hold: a very long text is cut (marked …), a long
 * list or table continues in another block (a table repeats its header), a cell with very many notes names how many
 * more there are. Nothing is dropped silently, and a huge board still gets its report.
 */
export function withinLimits(blocks: readonly ReportBlock[], more = (n: number) => `… +${n}`): ReportBlock[] {
  const kept = blocks.flatMap((block): ReportBlock[] => {
    switch (block.kind) {
      case 'cover':
        return [{ ...block, title: clip(block.title), subtitle: clip(block.subtitle) }]
      case 'heading':
      case 'paragraph':
        return [{ ...block, text: clip(block.text) }]
      case 'figure':
        return [{ ...block, title: clip(block.title) }]
      case 'list':
        return chunks(block.items.map(clip), REPORT_LIMITS.listItems).map((items) => ({ kind: 'list', items }))
      case 'table': {
        const cell = (lines: string[]) =>
          lines.length <= REPORT_LIMITS.lines
            ? lines.map(clip)
            : [...lines.slice(0, REPORT_LIMITS.lines - 1).map(clip), more(lines.length - REPORT_LIMITS.lines + 1)]
        const rows = block.rows.map((row) => row.map(cell))
        return chunks(rows, REPORT_LIMITS.tableRows).map((part) => ({ ...block, rows: part }))
      }
    }
  })
  return kept.slice(0, REPORT_LIMITS.blocks)
}
