import type { Editor, TLShapeId } from 'tldraw'

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
