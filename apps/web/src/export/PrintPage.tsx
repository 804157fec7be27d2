import { getAssetUrlsByImport } from '@tldraw/assets/imports.vite'
import { useEffect, useRef, useState } from 'react'
import { getSvgAsImage, Tldraw, type Editor, type TLShapeId, type TLStore } from 'tldraw'
import 'tldraw/tldraw.css'
import { readVotingSessions, readWorkshop, type AgendaRun, type VotingSession } from '@cg/facilitation'
import { broughtBackBoards, composeReport, type ContentBoard, type FigureRef, type ReportDocument } from '@cg/report'
import { isLanguageCode, textDirection, type PrintOptions, printOptionsFromHash, roomName } from '@cg/contract'
import { fetchBoard, fetchBreakouts, fetchClientConfig, fetchTemplateCatalog } from '../shared/api.ts'
import { BoardConnection } from '../board/BoardConnection.ts'
import { BoardSession, boardShapeUtils } from '../board/BoardSession.ts'
import { tokenFromHash } from '../shared/boardLink.ts'
import { useI18n } from '../i18n/I18nProvider.tsx'
import { scaffoldShownText } from '../board/shapes/scaffoldShown.ts'
import { $templateCatalog } from '../board/shapes/templateCatalogAtom.ts'
import { framesInReadingOrder } from '../board/frameOrder.ts'
import { methodText, topicText } from '../agenda/index.ts'
import { annexFigures } from './annexFigures.ts'
import { PdfGeoShapeUtil, PdfNoteShapeUtil, PdfTextShapeUtil } from './pageStyledLabels.tsx'
import { pageSizeMm } from './pageSize.ts'
import { PrintFrameShapeUtil } from './PrintFrameShapeUtil.tsx'
import { readBoardContent } from './readEditorContent.ts'
import { ReportDocumentView, reportStyles } from './ReportDocumentView.tsx'
import { reportWords } from './reportWords.ts'

const assetUrls = getAssetUrlsByImport()
const MARGIN_MM = 10
const TITLE_MM = 14
/** The smallest scale a board prints at in the report, so a note's text stays readable (~8 pt): larger is cut. */
const READABLE_MM_PER_UNIT = 0.125
/** How long the workshop's facilitation room may take to load before the export gives up. */
const ROOM_TIMEOUT_MS = 60_000
/** Frames print whole, overflow included. */
const printShapeUtils = [...boardShapeUtils.filter((util) => util.type !== 'frame'), PrintFrameShapeUtil]
/** A PDF's pictures sit in this page, whose stylesheet styles their labels (see PageStyledLabel). */
const pdfShapeUtils = [
  ...printShapeUtils.filter((util) => !['note', 'geo', 'text'].includes(util.type)),
  PdfNoteShapeUtil,
  PdfGeoShapeUtil,
  PdfTextShapeUtil,
]

/** A page of the board part: one frame (or the overview) as tldraw's SVG. */
interface FigurePage {
  title: string
  svg: string
}

/** A board to print, with the name its section carries in a report. */
interface PrintTarget {
  id: string
  section: string
  createdAt?: number
}

interface LoadedBoard {
  target: PrintTarget
  store: TLStore
  slides: string[] | null
}

/** The workshop as the report reads it, from the plenary's facilitation room. */
interface WorkshopRecord {
  title: string
  attendance: ReturnType<typeof readWorkshop<'attendance'>>
  agenda: ReturnType<typeof readWorkshop<'agenda'>>
  runs: AgendaRun[]
  place: string
  sessions: VotingSession[]
  slides: ReturnType<typeof readWorkshop<'slides'>>
}

function report(update: Partial<NonNullable<Window['__cgPrint']>>) {
  window.__cgPrint = { total: 0, done: 0, ready: false, error: null, pages: [], ...window.__cgPrint, ...update }
}

