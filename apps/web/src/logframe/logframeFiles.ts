import type { Editor, TLFrameShape, TLRichText, TLShapeId } from 'tldraw'
import type { Logframe, LogframeParse, SectorName } from '@cg/logframe'
import { plainText, readGridTable, type Template } from '@cg/templates'
import { saveFile } from '../shared/saveFile.ts'
import { scaffoldShownText } from '../board/shapes/scaffoldShown.ts'
import type { LanguageCode } from '@cg/contract'

/** The spreadsheet code (exceljs) is large: it is fetched the first time someone exports or imports a logframe. */
const loadLogframe = () => import('@cg/logframe')

export const LOGFRAME_TEMPLATE_ID = 'logframe'

/**
 * The logframe grid in a frame, read from the board with the editor's real shape bounds; its title as `language`
 * reads it (a template title nobody retyped is the template's, in that language).
 */
export async function readLogframe(
  editor: Editor,
  frameId: TLShapeId,
  template: Template,
  language: LanguageCode,
): Promise<Logframe> {
  const { logframeFromGrid } = await loadLogframe()
  const frame = editor.getShape<TLFrameShape>(frameId)
  const children = editor.getSortedChildIdsForParent(frameId).map((id) => editor.getShape(id)!)
  const table = readGridTable(children, template, 'logframe', (shape) => {
    const bounds = editor.getShapeGeometry(shape).bounds
    return { x: shape.x, y: shape.y, w: bounds.w, h: bounds.h }
  })
  // The title is the template's title text on the board (people rename it), else the frame's name.
  const titleShape = children.find((shape) => shape.meta.element === 'title')
  const titleText = titleShape
    ? (
        scaffoldShownText(titleShape, language) ?? plainText((titleShape.props as { richText?: TLRichText }).richText)
      ).trim()
    : ''
  return logframeFromGrid(table, titleText || frame?.props.name || 'Logframe')
}

const safeName = (title: string) =>
  title
    .replace(/[^\p{L}\p{N} _-]+/gu, '')
    .trim()
    .replace(/\s+/g, '-') || 'logframe'

export async function downloadLogframe(
  logframe: Logframe,
  format: 'xlsx' | 'csv',
  language: LanguageCode,
  sectors: readonly SectorName[],
): Promise<void> {
  const { logframeToCsv, logframeToXlsx } = await loadLogframe()
  if (format === 'xlsx') {
    const bytes = await logframeToXlsx(logframe, language, sectors)
    const type = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
    saveFile(new Blob([bytes as BlobPart], { type }), `${safeName(logframe.title)}.xlsx`)
  } else {
    const csv = logframeToCsv(logframe, language, sectors)
    saveFile(new Blob([csv], { type: 'text/csv;charset=utf-8' }), `${safeName(logframe.title)}.csv`)
  }
}

/** Reads a dropped or chosen file as a logframe: Excel by its extension or signature, else CSV. */
export async function parseLogframeFile(
  file: File,
  sectors: readonly SectorName[],
  title: string,
): Promise<LogframeParse> {
  const { csvToLogframe, xlsxToLogframe } = await loadLogframe()
  const bytes = new Uint8Array(await file.arrayBuffer())
  const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b
  if (isZip || /\.xlsx$/i.test(file.name)) return xlsxToLogframe(bytes, { sectors, title })
  // Excel saves "CSV" in the system's code page (Windows-1252 for French and Spanish), not always UTF-8.
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    text = new TextDecoder('windows-1252').decode(bytes)
  }
  return csvToLogframe(text, { sectors, title })
}
