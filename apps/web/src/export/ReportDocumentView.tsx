import type { ReportBlock, ReportDocument } from '@cg/report'

/**
 * The report as printed pages: its blocks as HTML, flowing from page to page (the cover and each annex picture
 * on a page of their own), headings kept with what follows, table headers repeated on every page. Chromium prints
 * it to PDF with the text as text; `dir` and `lang` make Arabic run right to left and shape.
 */
export function ReportDocumentView(props: { report: ReportDocument; figureSvg: (figureId: string) => string }) {
  return (
    <article className="cg-report">
      {props.report.blocks.map((block, index) => (
        <Block key={index} block={block} figureSvg={props.figureSvg} />
      ))}
    </article>
  )
}

/**
 * Lines of one text (a note's several lines, a cell's several notes) as separate lines. People's words arrive
 * isolated (see `isolate` in @cg/report), so lines take the report's direction and mixed text still reads right.
 */
function Lines({ lines }: { lines: string[] }) {
  return (
    <>
      {lines.map((line, index) => (
        <div key={index} className="cg-report-line">
          {line}
        </div>
      ))}
    </>
  )
}

function Block({ block, figureSvg }: { block: ReportBlock; figureSvg: (figureId: string) => string }) {
  switch (block.kind) {
    case 'cover':
      return (
        <section className="cg-report-cover">
          <h1>
            <bdi>{block.title}</bdi>
          </h1>
          <p className="cg-report-kind">{block.subtitle}</p>
          <dl>
            {block.facts.map(([label, value]) => (
              <div key={label}>
                <dt>{label}</dt>
                <dd>{value}</dd>
              </div>
            ))}
          </dl>
        </section>
      )
    case 'heading': {
      const Heading = (['h1', 'h2', 'h3'] as const)[block.level - 1]!
      return <Heading className="cg-report-heading">{block.text}</Heading>
    }
    case 'paragraph':
      return <p className={block.muted ? 'cg-report-muted' : undefined}>{block.text}</p>
    case 'list':
      return (
        <ul>
          {block.items.map((item, index) => (
            <li key={index}>{item}</li>
          ))}
        </ul>
      )
    case 'table': {
      const total = (block.widths ?? block.header.map(() => 1)).reduce((sum, width) => sum + width, 0)
      return (
        <table>
          {block.widths && (
            <colgroup>
              {block.widths.map((width, index) => (
                <col key={index} style={{ width: `${(100 * width) / total}%` }} />
              ))}
            </colgroup>
          )}
          <thead>
            <tr>
              {block.header.map((text, index) => (
                <th key={index}>{text}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {block.rows.map((row, rowIndex) => (
              <tr key={rowIndex}>
                {block.header.map((_, column) => (
                  <td key={column}>
                    <Lines lines={row[column] ?? []} />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )
    }
    case 'figure':
      return (
        <section className="cg-report-figure">
          <h3>{block.title}</h3>
          <div className="cg-print-figure" dangerouslySetInnerHTML={{ __html: figureSvg(block.figureId) }} />
        </section>
      )
  }
}

/** The report's print styles, for a page of `size` millimetres with `margin` around. */
export function reportStyles(figure: { w: number; h: number }): string {
  return `
    .cg-report { font: 11pt/1.45 system-ui, 'Noto Sans', 'Noto Sans Arabic', sans-serif; color: #1d232a; }
    .cg-report-cover { break-after: page; padding-top: 25mm; }
    .cg-report-cover h1 { font-size: 28pt; margin: 0 0 3mm; }
    .cg-report-kind { font-size: 16pt; color: #555; margin: 0 0 14mm; }
    .cg-report-cover dl { display: grid; grid-template-columns: max-content 1fr; gap: 3mm 8mm; font-size: 13pt; }
    .cg-report-cover dl > div { display: contents; }
    .cg-report-cover dt { font-weight: 600; }
    .cg-report-cover dd { margin: 0; }
    .cg-report h1.cg-report-heading { font-size: 18pt; margin: 8mm 0 2mm; break-after: avoid; }
    /* Sections follow one another; the annex starts a page, and its first picture shares it. */
    .cg-report h1.cg-report-heading:has(+ .cg-report-figure) { break-before: page; }
    .cg-report h1.cg-report-heading + .cg-report-figure { break-before: avoid; }
    .cg-report h2.cg-report-heading { font-size: 14pt; margin: 6mm 0 2mm; break-after: avoid; }
    .cg-report h3.cg-report-heading { font-size: 12pt; margin: 4mm 0 1.5mm; break-after: avoid; }
    .cg-report p { margin: 0 0 2mm; }
    .cg-report-muted { color: #555; }
    .cg-report ul { margin: 0 0 3mm; padding-inline-start: 6mm; }
    .cg-report li { margin-block: 0.8mm; break-inside: avoid; white-space: pre-line; }
    .cg-report table { border-collapse: collapse; width: 100%; margin: 0 0 4mm; table-layout: fixed; }
    .cg-report thead { display: table-header-group; }
    .cg-report tr { break-inside: avoid; }
    .cg-report th, .cg-report td { border: 1px solid #9fa8b2; padding: 1.5mm 2.5mm; text-align: start; vertical-align: top; overflow-wrap: anywhere; }
    .cg-report th { background: #eef1f4; font-weight: 600; }
    .cg-report-line { white-space: pre-line; }
    .cg-report-line + .cg-report-line { margin-top: 1mm; }
    .cg-report-figure { break-before: page; width: ${figure.w}mm; }
    .cg-report-figure h3 { font: 600 13pt/1.2 system-ui, sans-serif; margin: 0 0 3mm; height: 7mm; overflow: hidden; }
    .cg-report-figure .cg-print-figure { width: ${figure.w}mm; height: ${figure.h - 10}mm; }
  `
}