/** Frames in presentation order (the facilitator's slides, if any), else in reading order, page by page. */
function frameOrder(editor: Editor, slides: string[] | null, rtl: boolean): TLShapeId[] {
  const ordered: TLShapeId[] = []
  const current = editor.getCurrentPageId()
  for (const page of editor.getPages()) {
    editor.setCurrentPage(page.id)
    ordered.push(...framesInReadingOrder(editor, rtl))
  }
  editor.setCurrentPage(current)
  if (!slides) return ordered
  const inSlides = slides.filter((id) => ordered.includes(id as TLShapeId)) as TLShapeId[]
  return [...inSlides, ...ordered.filter((id) => !inSlides.includes(id))]
}

/**
 * An exported SVG without the fonts tldraw embeds in each one: the print page has them already (tldraw's
 * stylesheet), and a PDF that decodes the same fonts again for every picture takes seconds per page to print.
 */
const withoutEmbeddedFonts = (svg: string) => svg.replace(/@font-face\s*\{[^}]*\}/g, '')

/** An exported SVG without its drop-shadow filters, which take seconds per picture to rasterise. */
const withoutShadows = (svg: string) => svg.replace(/ filter="url\(#[^)"]*\)"/g, '')

/** Once the page's fonts have loaded (pictures use the page's fonts), tell the server it may print. */
const whenFontsReady = (update: Partial<NonNullable<Window['__cgPrint']>>) =>
  requestAnimationFrame(() => void document.fonts.ready.then(() => report({ ready: true, ...update })))

const toBase64 = async (blob: Blob) => {
  const bytes = new Uint8Array(await blob.arrayBuffer())
  let binary = ''
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return btoa(binary)
}

/**
 * A board, or the workshop report, laid out for printing. A board: one page per frame titled with its name, after
 * an optional overview. A report: a document (cover, agenda as run, each item's work as text and tables) composed
 * from every board of the workshop, then an annex of board pictures, each piece of work once. Pictures are
 * tldraw's own SVG export, so text stays text (selectable, shaped by the browser, Arabic included). Headless
 * Chromium prints this page to PDF on the server, or the server writes the report as DOCX from what it exposes.
 */
