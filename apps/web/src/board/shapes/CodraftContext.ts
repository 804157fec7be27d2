import { createContext, useContext } from 'react'
import type { Awareness } from 'y-protocols/awareness'
import type * as Y from 'yjs'

/** What a co-draft block needs beyond its record: the board's Y.Doc (its text) and awareness (who types). */
export interface CodraftContextValue {
  doc: Y.Doc
  awareness: Awareness
}

export const CodraftContext = createContext<CodraftContextValue | null>(null)

export function useCodraftContext(): CodraftContextValue | null {
  return useContext(CodraftContext)
}
