import { useEffect, useRef } from 'react'
import { useEditor } from 'tldraw'
import { ShapeMeta } from '@cg/contract'
import { useWorkshop } from '../board/workshop/WorkshopContext.ts'

/**
 * Notes what time (server time) each shape someone makes was made, so the report can place it under the agenda
 * item that was running then. A copy keeps its original's time: it is the same piece of work.
 */
export function CreationTimeEffects() {
  const editor = useEditor()
  const { role, serverNow } = useWorkshop()
  // The clock is read when a shape is made; a new clock function each render must not re-register the handler.
  const clock = useRef(serverNow)
  clock.current = serverNow
  useEffect(() => {
    if (role === 'viewer') return
    return editor.sideEffects.registerBeforeCreateHandler('shape', (shape, source) =>
      source === 'user' && shape.meta[ShapeMeta.createdAt] === undefined
        ? { ...shape, meta: { ...shape.meta, [ShapeMeta.createdAt]: Math.round(clock.current()) } }
        : shape,
    )
  }, [editor, role])
  return null
}
