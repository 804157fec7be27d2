import { useEffect } from 'react'
import {
  useEditor,
  type Editor,
  type TLFrameShape,
  type TLNoteShape,
  type TLShapeId,
  type TLShapePartial,
  type VecLike,
} from 'tldraw'
import { placeInCell, planRowGrowth } from '@cg/templates'
import { withScaffoldEditing } from './ScaffoldLock.tsx'

/**
 * Places one note in the template cell under `at` (where the person clicked or let go; else the note's centre),
 * if there is one: fitted to the cell, clear of the cell's other notes, the row grown to hold it (see placeInCell).
 */
function placeNote(editor: Editor, id: TLShapeId, at?: VecLike): void {
  const note = editor.getShape<TLNoteShape>(id)
  if (note?.type !== 'note') return
  const bounds = editor.getShapePageBounds(note)
  if (!bounds) return
  const cell = editor
    .getShapesAtPoint(at ?? bounds.center, { hitInside: true })
    .find((shape) => shape.meta.part === 'grid-cell')
  const cellBounds = cell && editor.getShapePageBounds(cell)
  if (!cell || !cellBounds) return
  const others = editor
    .getSortedChildIdsForParent(cell.parentId)
    .map((childId) => editor.getShape(childId)!)
    .filter((shape) => shape.type === 'note' && shape.id !== id)
    .flatMap((shape) => editor.getShapePageBounds(shape) ?? [])
    .filter((box) => cellBounds.containsPoint(box.center))
  const placed = placeInCell({ ...bounds.toJson(), scale: note.props.scale }, cellBounds, others)
  if (!placed) return
  const inParent = editor.getPointInParentSpace(note, { x: placed.x, y: placed.y })
  editor.updateShape<TLNoteShape>({ id, type: 'note', x: inParent.x, y: inParent.y, props: { scale: placed.scale } })
  const frame = editor.getShape<TLFrameShape>(cell.parentId as TLShapeId)
  if (placed.growBy === 0 || frame?.type !== 'frame' || typeof cell.meta.row !== 'string') return
  const children = editor.getSortedChildIdsForParent(frame.id).map((childId) => editor.getShape(childId)!)
  // The note's own new place is below the row's old bottom, but it belongs to the row: it stays.
  const growth = planRowGrowth(
    frame,
    children.filter((shape) => shape.id !== id),
    cell.meta.row,
    placed.growBy,
  )
  if (!growth) return
  // Growing the grid is a sanctioned change of the scaffold, past the participants' lock.
  withScaffoldEditing(() =>
    editor.run(
      () => {
        editor.updateShapes([
          ...growth.resizes.map(({ id: shapeId, type, h }) => ({ id: shapeId, type, props: { h } })),
          ...growth.moves,
        ] as TLShapePartial[])
        editor.updateShape<TLFrameShape>({ id: frame.id, type: 'frame', props: { h: growth.frameHeight } })
      },
      { ignoreShapeLock: true },
    ),
  )
}

/**
 * A sticky note put into a template cell (a logframe's indicators, a risk map's level) is fitted to the cell once
 * it has been written in and when it is dropped there, so it does not spill over its neighbours on screen or in the PDF; a
 * cell that holds several grows, its row with it, and the grid stays aligned.
 */
export function CellFitEffects() {
  const editor = useEditor()
  useEffect(() => {
    // A note is placed when someone finishes writing in it (a new note is written in at once): the tools are done
    // with it by then (the note tool centres a new note on the pointer after making it) and its text, hence its
    // height, is final. Notes made any other way (pasted, imported, brought back from a breakout) stay as they come.
    // Where the note tool was clicked: the note is centred there only once tldraw has measured it, so its own
    // centre may still lie in the cell below.
    const clickedAt = new Map<TLShapeId, VecLike>()
    const stopCreate = editor.sideEffects.registerAfterCreateHandler('shape', (shape, source) => {
      if (source === 'user' && shape.type === 'note' && editor.isIn('note'))
        clickedAt.set(shape.id, editor.inputs.getOriginPagePoint().clone())
    })
    const stopEditing = editor.sideEffects.registerAfterChangeHandler('instance_page_state', (prev, next) => {
      const written = prev.editingShapeId
      if (!written || written === next.editingShapeId) return
      const at = clickedAt.get(written)
      clickedAt.delete(written)
      editor.timers.setTimeout(() => editor.run(() => placeNote(editor, written, at)), 0)
    })
    // A drop: the pointer goes up at the end of a drag (events are told after the editor handled them, so what was
    // dragged is read on the moves before). Selecting notes without moving them leaves them be.
    let dragged: TLShapeId[] = []
    const onEvent = (info: { type: string; name: string }) => {
      if (info.type !== 'pointer') return
      if (info.name === 'pointer_move') dragged = editor.isIn('select.translating') ? editor.getSelectedShapeIds() : []
      if (info.name !== 'pointer_up' || dragged.length === 0 || dragged.length > 50) return
      const toPlace = dragged
      dragged = []
      // One note goes into the cell it was let go over; several, each into the cell under its centre.
      const at = toPlace.length === 1 ? editor.inputs.getCurrentPagePoint().clone() : undefined
      // After what the select tool still does on this pointer-up (dropping into a frame).
      editor.timers.setTimeout(() => editor.run(() => toPlace.forEach((id) => placeNote(editor, id, at))), 0)
    }
    editor.on('event', onEvent)
    return () => {
      stopCreate()
      stopEditing()
      editor.off('event', onEvent)
    }
  }, [editor])
  return null
}
