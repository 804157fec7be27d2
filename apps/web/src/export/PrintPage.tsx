import { getAssetUrlsByImport } from '@tldraw/assets/imports.vite'
import { useEffect, useState } from 'react'
import { Tldraw, type Editor } from 'tldraw'
import 'tldraw/tldraw.css'
import type { ReportDocument } from '@cg/report'
import { isLanguageCode, textDirection, type PrintOptions, printOptionsFromHash } from '@cg/contract'
import { BoardSession, boardShapeUtils } from '../board/BoardSession.ts'
import { useI18n } from '../i18n/I18nProvider.tsx'
import { tokenFromHash } from '../shared/boardLink.ts'
import { PdfGeoShapeUtil, PdfNoteShapeUtil, PdfTextShapeUtil } from './pageStyledLabels.tsx'
import { pageSizeMm } from './pageSize.ts'
import { drawBoardPages, PrintCollection, readBoardForReport, type LoadedBoard } from './print/boardPictures.ts'
import { composeWorkshopReport } from './print/composeWorkshopReport.ts'
import { loadPrintJob } from './print/printJob.ts'
import { offerFigurePngs, reportHeadings, reportProgress, whenFontsReady } from './print/printProtocol.ts'
import type { PrintTarget, WorkshopRecord } from './print/workshopRecord.ts'
import { PrintFrameShapeUtil } from './PrintFrameShapeUtil.tsx'
import { ReportDocumentView, reportStyles } from './ReportDocumentView.tsx'

const assetUrls = getAssetUrlsByImport()
const MARGIN_MM = 10
const TITLE_MM = 14
/** Frames print whole, overflow included. */
const printShapeUtils = [...boardShapeUtils.filter((util) => util.type !== 'frame'), PrintFrameShapeUtil]
/** A PDF's pictures sit in this page, whose stylesheet styles their labels (see PageStyledLabel). */
const pdfShapeUtils = [
  ...printShapeUtils.filter((util) => !['note', 'geo', 'text'].includes(util.type)),
  PdfNoteShapeUtil,
  PdfGeoShapeUtil,
  PdfTextShapeUtil,
]

/**
 * A board, or the workshop report, laid out for printing. A board: one page per frame titled with its name, after
 * an optional overview. A report: a document (cover, agenda as run, each item's work as text and tables) composed
 * from every board of the workshop, then an annex of board pictures, each piece of work once. Pictures are
 * tldraw's own SVG export, so text stays text (selectable, shaped by the browser, Arabic included). Headless
 * Chromium prints this page to PDF on the server, or the server writes the report as DOCX from what it exposes
 * (see print/printProtocol.ts). The work is in print/; this page loads one board at a time into a hidden editor
 * and shows what they gave.
 */
