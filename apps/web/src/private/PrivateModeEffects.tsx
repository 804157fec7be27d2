import { useEffect } from 'react'
import { useEditor, type TLShape } from 'tldraw'
import { CODRAFT_SHAPE_TYPE } from '@cg/codraft'
import { useCodraftContext } from '../board/shapes/CodraftContext.ts'
import { useWorkshop } from '../board/workshop/WorkshopContext.ts'
import { useMakesPrivateDrafts } from './privateDrafting.ts'
import { usePrivateNotesReport } from './usePrivateNotesReport.ts'

const isPrivateShape = (shape: TLShape | undefined) => shape?.meta.private === true

/**
 * While private mode is on, what a participant creates is marked private at birth, so the board binding
 * never sends it: it goes to their private room only, until the facilitator reveals it. An arrow attached to
 * a private note is private too, or it would point at something others do not have.
 */
export function PrivateModeEffects() {
  const editor = useEditor()
  const { me } = useWorkshop()
  const active = useMakesPrivateDrafts()

  useEffect(() => {
    if (!active) return
    // A block to write together is shared by nature (its text lives in the board's doc), so it stays public.
    const stopShapes = editor.sideEffects.registerBeforeCreateHandler('shape', (shape, source) =>
      source === 'user' && shape.type !== CODRAFT_SHAPE_TYPE
        ? { ...shape, meta: { ...shape.meta, private: true, authorName: me.name } }
        : shape,
    )
    // A shared shape never moves into a private one (a private frame drawn around notes would take them
    // along): others would then hold a shape whose parent they do not have, and stop seeing it.
    const stopReparenting = editor.sideEffects.registerBeforeChangeHandler('shape', (prev, next, source) => {
      if (source !== 'user' || next.parentId === prev.parentId || isPrivateShape(next)) return next
      const parent = editor.getShape(next.parentId as TLShape['id'])
      return isPrivateShape(parent) ? { ...next, parentId: prev.parentId, x: prev.x, y: prev.y } : next
    })
    const stopBindings = editor.sideEffects.registerBeforeCreateHandler('binding', (binding, source) => {
      if (source !== 'user') return binding
      const attached = isPrivateShape(editor.getShape(binding.fromId)) || isPrivateShape(editor.getShape(binding.toId))
      return attached ? { ...binding, meta: { ...binding.meta, private: true } } : binding
    })
    return () => {
      stopShapes()
      stopReparenting()
      stopBindings()
    }
  }, [editor, active, me.name])

  usePrivateNotesReport(useCodraftContext()?.awareness)

  return null
}
