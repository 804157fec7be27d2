import { useEffect, useMemo, useRef, useState } from 'react'
import type * as Y from 'yjs'
import { CloseReason, type BoardView } from '@cg/contract'
import { measureClockOffset } from '../../board/workshop/serverClock.ts'
import { WorkshopConnections } from '../../board/workshop/WorkshopConnections.ts'
import type { WorkshopContextValue } from '../../board/workshop/WorkshopContext.ts'

export interface OutlineWorkshop {
  /** What the workshop's pieces read (give it to `WorkshopContext.Provider`); null until the rooms can be read. */
  workshop: WorkshopContextValue | null
  /** This person's private room (their drafts and ballots), the same as `workshop.privateDoc`; null for viewers. */
  privateDoc: Y.Doc | null
}

/**
 * The workshop's rooms for the outline page: the plenary's facilitation room (timer, agenda, votes) and, for people
 * who can edit, this person's private room (drafts and ballots), the same rooms the board page opens (see
 * WorkshopConnections), closed when the board, the link or the person changes and when the page goes. Ready once
 * both can be read (from this browser's cache or the server); a private room the server refuses (the board keeps
 * only so many) does not hold the workshop back: `privateRoomFull` says so, and drafts stay on this device.
 */
export function useOutlineWorkshop(options: {
  board: BoardView
  token: string
  canEdit: boolean
  me: { id: string; name: string }
}): OutlineWorkshop {
  const { board, token, canEdit, me } = options
  const [rooms, setRooms] = useState<WorkshopConnections | null>(null)
  const [privateRoomFull, setPrivateRoomFull] = useState(false)

  useEffect(() => {
    const opened = new WorkshopConnections(board, token, canEdit)
    let cancelled = false
    let unsubscribePrivate: (() => void) | undefined
    const privateRoomReady = new Promise<void>((resolve) => {
      const room = opened.private
      if (!room) return resolve()
      unsubscribePrivate = room.subscribe({
        // Refused (or closed for good): the workshop goes on without it rather than wait for ever.
        closed: (reason) => {
          setPrivateRoomFull(reason === CloseReason.privateRoomsFull)
          resolve()
        },
      })
      void room.ready().then(resolve)
    })
    void Promise.all([opened.workshop.ready(), privateRoomReady]).then(() => {
      if (!cancelled) setRooms(opened)
    })
    return () => {
      cancelled = true
      unsubscribePrivate?.()
      opened.destroy()
      setRooms(null)
      setPrivateRoomFull(false)
    }
    // `board` changes identity only when another board is opened, which changes its id too.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [board.id, board.parentId, token, canEdit])

  // The shared timer runs in server time; this computer's clock may be minutes off.
  const clockOffset = useRef(0)
  useEffect(() => {
    void measureClockOffset().then((offset) => (clockOffset.current = offset))
  }, [])

  const workshop = useMemo<WorkshopContextValue | null>(() => {
    if (!rooms) return null
    const { provider } = rooms.workshop
    return {
      board,
      role: board.role,
      token,
      plenaryId: board.parentId ?? board.id,
      workshopDoc: rooms.workshop.doc,
      workshopSync: {
        synced: () => provider.synced,
        subscribe: (onChange: () => void) => {
          provider.on('sync', onChange)
          return () => provider.off('sync', onChange)
        },
      },
      privateDoc: rooms.private?.doc ?? null,
      privateRoomFull,
      me: { id: me.id, name: me.name },
      serverNow: () => Date.now() + clockOffset.current,
    }
  }, [rooms, board, token, privateRoomFull, me.id, me.name])

  return { workshop, privateDoc: workshop?.privateDoc ?? null }
}
