import { useEffect, useMemo, useRef, useState } from 'react'
import { computed, react, type Signal, type TLStore, type TLUserPreferences } from 'tldraw'
import type * as Y from 'yjs'
import { bindPresenceToAwareness, type PresenceUser, type ReadOnlyReason } from '@cg/tldraw-yjs'
import { type BoardView, CloseReason, type LinkRefusal } from '@cg/contract'
import { useI18n } from '../i18n/I18nProvider.tsx'
import { createServerAssetStore } from '../shared/assetStore.ts'
import type { Identity } from '../shared/identity.ts'
import type { BoardConnection } from './BoardConnection.ts'
import { BoardSession } from './BoardSession.ts'
import type { ConnectionStatus } from './connectionStatus.ts'
import type { CodraftContextValue } from './shapes/CodraftContext.ts'
import { measureClockOffset } from './workshop/serverClock.ts'
import type { WorkshopContextValue } from './workshop/WorkshopContext.ts'
import { WorkshopRooms } from './workshopRooms.ts'

export type BoardGoneReason = typeof CloseReason.boardNotFound | typeof CloseReason.boardDeleted

/** A board open in the board page, once it can be shown: its store and connection, and the workshop's rooms. */
export interface OpenBoard {
  store: TLStore
  connection: BoardConnection
  codraft: CodraftContextValue
  workshopDoc: Y.Doc
  workshopSync: WorkshopContextValue['workshopSync']
  privateDoc: Y.Doc | null
}

export interface BoardSessionState {
  /** Null until the board can be shown. */
  session: OpenBoard | null
  /** What the workshop panels read (see WorkshopContext); null until the board can be shown. */
  workshop: WorkshopContextValue | null
  status: ConnectionStatus
  /** How much of a big board is on the canvas while it goes in in steps (0 to 1); null once all of it is. */
  opening: number | null
  readOnlyReason: ReadOnlyReason | null
  /** The server refused the connection (or this person a private room past the board's limit). */
  refused: boolean
  /** Opening the board failed on a bug, not a refusal. */
  failed: boolean
}

/**
 * Opens the board of the board page: the board's session (its connection and store, loaded in steps), the workshop's
 * rooms (the plenary's workshop state and this person's private room), and this person's presence (name and colour
 * from `$preferences`, cursor moves at most every 50 ms). Reports the connection's status and a refusal as it comes;
 * closes everything when the board, the link or the person changes.
 */
export function useBoardSession(options: {
  board: BoardView
  /** The secret of the link the board was opened with. */
  token: string
  identity: Identity
  canEdit: boolean
  maxAssetBytes: number
  $preferences: Signal<TLUserPreferences>
  /** The board is gone: deleted by its facilitator (4410), or no longer on the server (4404). */
  onGone: (reason: BoardGoneReason) => void
  onRefused: (reason: LinkRefusal) => void
}): BoardSessionState {
  const { board, token, identity, canEdit, maxAssetBytes, $preferences, onGone, onRefused } = options
  const { t } = useI18n()
  const [session, setSession] = useState<OpenBoard | null>(null)
  const [status, setStatus] = useState<ConnectionStatus>('connecting')
  const [opening, setOpening] = useState<number | null>(null)
  const [readOnlyReason, setReadOnlyReason] = useState<ReadOnlyReason | null>(null)
  const [refused, setRefused] = useState(false)
  const [privateRoomFull, setPrivateRoomFull] = useState(false)
  const [failed, setFailed] = useState(false)

  // Upload errors are worded when they happen, in the language chosen by then.
  const tRef = useRef(t)
  useEffect(() => {
    tRef.current = t
  }, [t])

  useEffect(() => {
    const opened = new BoardSession(board.id, token, {
      assets: createServerAssetStore(board.id, token, maxAssetBytes, (key) => tRef.current(key)),
      // Viewers get a read-only editor too: the server drops their updates anyway, so none should be made.
      readOnly: !canEdit,
      loadInSteps: true,
    })
    const { connection, store } = opened
    const rooms = new WorkshopRooms(board, token, canEdit)
    const unsubscribe = connection.subscribe({
      status: setStatus,
      closed: (reason) => {
        if (reason === CloseReason.boardNotFound || reason === CloseReason.boardDeleted) onGone(reason)
        else if (reason === 'server-refused' || reason === CloseReason.privateRoomsFull) setRefused(true)
        else onRefused(reason)
      },
    })
    // The board keeps only so many private rooms: this person's drafts and ballots then stay on this device.
    const unsubscribePrivate = rooms.private?.subscribe({
      closed: (reason) => setPrivateRoomFull(reason === CloseReason.privateRoomsFull),
    })
    let cancelled = false
    const disposers: (() => void)[] = []
    void opened.load().then(
      (binding) => {
        if (cancelled || !binding) return
        rooms.bindPrivateDrafts(store)
        const stopBanner = react('read-only banner', () => setReadOnlyReason(binding.$readOnlyReason.get()))
        const stopOpening = react('opening progress', () => {
          const progress = binding.$loading.get()
          setOpening(progress ? progress.done / progress.total : null)
        })
        const $presenceUser = computed<PresenceUser>('presence user', () => {
          const prefs = $preferences.get()
          return { id: prefs.id, name: prefs.name ?? '', color: prefs.color ?? '#1f77b4' }
        })
        // Cursor moves are sent at most every 50 ms: smooth enough, and kind to slow links.
        const presence = bindPresenceToAwareness(store, connection.provider.awareness, $presenceUser, {
          throttleMs: 50,
        })
        disposers.push(() => presence.dispose(), stopBanner, stopOpening)
        setSession({
          store,
          connection,
          codraft: { doc: connection.doc, awareness: connection.provider.awareness },
          workshopDoc: rooms.workshop.doc,
          workshopSync: {
            synced: () => rooms.workshop.provider.synced,
            subscribe: (onChange: () => void) => {
              rooms.workshop.provider.on('sync', onChange)
              return () => rooms.workshop.provider.off('sync', onChange)
            },
          },
          privateDoc: rooms.private?.doc ?? null,
        })
      },
      (error: unknown) => {
        // A bug, not a refusal: say so on the page instead of loading forever.
        console.error('opening the board failed', error)
        if (!cancelled) setFailed(true)
      },
    )
    return () => {
      cancelled = true
      unsubscribe()
      unsubscribePrivate?.()
      for (const dispose of disposers) dispose()
      rooms.destroy()
      opened.destroy()
      setSession(null)
    }
    // `board` changes identity only when another board is opened, which changes `board.id` too.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [board.id, token, canEdit, maxAssetBytes, onGone, onRefused, $preferences])

  // The shared timer runs in server time; this computer's clock may be minutes off.
  const clockOffset = useRef(0)
  useEffect(() => {
    void measureClockOffset().then((offset) => (clockOffset.current = offset))
  }, [])
  const workshop = useMemo<WorkshopContextValue | null>(
    () =>
      session && {
        board,
        role: board.role,
        token,
        plenaryId: board.parentId ?? board.id,
        workshopDoc: session.workshopDoc,
        workshopSync: session.workshopSync,
        privateDoc: session.privateDoc,
        privateRoomFull,
        me: { id: identity.id, name: identity.name },
        serverNow: () => Date.now() + clockOffset.current,
      },
    [session, board, token, identity.id, identity.name, privateRoomFull],
  )

  return { session, workshop, status, opening, readOnlyReason, refused, failed }
}
