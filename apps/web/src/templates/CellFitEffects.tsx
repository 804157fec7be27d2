import { useEffect } from 'react'
import { useEditor, type Editor, type TLNoteShape, type TLShapeId } from 'tldraw'
import { fitInCell } from './fitInCell.ts'

/** Fits one note into the template cell under its centre, if it is in one and does not fit. */
function fitNote(editor: Editor, id: TLShapeId): void {
  const note = editor.getShape<TLNoteShape>(id)
  if (note?.type !== 'note') return
  const bounds = editor.getShapePageBounds(note)
  if (!bounds) return
  const cell = editor
    .getShapesAtPoint(bounds.center, { hitInside: true })
    .find((shape) => shape.meta.part === 'grid-cell')
  const cellBounds = cell && editor.getShapePageBounds(cell)
  if (!cellBounds) return
  const fitted = fitInCell({ ...bounds.toJson(), scale: note.props.scale }, cellBounds)
  if (!fitted) return
  const inParent = editor.getPointInParentSpace(note, { x: fitted.x, y: fitted.y })
  editor.updateShape<TLNoteShape>({ id, type: 'note', x: inParent.x, y: inParent.y, props: { scale: fitted.scale } })
}

/**
 * A sticky note put into a template cell (a logframe's indicators, a risk map's level) is fitted to the cell, at
 * creation and when it is dropped there, so it does not spill over its neighbours on screen or in the PDF.
 */
export function CellFitEffects() {
  const editor = useEditor()
  useEffect(() => {
    // Same step as the creation: one undo removes the note, not first its fitting.
    const stopCreate = editor.sideEffects.registerAfterCreateHandler('shape', (shape, source) => {
      if (source === 'user' && shape.type === 'note') fitNote(editor, shape.id)
    })
    // A drop ends with the pointer going up; the move (and the reparenting into the frame) is done by then.
    const onEvent = (info: { type: string; name: string }) => {
      if (info.type !== 'pointer' || info.name !== 'pointer_up') return
      const moved = editor.getSelectedShapeIds()
      if (moved.length === 0 || moved.length > 50) return
      editor.timers.setTimeout(() => editor.run(() => moved.forEach((id) => fitNote(editor, id))), 0)
    }
    editor.on('event', onEvent)
    return () => {
      stopCreate()
      editor.off('event', onEvent)
    }
  }, [editor])
  return null
}
