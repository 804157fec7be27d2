import { getAssetUrlsByImport } from '@tldraw/assets/imports.vite'
import { useEffect, useRef, useState } from 'react'
import { Tldraw, type Editor, type TLShapeId, type TLStore } from 'tldraw'
import 'tldraw/tldraw.css'
import { readVotingSessions, readWorkshop, type VotingSession } from '@cg/facilitation'
import { isLanguageCode, type PrintOptions, printOptionsFromHash, roomName } from '@cg/contract'
import { fetchBoard, fetchBreakouts, fetchClientConfig, fetchTemplateCatalog } from '../api.ts'
import { BoardConnection } from '../board/BoardConnection.ts'
import { BoardSession, boardShapeUtils } from '../board/BoardSession.ts'
import { tokenFromHash } from '../boardLink.ts'
import { useI18n } from '../i18n/I18nProvider.tsx'
import { scaffoldShownText } from '../templates/scaffoldShown.ts'
import { $templateCatalog } from '../templates/templateCatalogAtom.ts'
import { framesInReadingOrder } from '../workshop/frameOrder.ts'
import { pageSizeMm } from './pageSize.ts'
import { ReportPages, type ReportInfo } from './ReportPages.tsx'

const assetUrls = getAssetUrlsByImport()
const MARGIN_MM = 10
const TITLE_MM = 14

/** A page of the board part: one frame (or the overview) as tldraw's SVG. */
export interface FigurePage {
  title: string
  /** The board it comes from, for the report's contents. */
  section: string
  svg: string
}

/** A board to print, with the name its section carries in a report. */
interface PrintTarget {
  id: string
  section: string
}

interface LoadedBoard {
  target: PrintTarget
  title: string
  store: TLStore
  slides: string[] | null
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
 * A board, or a whole workshop, laid out for printing: one page per frame titled with its name, after an optional
 * overview; a report adds a cover, contents, every breakout board and the vote tallies. Shapes are tldraw's own
 * SVG export, so text stays text (selectable, searchable, shaped by the browser, Arabic included) and fonts are
 * embedded. Headless Chromium prints this page to PDF on the server.
 */
export function PrintPage({ boardId }: { boardId: string }) {
  const { t, language, setLanguage } = useI18n()
  const [options] = useState<PrintOptions>(() => printOptionsFromHash(location.hash))
  const [token] = useState(() => tokenFromHash(location.hash) ?? '')
  const [targets, setTargets] = useState<PrintTarget[] | null>(null)
  const [index, setIndex] = useState(0)
  const [loaded, setLoaded] = useState<LoadedBoard | null>(null)
  const [licenseKey, setLicenseKey] = useState<string | null>(null)
  const figures = useRef<FigurePage[]>([])
  const labels = useRef(new Map<string, Map<string, string>>())
  const [info, setInfo] = useState<ReportInfo | null>(null)
  const [done, setDone] = useState(false)

  useEffect(() => {
    if (isLanguageCode(options.lang)) setLanguage(options.lang)
  }, [options.lang, setLanguage])

  // What to print: the board, or for a report the plenary and its breakouts, with the workshop state.
  useEffect(() => {
    report({})
    let workshop: BoardConnection | undefined
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
      workshop = new BoardConnection(
        roomName({ channel: 'facilitation', boardId: board.value.parentId ?? boardId }),
        token,
        { cache: false, announce: false },
      )
      setLicenseKey(config.ok ? config.value.tldrawLicenseKey : null)
      const list: PrintTarget[] = [{ id: boardId, section: board.value.title }]
      if (options.report) {
        const found = await fetchBreakouts(boardId, token)
        const breakouts = found.ok ? found.value.boards : []
        list.push(...breakouts.map((breakout) => ({ id: breakout.id, section: breakout.title })))
        await workshop!.ready()
        setInfo({
          title: board.value.title,
          attendance: readWorkshop(workshop!.doc, 'attendance'),
          groups: breakouts.map((breakout) => breakout.title),
          sessions: readVotingSessions(workshop!.doc).filter((session: VotingSession) => session.status === 'ended'),
          slides: readWorkshop(workshop!.doc, 'slides'),
        })
      } else {
        await workshop!.ready()
        setInfo({
          title: board.value.title,
          attendance: [],
          groups: [],
          sessions: [],
          slides: readWorkshop(workshop!.doc, 'slides'),
        })
      }
      setTargets(list)
    })().catch((error: unknown) => report({ error: String(error) }))
    return () => workshop?.destroy()
  }, [boardId, token, options.report])

  // One board at a time: load it, let a hidden editor draw it, keep its pages, go on to the next.
  useEffect(() => {
    if (!targets || !info) return
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
        if (cancelled || !binding) return
        setLoaded({
          target,
          title: target.section,
          store: opened.store,
          slides: info.slides?.boardId === target.id ? info.slides.frameIds : null,
        })
      },
      (error: unknown) => report({ error: String(error) }),
    )
    return () => {
      cancelled = true
      opened.destroy()
    }
  }, [targets, info, index, token])

  async function render(editor: Editor, board: LoadedBoard) {
    try {
      const rtl = document.documentElement.dir === 'rtl'
      const frames = frameOrder(editor, board.slides, rtl)
      const jobs: { title: string; ids: TLShapeId[] }[] = []
      const all = [...editor.getCurrentPageShapeIds()]
      if (options.overview && all.length > 0) jobs.push({ title: board.title, ids: all })
      for (const id of frames) {
        const frame = editor.getShape(id)
        const name = frame && (scaffoldShownText(frame, language.code) ?? (frame.props as { name?: string }).name)
        jobs.push({ title: name || board.title, ids: [id] })
      }
      // Item names for the vote tallies, read while this board's editor is here.
      const names = new Map<string, string>()
      for (const record of Object.values(board.store.serialize('document'))) {
        if (record.typeName !== 'shape') continue
        const text = (scaffoldShownText(record, language.code) ?? editor.getShapeUtil(record).getText(record))?.trim()
        if (text) names.set(record.id, text)
      }
      labels.current.set(board.target.id, names)
      const before = figures.current.length
      report({ total: before + jobs.length })
      for (const job of jobs) {
        const result = await editor.getSvgString(job.ids, { background: true, padding: 24, darkMode: false })
        figures.current.push({ title: job.title, section: board.target.section, svg: result?.svg ?? '' })
        report({ done: figures.current.length })
      }
      setLoaded(null)
      setIndex((n) => n + 1)
    } catch (error) {
      report({ error: String(error) })
    }
  }

  useEffect(() => {
    if (done) requestAnimationFrame(() => report({ ready: true, pages: figures.current.map((page) => page.title) }))
  }, [done])

  const size = pageSizeMm(options)
  const figure = { w: size.w - 2 * MARGIN_MM, h: size.h - 2 * MARGIN_MM - TITLE_MM }
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
        .cg-print-canvas { position: fixed; left: -20000px; top: 0; width: 1200px; height: 800px; }
      `}</style>
      {done && info && (
        <ReportPages options={options} info={info} figures={figures.current} labels={labels.current} t={t} />
      )}
      {loaded && !done && (
        <div className="cg-print-canvas" aria-hidden="true">
          <Tldraw
            key={loaded.target.id}
            store={loaded.store}
            shapeUtils={boardShapeUtils}
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