export function PrintPage({ boardId }: { boardId: string }) {
  const { t, language, setLanguage } = useI18n()
  const [options] = useState<PrintOptions>(() => printOptionsFromHash(location.hash))
  const [token] = useState(() => tokenFromHash(location.hash) ?? '')
  const [targets, setTargets] = useState<PrintTarget[] | null>(null)
  const [index, setIndex] = useState(0)
  const [loaded, setLoaded] = useState<LoadedBoard | null>(null)
  const [licenseKey, setLicenseKey] = useState<string | null>(null)
  const pages = useRef<FigurePage[]>([])
  const labels = useRef(new Map<string, Map<string, string>>())
  const contents = useRef(new Map<string, ContentBoard>())
  const figureRefs = useRef<FigureRef[]>([])
  const figureSvgs = useRef(new Map<string, string>())
  const figurePngs = useRef(new Map<string, { blob: Blob; width: number; height: number }>())
  const [workshop, setWorkshop] = useState<WorkshopRecord | null>(null)
  const [done, setDone] = useState(false)
  const [composedReport, setComposed] = useState<ReportDocument | null>(null)

  useEffect(() => {
    if (isLanguageCode(options.lang)) setLanguage(options.lang)
  }, [options.lang, setLanguage])

  // What to print: the board, or for a report the plenary and its breakouts, with the workshop state.
  useEffect(() => {
    report({})
    let connection: BoardConnection | undefined
    // Any failure is reported to the server driving this page, which ends the export with it.
    void (async () => {
      const [board, config, catalog] = await Promise.all([
        fetchBoard(boardId, token),
        fetchClientConfig(),
        fetchTemplateCatalog(),
      ])
      if (!board.ok) return report({ error: `board: ${board.code}` })
      // Template scaffold prints in the requester's language, as their screen shows it.
      if (catalog.ok) $templateCatalog.set(catalog.value)
      // A breakout board's workshop state (its slides) is its plenary's.
      connection = new BoardConnection(
        roomName({ channel: 'facilitation', boardId: board.value.parentId ?? boardId }),
        token,
        { cache: false, announce: false },
      )
      setLicenseKey(config.ok ? config.value.tldrawLicenseKey : null)
      const list: PrintTarget[] = [{ id: boardId, section: board.value.title }]
      if (options.report) {
        const found = await fetchBreakouts(boardId, token)
        if (!found.ok) return report({ error: `breakouts: ${found.code}` })
        list.push(...found.value.boards.map((b) => ({ id: b.id, section: b.title, createdAt: b.createdAt })))
      }
      // A room the server refuses never becomes ready: say so rather than wait for the export's deadline.
      const ready = await Promise.race([
        connection.ready().then(() => true),
        new Promise<false>((resolve) => setTimeout(() => resolve(false), ROOM_TIMEOUT_MS)),
      ])
      if (!ready) return report({ error: 'the workshop state could not be read' })
      const doc = connection.doc
      setWorkshop({
        title: board.value.title,
        attendance: readWorkshop(doc, 'attendance'),
        agenda: readWorkshop(doc, 'agenda'),
        runs: readWorkshop(doc, 'agendaRuns'),
        place: readWorkshop(doc, 'place'),
        sessions: readVotingSessions(doc).filter((session) => session.status === 'ended' && session.results),
        slides: readWorkshop(doc, 'slides'),
      })
      setTargets(list)
    })().catch((error: unknown) => report({ error: String(error) }))
    return () => connection?.destroy()
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
        if (!binding) return report({ error: `board ${target.id}: could not be opened` })
        setLoaded({
          target,
          store: opened.store,
          slides: workshop.slides?.boardId === target.id ? workshop.slides.frameIds : null,
        })
      },
      (error: unknown) => report({ error: String(error) }),
    )
    return () => {
      cancelled = true
      opened.destroy()
    }
  }, [targets, workshop, index, token])

  const size = pageSizeMm(options)
  const figure = { w: size.w - 2 * MARGIN_MM, h: size.h - 2 * MARGIN_MM - TITLE_MM }
  const rtl = textDirection(language.code) === 'rtl'

  /** A board's pages, one per frame after an optional overview, as the per-board PDF has them. */
  async function renderBoardPages(editor: Editor, board: LoadedBoard) {
    const jobs: { title: string; ids: TLShapeId[] }[] = []
    const all = [...editor.getCurrentPageShapeIds()]
    if (options.overview && all.length > 0) jobs.push({ title: board.target.section, ids: all })
    for (const id of frameOrder(editor, board.slides, rtl)) {
      const frame = editor.getShape(id)
      const name = frame && (scaffoldShownText(frame, language.code) ?? (frame.props as { name?: string }).name)
      jobs.push({ title: name || board.target.section, ids: [id] })
    }
    report({ total: jobs.length })
    for (const job of jobs) {
      const result = await editor.getSvgString(job.ids, { background: true, padding: 24, darkMode: false })
      pages.current.push({ title: job.title, svg: withoutEmbeddedFonts(result?.svg ?? '') })
      report({ done: pages.current.length })
    }
  }

  /** A board's part of the report: its content as text, the names of what was voted on, its annex pictures. */
  async function readForReport(editor: Editor, board: LoadedBoard) {
    const catalog = $templateCatalog.get()
    const reading = { editor, catalog, language: language.code }
    const content = readBoardContent(
      reading,
      {
        id: board.target.id,
        title: board.target.section,
        ...(board.target.createdAt ? { createdAt: board.target.createdAt } : {}),
      },
      rtl,
    )
    contents.current.set(board.target.id, content)
    const names = new Map<string, string>()
    for (const record of Object.values(board.store.serialize('document'))) {
      if (record.typeName !== 'shape') continue
      const text = (scaffoldShownText(record, language.code) ?? editor.getShapeUtil(record).getText(record))?.trim()
      if (text) names.set(record.id, text)
    }
    labels.current.set(board.target.id, names)
    // A group brought back to the plenary is pictured there: its own board gets no pictures.
    const plenary = contents.current.get(targets![0]!.id)
    if (plenary && plenary !== content && broughtBackBoards(plenary, [content]).size > 0) return
    const titles = new Map(content.frames.map((frame) => [frame.id, frame.title]))
    const figures = annexFigures(editor, board.target, {
      rtl,
      maxUnits: { w: figure.w / READABLE_MM_PER_UNIT, h: (figure.h - 10) / READABLE_MM_PER_UNIT },
      titleOf: (frameId) => titles.get(frameId) ?? board.target.section,
      looseTitle: `${board.target.section} — ${t('reportNotesOutsideFrames')}`,
      partTitle: (title, n, total) =>
        t('reportPart').replace('{title}', title).replace('{n}', String(n)).replace('{total}', String(total)),
    })
    report({ total: figureRefs.current.length + figures.length })
    for (const annex of figures) {
      const exportOptions = { bounds: annex.bounds, padding: 0, background: true, darkMode: false }
      const svg = await editor.getSvgString(annex.shapeIds, exportOptions)
      // The PDF prints the SVG (text stays text); a Word document embeds a PNG of it, with its fonts embedded (an
      // image cannot use the page's) and without the notes' shadow filters, as in the PDF.
      if (svg && options.format === 'docx') {
        const { width, height } = svg
        const blob = await getSvgAsImage(withoutShadows(svg.svg), { type: 'png', width, height, pixelRatio: 1 })
        if (blob) figurePngs.current.set(annex.ref.id, { blob, width, height })
      } else figureSvgs.current.set(annex.ref.id, withoutEmbeddedFonts(svg?.svg ?? ''))
      figureRefs.current.push(annex.ref)
      report({ done: figureRefs.current.length })
    }
  }

  async function render(editor: Editor, board: LoadedBoard) {
    try {
      if (options.report) await readForReport(editor, board)
      else await renderBoardPages(editor, board)
      setLoaded(null)
      setIndex((n) => n + 1)
    } catch (error) {
      report({ error: String(error) })
    }
  }

  // Every board read: compose the report (in the requester's language) from what they hold.
  useEffect(() => {
    if (!done || !workshop || !targets) return
    if (!options.report) {
      whenFontsReady({ pages: pages.current.map((page) => page.title) })
      return
    }
    // A failure here is the server's to report, not a page left waiting until the export times out.
    try {
      const [plenary, ...breakouts] = targets.map((target) => contents.current.get(target.id)!)
      const composed = composeReport({
        lang: language.code,
        title: workshop.title,
        date: new Intl.DateTimeFormat(language.code, { dateStyle: 'long' }).format(new Date()),
        now: Date.now(),
        place: workshop.place,
        attendance: workshop.attendance,
        agenda: workshop.agenda.map((item) => ({
          id: item.id,
          topic: topicText(item, t),
          method: methodText(item, t),
          minutes: item.minutes,
        })),
        runs: workshop.runs,
        votes: workshop.sessions.map((session) => ({
          id: session.id,
          title: session.title,
          boardId: session.boardId,
          startedAt: session.startedAt,
          votesPerPerson: session.votesPerPerson,
          voterCount: session.voterCount ?? 0,
          results: (session.results ?? []).map((result) => ({
            name: labels.current.get(session.boardId)?.get(result.itemId),
            votes: result.votes,
          })),
        })),
        plenary: plenary!,
        breakouts,
        figures: figureRefs.current,
        words: reportWords(t, language.code),
      })
      setComposed(composed)
      window.__cgFigurePng = async (id) => {
        const image = figurePngs.current.get(id)
        return image ? { base64: await toBase64(image.blob), width: image.width, height: image.height } : null
      }
      whenFontsReady({
        pages: composed.blocks.flatMap((b) => (b.kind === 'heading' ? [b.text] : [])),
        document: composed,
      })
    } catch (error) {
      report({ error: String(error) })
    }
  }, [done, workshop, targets, options.report, language.code, t])

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
        pages.current.map((page, n) => (
          <section className="cg-print-page" key={n}>
            <h1>
              <bdi>{page.title}</bdi>
            </h1>
            <div className="cg-print-figure" dangerouslySetInnerHTML={{ __html: page.svg }} />
          </section>
        ))}
      {composedReport && (
        <ReportDocumentView report={composedReport} figureSvg={(id) => figureSvgs.current.get(id) ?? ''} />
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
