import { useEffect, useState } from 'react'
import type * as Y from 'yjs'
import { CODRAFT_TEXT_PREFIX } from '@cg/codraft/text'

/**
 * The notes this person changed since the board was last read: their own changes, which are no news to them. Taken
 * by each reading of the board, at the moment it reads (so a change made while the page draws counts for the next).
 */
export class OwnChanges {
  private ids = new Set<string>()

  add(id: string): void {
    this.ids.add(id)
  }

  take(): ReadonlySet<string> {
    const taken = this.ids
    this.ids = new Set()
    return taken
  }
}

/**
 * This page's own changes: what it writes is added by the writer; text this person types into a block written
 * together (the workshop's text field writes it into the board's doc) is found here, in the doc's local changes.
 */
export function useOwnChanges(boardDoc: Y.Doc): OwnChanges {
  const [own] = useState(() => new OwnChanges())
  useEffect(() => {
    const onTransaction = (transaction: Y.Transaction) => {
      if (!transaction.local) return
      for (const [name, type] of boardDoc.share) {
        if (name.startsWith(CODRAFT_TEXT_PREFIX) && transaction.changed.has(type))
          own.add(name.slice(CODRAFT_TEXT_PREFIX.length))
      }
    }
    boardDoc.on('afterTransaction', onTransaction)
    return () => boardDoc.off('afterTransaction', onTransaction)
  }, [boardDoc, own])
  return own
}
