import { useEffect } from 'react'
import { useEditor, type TLShape } from 'tldraw'
import { useWorkshopField } from './useDocValue.ts'
import { useWorkshop } from './WorkshopContext.ts'

const isPrivateShape = (shape: TLShape | undefined) => shape?.meta.private === true

/**
 * While private mode is on, what a participant creates is marked private at birth, so the board binding
 * never sends it: it goes to their private room only, until the facilitator reveals it. An arrow attached to
 * a private note is private too, or it would point at something others do not have.
 */
export function PrivateModeEffects() {
  const editor = useEditor()
  const { role, me, privateDoc } = useWorkshop()
  const privateMode = useWorkshopField('privateMode')
  const active = privateMode.on && role === 'editor' && privateDoc !== null

  useEffect(() => {
    if (!active) return
    const stopShapes = editor.sideEffects.registerBeforeCreateHandler('shape', (shape, source) =>
      source === 'user' ? { ...shape, meta: { ...shape.meta, private: true, authorName: me.name } } : shape,
    )
    const stopBindings = editor.sideEffects.registerBeforeCreateHandler('binding', (binding, source) => {
      if (source !== 'user') return binding
      const attached = isPrivateShape(editor.getShape(binding.fromId)) || isPrivateShape(editor.getShape(binding.toId))
      return attached ? { ...binding, meta: { ...binding.meta, private: true } } : binding
    })
    return () => {
      stopShapes()
      stopBindings()
    }
  }, [editor, active, me.name])

  return null
}
