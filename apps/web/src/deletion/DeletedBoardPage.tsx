import { useEffect, useId, useState, type ReactNode } from 'react'
import { ApiErrorCode, type BoardDeletion } from '@cg/contract'
import { deleteWorkshop, fetchBoard, undeleteWorkshop } from '../shared/api.ts'
import { MessagePage } from '../shared/MessagePage.tsx'
import { useI18n } from '../i18n/I18nProvider.tsx'
import { plural } from '../i18n/plurals.ts'
import { listKeptBoards } from '../offline/index.ts'
import { findRecentBoard } from '../shared/recentBoards.ts'
import { workshopBoardIds } from './boardTraces.ts'
import { daysUntil, deletionDate } from './deletionTime.ts'
import { forgetBoard } from './forgetBoard.ts'

type Known = { kind: 'asking' } | { kind: 'trash'; deletion: BoardDeletion } | { kind: 'gone' }

/**
 * The board page of a workshop that was deleted. Its facilitator's link (the server says when the purge comes) gets
 * the trash: the date, Undo, Delete now. Everyone else is told the facilitator deleted it. Either way this device
 * forgets its copy of the whole workshop first (see forgetBoard.ts), and says when that is done. Part of the first
 * visit's code, not a chunk of its own: a lazily loaded page here split the modules it shares with the board page
 * into chunks of their own, and those requests weighed more on a first visit than this page does.
 */
export function DeletedBoardPage(props: {
  boardId: string
  token: string
  /** What the server answered; undefined when only a closed connection said so: the page then asks the server. */
  deletion: BoardDeletion | null | undefined
  /** The deletion was undone (or never was): open the board again. */
  onReopen: () => void
}) {
  const { boardId, token, onReopen } = props
  const { t } = useI18n()
  // Read before this device forgets them: the plenary (a breakout's trash is its plenary's), and the workshop's
  // title as the home page listed it, so the person knows which workshop this was.
  const [plenaryId] = useState(() => workshopBoardIds(boardId, listKeptBoards())[0] ?? boardId)
  const [title] = useState(() => (findRecentBoard(plenaryId) ?? findRecentBoard(boardId))?.title)
  const [known, setKnown] = useState<Known>(() =>
    props.deletion === undefined
      ? { kind: 'asking' }
      : props.deletion
        ? { kind: 'trash', deletion: props.deletion }
        : { kind: 'gone' },
  )
  const [forgotten, setForgotten] = useState(false)

  useEffect(() => {
    if (known.kind !== 'asking') return
    let current = true
    void fetchBoard(boardId, token).then((answer) => {
      if (!current) return
      if (answer.ok) return onReopen()
      setKnown(answer.deletion ? { kind: 'trash', deletion: answer.deletion } : { kind: 'gone' })
    })
    return () => {
      current = false
    }
  }, [known.kind, boardId, token, onReopen])

  useEffect(() => {
    if (known.kind === 'asking') return
    let current = true
    setForgotten(false)
    void forgetBoard(boardId, known.kind === 'trash' ? 'in-trash' : 'deleted', token).then(
      () => current && setForgotten(true),
    )
    return () => {
      current = false
    }
  }, [known.kind, boardId, token])

  useEffect(() => {
    document.title = `${t(known.kind === 'trash' ? 'workshopInTrash' : 'boardDeletedTitle')} · ${t('appName')}`
  }, [known.kind, t])

  if (known.kind === 'asking') return <MessagePage title={t('loadingBoard')} busy />
  const named = title && (
    <p className="cg-deleted-title">
      <bdi>{title}</bdi>
    </p>
  )
  const copy = (
    <p role="status" className="cg-copy-removed">
      {t(forgotten ? 'deviceCopyRemoved' : 'deviceCopyRemoving')}
    </p>
  )
  if (known.kind === 'gone') {
    return (
      <MessagePage title={t('boardDeletedTitle')}>
        {named}
        <p>{t('boardDeletedHelp')}</p>
        {copy}
        <p>
          <a href="/">{t('backHome')}</a>
        </p>
      </MessagePage>
    )
  }
  return (
    <TrashPage
      plenaryId={plenaryId}
      token={token}
      deletion={known.deletion}
      named={named}
      copy={copy}
      onRestored={onReopen}
      onPurged={() => setKnown({ kind: 'gone' })}
    />
  )
}

/** The facilitator's view of a workshop in the trash: when it goes for good, Undo, and Delete now. */
function TrashPage(props: {
  plenaryId: string
  token: string
  deletion: BoardDeletion
  named: ReactNode
  copy: ReactNode
  onRestored: () => void
  onPurged: () => void
}) {
  const { plenaryId, token, deletion, named, copy, onRestored, onPurged } = props
  const { t, language } = useI18n()
  const id = useId()
  const [state, setState] = useState<'idle' | 'undoing' | 'purging' | 'undo-failed' | 'purge-failed'>('idle')
  const busy = state === 'undoing' || state === 'purging'
  const days = Math.max(1, daysUntil(deletion.purgeAt, Date.now()))

  async function undo() {
    setState('undoing')
    const result = await undeleteWorkshop(plenaryId, token)
    // Out of the trash already (a co-facilitator undid it): open it all the same; purged meanwhile: gone.
    if (result.ok || result.code === ApiErrorCode.conflict) return onRestored()
    if (result.code === ApiErrorCode.boardNotFound) return onPurged()
    setState('undo-failed')
  }

  async function purge() {
    if (!window.confirm(t('deleteNowConfirm'))) return
    setState('purging')
    const result = await deleteWorkshop(plenaryId, token, { purgeNow: true })
    // Already purged meanwhile: gone all the same.
    if (result.ok || result.code === ApiErrorCode.boardNotFound) return onPurged()
    setState('purge-failed')
  }

  return (
    <MessagePage title={t('workshopInTrash')}>
      {named}
      <p>
        {t('workshopDeletedOn').replace('{date}', deletionDate(deletion.deletedAt, language.code))}{' '}
        <strong>
          {t('workshopPurgeOn')
            .replace('{date}', deletionDate(deletion.purgeAt, language.code))
            .replace('{days}', plural(language.code, 'daysLeft', days))}
        </strong>
      </p>
      {copy}
      <div className="cg-trash-actions">
        <button type="button" disabled={busy} onClick={() => void undo()}>
          {state === 'undoing' ? t('undoingDeletion') : t('undoDeletion')}
        </button>
        <button
          type="button"
          className="cg-danger"
          disabled={busy}
          aria-describedby={`${id}-warning`}
          onClick={() => void purge()}
        >
          {state === 'purging' ? t('deletingNow') : t('deleteNow')}
        </button>
      </div>
      <p id={`${id}-warning`} className="cg-delete-warning">
        {t('deleteNowWarning')}
      </p>
      {(state === 'undo-failed' || state === 'purge-failed') && (
        <p role="alert" className="cg-error">
          {t(state === 'undo-failed' ? 'undoFailed' : 'deleteFailed')}
        </p>
      )}
      <p>
        <a href="/">{t('backHome')}</a>
      </p>
    </MessagePage>
  )
}
