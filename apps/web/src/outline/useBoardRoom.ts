import { useEffect, useState } from 'react'
import { CloseReason, type BoardView, type LinkRefusal, type RefusalReason } from '@cg/contract'
import { BoardConnection } from '../board/BoardConnection.ts'
import type { ConnectionStatus } from '../board/connectionStatus.ts'
import type { BoardGoneReason } from '../board/useBoardSession.ts'

export interface BoardRoom {
  /** Null until the board can be read (from this browser's copy, or the server's first answer). */
  connection: BoardConnection | null
  status: ConnectionStatus
  /** The server refused the connection (not the link: a rule, or a failure). */
  refused: boolean
  /** The last change of this page the server took back, and when (to say it once per refusal). */
  refusal: { reason: RefusalReason; at: number } | null
}

/**
 * The board's room for the outline: the same connection as the canvas's (y-websocket, cached in IndexedDB, this
 * person's presence in its awareness), without a tldraw store. Says when the board is gone or the link refused, as
 * the board page does; closes when the board or the link changes.
 */
export function useBoardRoom(options: {
  board: BoardView
  token: string
  onGone: (reason: BoardGoneReason) => void
  onRefused: (reason: LinkRefusal) => void
}): BoardRoom {
  const { board, token, onGone, onRefused } = options
  const [connection, setConnection] = useState<BoardConnection | null>(null)
  const [status, setStatus] = useState<ConnectionStatus>('connecting')
  const [refused, setRefused] = useState(false)
  const [refusal, setRefusal] = useState<BoardRoom['refusal']>(null)

  useEffect(() => {
    const opened = new BoardConnection(board.id, token)
    let cancelled = false
    const unsubscribe = opened.subscribe({
      status: setStatus,
      closed: (reason) => {
        if (reason === CloseReason.boardNotFound || reason === CloseReason.boardDeleted) onGone(reason)
        else if (reason === 'server-refused' || reason === CloseReason.privateRoomsFull) setRefused(true)
        else onRefused(reason)
      },
      refused: (reason) => setRefusal({ reason, at: Date.now() }),
    })
    void opened.ready().then(() => {
      if (!cancelled) setConnection(opened)
    })
    return () => {
      cancelled = true
      unsubscribe()
      opened.destroy()
      setConnection(null)
    }
  }, [board.id, token, onGone, onRefused])

  return { connection, status, refused, refusal }
}
