import { useEffect, useState } from 'react'
import type { TemplateCatalog } from '@cg/templates'
import { fetchTemplateCatalog } from '../shared/api.ts'

/**
 * The server's templates and sectors (cell names and sector names in the reader's language), fetched once; null
 * until they arrive, or if they cannot be fetched (the outline then names cells as the board's scaffold says).
 */
export function useCatalog(): TemplateCatalog | null {
  const [catalog, setCatalog] = useState<TemplateCatalog | null>(null)
  useEffect(() => {
    let cancelled = false
    void fetchTemplateCatalog().then((result) => {
      if (!cancelled && result.ok) setCatalog(result.value)
    })
    return () => {
      cancelled = true
    }
  }, [])
  return catalog
}
