import { useEffect, useState } from 'react'
import type * as Y from 'yjs'
import { DEFAULT_PRESENCE_FIELD } from '@cg/tldraw-yjs'
import { BoardConnection } from '../board/BoardConnection.ts'

export interface BreakoutRoomView {
  doc: Y.Doc
  /** Names of the people on that board now (from its presence). */
  people: string[]
  synced: boolean
}

/**
 * A live, read-only look into a breakout board for the facilitator's overview: its doc (for the thumbnail
 * and for bringing work back) and who is there. No presence is announced: the facilitator is not "in" it.
 */
export function useBreakoutRoom(boardId: string, token: string): BreakoutRoomView | null {
  const [view, setView] = useState<BreakoutRoomView | null>(null)
  useEffect(() => {
    const connection = new BoardConnection(boardId, token, { cache: false, announce: false })
    const { doc, provider } = connection
    const publish = () => {
      const people: string[] = []
      for (const state of provider.awareness.getStates().values()) {
        const presence = state[DEFAULT_PRESENCE_FIELD] as { userName?: unknown } | undefined
        if (typeof presence?.userName === 'string') people.push(presence.userName)
      }
      setView({ doc, people: people.sort(), synced: provider.synced })
    }
    provider.awareness.on('change', publish)
    provider.on('sync', publish)
    publish()
    return () => {
      provider.awareness.off('change', publish)
      connection.destroy()
    }
  }, [boardId, token])
  return view
}
