import { useEffect, useState } from 'react'
import type { TemplateCatalog } from '@cg/templates'
import { fetchTemplateCatalog } from '../../shared/api.ts'
import { $templateCatalog } from './templateCatalogAtom.ts'

// Fetched once per page: the catalog only changes when the server restarts.
let catalogRequest: ReturnType<typeof fetchTemplateCatalog> | undefined

export type CatalogState =
  { kind: 'loading' } | { kind: 'failed'; retry: () => void } | { kind: 'ready'; catalog: TemplateCatalog }

/** The server's templates and sector list, with loading and failure as states the UI can show. */
export function useTemplateCatalog(): CatalogState {
  const [state, setState] = useState<CatalogState>({ kind: 'loading' })
  const [attempt, setAttempt] = useState(0)
  useEffect(() => {
    let cancelled = false
    catalogRequest ??= fetchTemplateCatalog()
    void catalogRequest.then((result) => {
      if (cancelled) return
      if (result.ok) {
        $templateCatalog.set(result.value)
        return setState({ kind: 'ready', catalog: result.value })
      }
      catalogRequest = undefined
      setState({ kind: 'failed', retry: () => setAttempt((n) => n + 1) })
    })
    return () => {
      cancelled = true
    }
  }, [attempt])
  return state
}