export function PrintPage({ boardId }: { boardId: string }) {
  const { t, language, setLanguage } = useI18n()
  const [options] = useState<PrintOptions>(() => printOptionsFromHash(location.hash))
  const [token] = useState(() => tokenFromHash(location.hash) ?? '')
  const [targets, setTargets] = useState<PrintTarget[] | null>(null)
  const [index, setIndex] = useState(0)
  const [loaded, setLoaded] = useState<LoadedBoard | null>(null)
  const [licenseKey, setLicenseKey] = useState<string | null>(null)
  const [collected] = useState(() => new PrintCollection())
  const [workshop, setWorkshop] = useState<WorkshopRecord | null>(null)
  const [done, setDone] = useState(false)
  const [composedReport, setComposed] = useState<ReportDocument | null>(null)

  useEffect(() => {
    if (isLanguageCode(options.lang)) setLanguage(options.lang)
  }, [options.lang, setLanguage])

  // What to print: the board, or for a report the plenary and its breakouts, with the workshop state.
  useEffect(() => {
    reportProgress({})
    const { job, close } = loadPrintJob(boardId, token, options.report)
    // Any failure is reported to the server driving this page, which ends the export with it.
    job
      .then((result) => {
        if ('error' in result) return reportProgress({ error: result.error })
        setLicenseKey(result.licenseKey)
        setWorkshop(result.workshop)
        setTargets(result.targets)
      })
      .catch((error: unknown) => reportProgress({ error: String(error) }))
    return close
  }, [boardId, token, options.report])

  // One board at a time: load it, let a hidden editor draw it, keep its pages, go on to the next.
  useEffect(() => {
    if (!targets || !workshop) return
    const target = targets[index]
    if (!target) {
      setDone(true)
      return
    }
    let cancelled = false
    // Straight from the server (no browser cache): a print shows the board as it is stored now.
    const opened = new BoardSession(target.id, token, { cache: false, announce: false, readOnly: true })
    void opened.load().then(
      (binding) => {
        if (cancelled) return
        if (!binding) return reportProgress({ error: `board ${target.id}: could not be opened` })
        setLoaded({
          target,
          store: opened.store,
          slides: workshop.slides?.boardId === target.id ? workshop.slides.frameIds : null,
        })
      },
      (error: unknown) => reportProgress({ error: String(error) }),
    )
    return () => {
      cancelled = true
      opened.destroy()
    }
  }, [targets, workshop, index, token])

  const size = pageSizeMm(options)
  const figure = { w: size.w - 2 * MARGIN_MM, h: size.h - 2 * MARGIN_MM - TITLE_MM }
  const rtl = textDirection(language.code) === 'rtl'

  async function render(editor: Editor, board: LoadedBoard) {
    try {
      if (options.report) {
        const reading = { plenaryId: targets![0]!.id, language: language.code, rtl, figure, t }
        await readBoardForReport(editor, board, collected, { ...reading, docx: options.format === 'docx' })
      } else
        await drawBoardPages(editor, board, collected, { overview: options.overview, language: language.code, rtl })
      setLoaded(null)
      setIndex((n) => n + 1)
    } catch (error) {
      reportProgress({ error: String(error) })
    }
  }

  // Every board read: compose the report (in the requester's language) from what they hold.
  useEffect(() => {
    if (!done || !workshop || !targets) return
    if (!options.report) {
      whenFontsReady({ pages: collected.pages.map((page) => page.title) })
      return
    }
    // A failure here is the server's to report, not a page left waiting until the export times out.
    try {
      const [plenary, ...breakouts] = targets.map((target) => collected.contents.get(target.id)!)
      const composed = composeWorkshopReport({
        workshop,
        plenary: plenary!,
        breakouts,
        labels: collected.labels,
        figures: collected.figureRefs,
        t,
        language: language.code,
        now: Date.now(),
      })
      setComposed(composed)
      offerFigurePngs(collected.figurePngs)
      whenFontsReady({ pages: reportHeadings(composed), document: composed })
    } catch (error) {
      reportProgress({ error: String(error) })
    }
  }, [done, workshop, targets, options.report, language.code, t, collected])

  return (
    <>
      <style>{`
        @page { size: ${size.w}mm ${size.h}mm; margin: ${MARGIN_MM}mm; }
        html, body, #root { margin: 0; background: #fff !important; }
        .cg-print-page { background: #fff; }
        .cg-print-page { width: ${figure.w}mm; height: ${size.h - 2 * MARGIN_MM}mm; overflow: hidden; font-family: system-ui, sans-serif; }
        .cg-print-page + .cg-print-page { break-before: page; }
        .cg-print-page h1 { font: 600 16pt/1.2 system-ui, sans-serif; margin: 0 0 4mm; height: ${TITLE_MM - 4}mm; overflow: hidden; }
        .cg-print-figure { width: ${figure.w}mm; height: ${figure.h}mm; overflow: hidden; }
        .cg-print-figure svg { display: block; width: 100%; height: 100%; }
        /* tldraw outlines labels with a text shadow, which a PDF holds as more copies of the text: once is enough. */
        .cg-print-figure * { text-shadow: none !important; }
        /* Notes' drop shadows are SVG filters, which Chromium rasterises for every page it prints: seconds per
           picture (a 1000-note report took minutes). Printed notes are flat. */
        .cg-print-figure [filter] { filter: none !important; }
        .cg-print-canvas { position: fixed; left: -20000px; top: 0; width: 1200px; height: 800px; }
        ${reportStyles(figure)}
      `}</style>
      {done &&
        !options.report &&
        collected.pages.map((page, n) => (
          <section className="cg-print-page" key={n}>
            <h1>
              <bdi>{page.title}</bdi>
            </h1>
            <div className="cg-print-figure" dangerouslySetInnerHTML={{ __html: page.svg }} />
          </section>
        ))}
      {composedReport && (
        <ReportDocumentView report={composedReport} figureSvg={(id) => collected.figureSvgs.get(id) ?? ''} />
      )}
      {loaded && !done && (
        <div className="cg-print-canvas" aria-hidden="true">
          <Tldraw
            key={loaded.target.id}
            store={loaded.store}
            shapeUtils={options.format === 'pdf' ? pdfShapeUtils : printShapeUtils}
            assetUrls={assetUrls}
            hideUi
            onMount={(editor) => {
              void render(editor, loaded)
            }}
            {...(licenseKey ? { licenseKey } : {})}
          />
        </div>
      )}
    </>
  )
}
