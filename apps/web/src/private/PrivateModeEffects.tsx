import { useEffect } from 'react'
import { useEditor, type TLShape } from 'tldraw'
import type * as Y from 'yjs'
import { CODRAFT_SHAPE_TYPE } from '@cg/codraft'
import { readDocRecords } from '@cg/tldraw-yjs'
import { useCodraftContext } from '../board/shapes/CodraftContext.ts'
import { announce, PRIVATE_NOTES_FIELD } from '../board/workshop/presenceReports.ts'
import { useDocValue } from '../board/workshop/useDocValue.ts'
import { useWorkshop } from '../board/workshop/WorkshopContext.ts'
import { useMakesPrivateDrafts } from './privateDrafting.ts'

const isPrivateShape = (shape: TLShape | undefined) => shape?.meta.private === true

const countPrivateShapes = (doc: Y.Doc | null) =>
  doc ? [...readDocRecords(doc).values()].filter((record) => (record as TLShape).typeName === 'shape').length : 0

/**
 * While private mode is on, what a participant creates is marked private at birth, so the board binding
 * never sends it: it goes to their private room only, until the facilitator reveals it. An arrow attached to
 * a private note is private too, or it would point at something others do not have.
 */
export function PrivateModeEffects() {
  const editor = useEditor()
  const { role, me, privateDoc } = useWorkshop()
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

  // How many private notes this person holds (not what they say), for the facilitator's count before revealing:
  // read from their private room, which holds exactly their unrevealed drafts (not from the whole board).
  const awareness = useCodraftContext()?.awareness
  const privateCount = useDocValue(privateDoc, countPrivateShapes)
  useEffect(() => {
    if (awareness && role === 'editor') announce(awareness, PRIVATE_NOTES_FIELD, privateCount > 0 ? privateCount : null)
  }, [awareness, role, privateCount])

  return null
}
