import { useCallback, useRef, useSyncExternalStore } from 'react'
import type * as Y from 'yjs'
import { readWorkshop, type WorkshopField, type WorkshopValue } from '@cg/facilitation'
import { jsonEqual } from '@cg/tldraw-yjs/jsonEqual'
import { useWorkshop } from './WorkshopContext.ts'

/**
 * A value read from a Y.Doc that re-renders only when it changes (compared as JSON), so a busy doc
 * (every sticker, every keystroke of a peer) does not re-render every panel. `read` must be stable.
 */
export function useDocValue<T>(doc: Y.Doc | null, read: (doc: Y.Doc | null) => T): T {
  const cache = useRef<{ value: T } | null>(null)
  const subscribe = useCallback(
    (notify: () => void) => {
      if (!doc) return () => {}
      doc.on('update', notify)
      return () => doc.off('update', notify)
    },
    [doc],
  )
  const getSnapshot = useCallback(() => {
    const next = read(doc)
    if (cache.current && jsonEqual(cache.current.value, next)) return cache.current.value
    cache.current = { value: next }
    return next
  }, [doc, read])
  return useSyncExternalStore(subscribe, getSnapshot)
}

export function useWorkshopField<K extends WorkshopField>(field: K): WorkshopValue<K> {
  const { workshopDoc } = useWorkshop()
  const read = useCallback((doc: Y.Doc | null) => readWorkshop(doc ?? workshopDoc, field), [workshopDoc, field])
  return useDocValue(workshopDoc, read)
}
