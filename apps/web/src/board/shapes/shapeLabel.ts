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

/**
 * What a vote is held on: the selected shapes, or the contents of a selected frame. Template scaffold
 * (locked headings and cells) is left out, people vote on contributions, not on the grid; except the cells a
 * template marks as voting targets (the sectors of "Sector prioritisation"), which are what its vote is about.
 */
export function votableItems(editor: Editor): TLShapeId[] {
  const selected = editor.getSelectedShapes()
  const pool =
    selected.length === 1 && selected[0]!.type === 'frame'
      ? editor.getSortedChildIdsForParent(selected[0]!.id).map((id) => editor.getShape(id)!)
      : selected
  return pool
    .filter((shape) => (!shape.isLocked || shape.meta.voteTarget === true) && shape.type !== 'frame')
    .map((shape) => shape.id)
}
