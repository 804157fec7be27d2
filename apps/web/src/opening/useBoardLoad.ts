import { useCallback, useEffect, useState } from 'react'
import {
  ApiErrorCode,
  CloseReason,
  type BoardDeletion,
  type BoardView,
  type ClientConfig,
  type LinkRefusal,
} from '@cg/contract'
import type { BoardGoneReason } from '../board/useBoardSession.ts'
import { forgetBoard } from '../deletion/index.ts'
import { useI18n } from '../i18n/I18nProvider.tsx'
import { findOfflineBoard, forgetOfflineBoard, saveOfflineBoard } from '../offline/index.ts'
import { boardLink, isOwnLinkReplaced, tokenFromHash } from '../shared/boardLink.ts'
import { findRecentBoard, rememberRecentBoard } from '../shared/recentBoards.ts'
import { fetchBoard, fetchClientConfig } from '../shared/api.ts'

export type BoardLoadState =
  | { kind: 'loading' }
  | { kind: 'not-found' }
  /** Deleted by its facilitator: `deletion` for the facilitator's link, undefined while unknown (a closed socket). */
  | { kind: 'gone'; deletion: BoardDeletion | null | undefined }
  /** `expiredAt`: when an expired link stopped working, where this device knew it. */
  | { kind: 'refused'; reason: LinkRefusal; expiredAt?: string | null }
  | { kind: 'failed' }
  | { kind: 'ready'; board: BoardView; config: ClientConfig }

export interface BoardLoad {
  state: BoardLoadState
  /** The secret of the link the board is opened with. */
  token: string
  /** Ask the server again (after a failure, or a deletion undone). */
  reopen: () => void
  /** The server closed the board: deleted (the page then asks whether this link may undo it), or purged. */
  onGone: (reason: BoardGoneReason) => void
  /** The server refused the link while the board was open (replaced, expired, invalid). */
  onRefused: (reason: LinkRefusal) => void
}

/** The secret of this board: from the link, else from the link this device opened it with before. */
function tokenFor(boardId: string): string | undefined {
  return tokenFromHash(location.hash) ?? tokenFromHash(findRecentBoard(boardId)?.link.split('#')[1] ?? '')
}

/** The secret leaves the address bar (a shared or projected screen shows it); this device keeps it. */
function hideSecret(): void {
  if (location.hash) history.replaceState(history.state, '', location.pathname + location.search)
}

/**
 * What a page showing a board (the canvas, the outline) knows before it can open it: the board's description for
 * this link, or why not (not found, deleted, link refused or expired, no server). Keeps what the device needs to
 * reopen it offline and on the home page; takes the secret out of the address bar.
 */
export function useBoardLoad(boardId: string): BoardLoad {
  const { t } = useI18n()
  // No token at all is still asked about: a board made before links had roles opens with its plain link.
  const [token] = useState(() => tokenFor(boardId) ?? '')
  const [state, setState] = useState<BoardLoadState>({ kind: 'loading' })
  const [attempt, setAttempt] = useState(0)

  useEffect(() => {
    let cancelled = false
    setState({ kind: 'loading' })
    void Promise.all([fetchBoard(boardId, token), fetchClientConfig()]).then(([board, config]) => {
      if (cancelled) return
      // Deleted (in the trash), or purged since this device opened it: the secret leaves the address bar too.
      const kept = () => findRecentBoard(boardId) !== undefined || findOfflineBoard(boardId, token) !== null
      if (!board.ok && (board.status === 410 || (board.status === 404 && kept()))) {
        hideSecret()
        return setState({ kind: 'gone', deletion: board.deletion ?? null })
      }
      // Expired: this device forgets the workshop (LinkExpiredPage), after reading when, from what it kept.
      if (!board.ok && board.code === ApiErrorCode.linkExpired) {
        hideSecret()
        const expiredAt = board.expiredAt ?? findOfflineBoard(boardId, token)?.view.retention?.linksExpireAt ?? null
        return setState({ kind: 'refused', reason: CloseReason.linkExpired, expiredAt })
      }
      if (!board.ok && (board.status === 404 || board.status === 401)) forgetOfflineBoard(boardId)
      if (!board.ok && board.status === 404) return setState({ kind: 'not-found' })
      if (!board.ok && board.status === 401) return setState({ kind: 'refused', reason: CloseReason.invalidToken })
      if (!board.ok || !config.ok) {
        // No network (or no server): a board this browser opened before opens from its own copy, says Offline,
        // takes edits, and sends them when the connection returns.
        const unreachable = !board.ok ? board.status === 0 || board.status >= 500 : !config.ok
        const kept = unreachable ? findOfflineBoard(boardId, token) : null
        if (kept) {
          hideSecret()
          document.title = `${kept.view.title} · ${t('appName')}`
          return setState({ kind: 'ready', board: kept.view, config: kept.config })
        }
        return setState({ kind: 'failed' })
      }
      saveOfflineBoard(token, board.value, config.value)
      rememberRecentBoard({
        id: board.value.id,
        title: board.value.title,
        link: boardLink(board.value.id, token),
        role: board.value.role,
      })
      hideSecret()
      document.title = `${board.value.title} · ${t('appName')}`
      setState({ kind: 'ready', board: board.value, config: config.value })
    })
    return () => {
      cancelled = true
    }
    // `t` only changes the tab title; reloading the board for a language switch would be wasteful.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [boardId, token, attempt])

  const onGone = useCallback((reason: BoardGoneReason) => {
    setState({ kind: 'gone', deletion: reason === CloseReason.boardDeleted ? undefined : null })
  }, [])
  const reopen = useCallback(() => setAttempt((n) => n + 1), [])
  // When this page replaced its own link it reopens with the new one: nothing to explain meanwhile.
  const onRefused = useCallback(
    (reason: LinkRefusal) => {
      if (isOwnLinkReplaced()) return
      forgetOfflineBoard(boardId)
      // A replaced link no longer opens the board: what this device kept of it through that link goes too.
      if (reason === CloseReason.linkRotated) {
        void forgetBoard(boardId, 'link-replaced', token)
      }
      // An expired link's page forgets the whole workshop itself, saying when the link stopped working.
      setState((previous) => ({
        kind: 'refused',
        reason,
        expiredAt: previous.kind === 'ready' ? (previous.board.retention?.linksExpireAt ?? null) : null,
      }))
    },
    [boardId, token],
  )

  return { state, token, reopen, onGone, onRefused }
}
