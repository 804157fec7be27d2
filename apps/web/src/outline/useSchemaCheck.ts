import { useEffect, useState } from 'react'
import type * as Y from 'yjs'
import { canWriteTo } from '@cg/outline'
import { getMetaMap, SCHEMA_KEY } from '@cg/tldraw-yjs/layout'

/**
 * Whether the outline may write into the board: only when the board's stored schema is the one the outline's records
 * are made for ('ok'); 'newer' when a newer app saved it (the page says to refresh, as the canvas does); 'none' on a
 * board no canvas has written yet. Follows the schema as it changes.
 */
export function useSchemaCheck(doc: Y.Doc | null): 'ok' | 'newer' | 'none' {
  const [state, setState] = useState<'ok' | 'newer' | 'none'>('none')
  useEffect(() => {
    if (!doc) return
    const meta = getMetaMap(doc)
    const check = () => {
      const schema = meta.get(SCHEMA_KEY)
      setState(schema === undefined ? 'none' : canWriteTo(schema) ? 'ok' : 'newer')
    }
    check()
    meta.observe(check)
    return () => meta.unobserve(check)
  }, [doc])
  return state
}
