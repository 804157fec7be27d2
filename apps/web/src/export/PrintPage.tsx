import { getAssetUrlsByImport } from '@tldraw/assets/imports.vite'
import { useEffect, useState } from 'react'
import { Tldraw, createTLStore, defaultShapeUtils, type Editor, type TLShapeId } from 'tldraw'
import 'tldraw/tldraw.css'
import { readWorkshop, roomName } from '@cg/facilitation'
import { bindStoreToYDoc, consoleLog } from '@cg/tldraw-yjs'
import { fetchBoard, fetchClientConfig, type BoardInfo } from '../api.ts'
import { BoardConnection } from '../BoardConnection.ts'
import { tokenFromHash } from '../boardLink.ts'
import { CodraftShapeUtil } from '../codraft/CodraftShapeUtil.tsx'
import { registerCodraftDoc } from '../codraft/codraftTextSource.ts'
import { CodraftContext, type CodraftContextValue } from '../codraft/CodraftContext.ts'
import { framesInReadingOrder } from '../workshop/frameOrder.ts'
import { isSharedRecord } from '../workshop/workshopRooms.ts'
import { pageSizeMm, printOptionsFromHash, type PrintOptions } from './printOptions.ts'

const assetUrls = getAssetUrlsByImport()
const shapeUtils = [CodraftShapeUtil]
const MARGIN_MM = 10
const TITLE_MM = 14

interface PrintedPage {
  title: string
  svg: string
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
 * The board laid out for printing: one page per frame, titled with its name, after an optional overview.
 * Shapes are tldraw's own SVG export, so text stays text (selectable, searchable, shaped by the browser, Arabic
 * included) and fonts are embedded. Headless Chromium prints this page to PDF on the server.
 */
export function PrintPage({ boardId }: { boardId: string }) {
  const [options] = useState<PrintOptions>(() => printOptionsFromHash(location.hash))
  const [token] = useState(() => tokenFromHash(location.hash) ?? '')
  const [session, setSession] = useState<{
    board: BoardInfo
    store: ReturnType<typeof createTLStore>
    codraft: CodraftContextValue
    slides: string[] | null
    licenseKey: string | null
  } | null>(null)
  const [pages, setPages] = useState<PrintedPage[] | null>(null)

  useEffect(() => {
    report({})
    let cancelled = false
    const connection = new BoardConnection(boardId, token)
    const workshop = new BoardConnection(roomName({ channel: 'facilitation', boardId }), token)
    void (async () => {
      const [board, config] = await Promise.all([fetchBoard(boardId, token), fetchClientConfig()])
      if (!board.ok) return report({ error: `board: ${board.code}` })
      await connection.ready()
      if (cancelled) return
      const store = createTLStore({ shapeUtils: [...defaultShapeUtils, ...shapeUtils] })
      bindStoreToYDoc(store, connection.doc, { log: consoleLog, owns: isSharedRecord })
      registerCodraftDoc(store.id, connection.doc)
      const slides = readWorkshop(workshop.doc, 'slides')
      setSession({
        board: board.value,
        store,
        codraft: { doc: connection.doc, awareness: connection.provider.awareness },
        slides: slides?.boardId === boardId ? slides.frameIds : null,
        licenseKey: config.ok ? config.value.tldrawLicenseKey : null,
      })
    })()
    return () => {
      cancelled = true
      connection.destroy()
      workshop.destroy()
    }
  }, [boardId, token])

  async function render(editor: Editor) {
    try {
      const rtl = document.documentElement.dir === 'rtl'
      const frames = frameOrder(editor, session!.slides, rtl)
      const jobs: { title: string; ids: TLShapeId[] }[] = []
      const all = [...editor.getCurrentPageShapeIds()]
      if (options.overview && all.length > 0) jobs.push({ title: session!.board.title, ids: all })
      for (const id of frames) {
        const frame = editor.getShape(id)
        jobs.push({ title: (frame?.props as { name?: string }).name || session!.board.title, ids: [id] })
      }
      report({ total: jobs.length, done: 0 })
      const printed: PrintedPage[] = []
      for (const job of jobs) {
        const result = await editor.getSvgString(job.ids, { background: true, padding: 24, darkMode: false })
        printed.push({ title: job.title, svg: result?.svg ?? '' })
        report({ done: printed.length })
      }
      setPages(printed)
    } catch (error) {
      report({ error: String(error) })
    }
  }

  useEffect(() => {
    if (pages) requestAnimationFrame(() => report({ ready: true, pages: pages.map((page) => page.title) }))
  }, [pages])

  const size = pageSizeMm(options)
  const figure = { w: size.w - 2 * MARGIN_MM, h: size.h - 2 * MARGIN_MM - TITLE_MM }
  return (
    <>
      <style>{`
        @page { size: ${size.w}mm ${size.h}mm; margin: ${MARGIN_MM}mm; }
        html, body { margin: 0; background: #fff; }
        .cg-print-page { width: ${figure.w}mm; height: ${size.h - 2 * MARGIN_MM}mm; overflow: hidden; }
        .cg-print-page + .cg-print-page { break-before: page; }
        .cg-print-page h1 { font: 600 16pt/1.2 system-ui, sans-serif; margin: 0 0 4mm; height: ${TITLE_MM - 4}mm; overflow: hidden; }
        .cg-print-figure { width: ${figure.w}mm; height: ${figure.h}mm; }
        .cg-print-figure { overflow: hidden; }
        .cg-print-figure svg { display: block; width: 100%; height: 100%; }
        .cg-print-canvas { position: fixed; left: -20000px; top: 0; width: 1200px; height: 800px; }
      `}</style>
      {pages?.map((page, index) => (
        <section className="cg-print-page" key={index}>
          <h1>
            <bdi>{page.title}</bdi>
          </h1>
          <div className="cg-print-figure" dangerouslySetInnerHTML={{ __html: page.svg }} />
        </section>
      ))}
      {session && !pages && (
        <div className="cg-print-canvas" aria-hidden="true">
          <CodraftContext.Provider value={session.codraft}>
            <Tldraw
              store={session.store}
              shapeUtils={shapeUtils}
              assetUrls={assetUrls}
              hideUi
              onMount={(editor) => {
                editor.updateInstanceState({ isReadonly: true })
                void render(editor)
              }}
              {...(session.licenseKey ? { licenseKey: session.licenseKey } : {})}
            />
          </CodraftContext.Provider>
        </div>
      )}
    </>
  )
}
