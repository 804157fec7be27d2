import type { Editor, TLShapeId, TLStore } from 'tldraw'
import { broughtBackBoards, type ContentBoard, type FigureRef } from '@cg/report'
import type { LanguageCode } from '@cg/contract'
import { framesInReadingOrder } from '../../board/frameOrder.ts'
import { scaffoldShownText } from '../../board/shapes/scaffoldShown.ts'
import { $templateCatalog } from '../../board/shapes/templateCatalogAtom.ts'
import type { MessageKey } from '../../i18n/messages.ts'
import { annexFigures } from './annexFigures.ts'
import { readEditorContent } from './readEditorContent.ts'
import { reportProgress, type FigurePng } from './printProtocol.ts'
import { svgToPng, withoutEmbeddedFonts } from './svgImages.ts'
import type { PrintTarget } from './workshopRecord.ts'

/** The smallest scale a board prints at in the report, so a note's text stays readable (~8 pt): larger is cut. */
const READABLE_MM_PER_UNIT = 0.125

/** A page of the board part: one frame (or the overview) as tldraw's SVG. */
export interface FigurePage {
  title: string
  svg: string
}

/** A board loaded for printing, with the facilitator's slides if it was presented. */
export interface LoadedBoard {
  target: PrintTarget
  store: TLStore
  slides: string[] | null
}

/** What the print view gathers board by board, kept until every board is read. */
export class PrintCollection {
  /** A board's PDF: its pages. */
  readonly pages: FigurePage[] = []
  /** A report: each board's shape texts, by board id, to name what was voted on. */
  readonly labels = new Map<string, Map<string, string>>()
  /** A report: each board's content, by board id. */
  readonly contents = new Map<string, ContentBoard>()
  /** A report's annex pictures, in order, and each as SVG (a PDF) or PNG (a Word document). */
  readonly figureRefs: FigureRef[] = []
  readonly figureSvgs = new Map<string, string>()
  readonly figurePngs = new Map<string, FigurePng>()
}

/** Frames in presentation order (the facilitator's slides, if any), else in reading order, page by page. */
function presentationOrder(editor: Editor, slides: string[] | null, rtl: boolean): TLShapeId[] {
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

/** A board's pages, one per frame after an optional overview, as the per-board PDF has them. */
export async function drawBoardPages(
  editor: Editor,
  board: LoadedBoard,
  collected: PrintCollection,
  options: { overview: boolean; language: LanguageCode; rtl: boolean },
): Promise<void> {
  const jobs: { title: string; ids: TLShapeId[] }[] = []
  const all = [...editor.getCurrentPageShapeIds()]
  if (options.overview && all.length > 0) jobs.push({ title: board.target.section, ids: all })
  for (const id of presentationOrder(editor, board.slides, options.rtl)) {
    const frame = editor.getShape(id)
    const name = frame && (scaffoldShownText(frame, options.language) ?? (frame.props as { name?: string }).name)
    jobs.push({ title: name || board.target.section, ids: [id] })
  }
  reportProgress({ total: jobs.length })
  for (const job of jobs) {
    const result = await editor.getSvgString(job.ids, { background: true, padding: 24, darkMode: false })
    collected.pages.push({ title: job.title, svg: withoutEmbeddedFonts(result?.svg ?? '') })
    reportProgress({ done: collected.pages.length })
  }
}

/** A board's part of the report: its content as text, the names of what was voted on, its annex pictures. */
export async function readBoardForReport(
  editor: Editor,
  board: LoadedBoard,
  collected: PrintCollection,
  options: {
    plenaryId: string
    language: LanguageCode
    rtl: boolean
    /** The size of a picture on the page, in millimetres. */
    figure: { w: number; h: number }
    /** A Word document embeds PNG pictures; a PDF prints the SVG (text stays text). */
    docx: boolean
    t: (key: MessageKey) => string
  },
): Promise<void> {
  const { language, rtl, figure, t } = options
  const catalog = $templateCatalog.get()
  const reading = { editor, catalog, language }
  const content = readEditorContent(
    reading,
    {
      id: board.target.id,
      title: board.target.section,
      ...(board.target.createdAt ? { createdAt: board.target.createdAt } : {}),
    },
    rtl,
  )
  collected.contents.set(board.target.id, content)
  const names = new Map<string, string>()
  for (const record of Object.values(board.store.serialize('document'))) {
    if (record.typeName !== 'shape') continue
    const text = (scaffoldShownText(record, language) ?? editor.getShapeUtil(record).getText(record))?.trim()
    if (text) names.set(record.id, text)
  }
  collected.labels.set(board.target.id, names)
  // A group brought back to the plenary is pictured there: its own board gets no pictures.
  const plenary = collected.contents.get(options.plenaryId)
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
  reportProgress({ total: collected.figureRefs.length + figures.length })
  for (const annex of figures) {
    const exportOptions = { bounds: annex.bounds, padding: 0, background: true, darkMode: false }
    const svg = await editor.getSvgString(annex.shapeIds, exportOptions)
    if (svg && options.docx) {
      const png = await svgToPng(svg)
      if (png) collected.figurePngs.set(annex.ref.id, png)
    } else collected.figureSvgs.set(annex.ref.id, withoutEmbeddedFonts(svg?.svg ?? ''))
    collected.figureRefs.push(annex.ref)
    reportProgress({ done: collected.figureRefs.length })
  }
}
