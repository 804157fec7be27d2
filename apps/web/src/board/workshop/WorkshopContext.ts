import { createContext, useContext } from 'react'
import type * as Y from 'yjs'
import type { BoardRole, BoardView } from '@cg/contract'

/** Everything our workshop panels need besides the tldraw editor. */
export interface WorkshopContextValue {
  board: BoardView
  role: BoardRole
  /** The link secret, for REST calls and for moving to breakout boards with the same link. */
  token: string
  /** The plenary board (this board unless it is a breakout): it holds the workshop state. */
  plenaryId: string
  /** The facilitation room's doc: timer, agenda, votes, follow, breakouts. Written by facilitators only. */
  workshopDoc: Y.Doc
  /** Whether the workshop state is the server's (not only this browser's cached copy), and its changes. */
  workshopSync: { synced(): boolean; subscribe(onChange: () => void): () => void }
  /** This person's private room (drafts and ballots); null for viewers. */
  privateDoc: Y.Doc | null
  /** The server refused this person a private room (the board holds as many as it keeps): drafts stay here. */
  privateRoomFull: boolean
  /** This person's presence id and name, as others see them. */
  me: { id: string; name: string }
  /** The server's clock, corrected for this computer's skew. */
  serverNow: () => number
}

export const WorkshopContext = createContext<WorkshopContextValue | null>(null)

export function useWorkshop(): WorkshopContextValue {
  const value = useContext(WorkshopContext)
  if (!value) throw new Error('useWorkshop outside a board')
  return value
}
