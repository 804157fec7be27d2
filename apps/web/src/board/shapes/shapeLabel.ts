import type { Editor, TLShapeId } from 'tldraw'
import type { LanguageCode } from '@cg/contract'
import { scaffoldShownText } from './scaffoldShown.ts'

/**
 * A short human label for a shape (its text, else its kind), for result lists and accessible names; template
 * scaffold (a sector box being voted on) in the reader's `language`, as it is drawn for them.
 */
export function shapeLabel(editor: Editor, id: TLShapeId, fallback: string, language?: LanguageCode): string {
  const shape = editor.getShape(id)
  if (!shape) return fallback
  const text = ((language && scaffoldShownText(shape, language)) ?? editor.getShapeUtil(shape).getText(shape))?.trim()
  if (text) return text.length > 80 ? `${text.slice(0, 79)}…` : text
  if (shape.type === 'frame') return (shape.props as { name?: string }).name || fallback
  return fallback
}
