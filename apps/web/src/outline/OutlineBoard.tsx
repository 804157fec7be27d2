import { useEffect, useMemo } from 'react'
import { canEditBoard, type BoardView, type LinkRefusal } from '@cg/contract'
import type { OutlineWords } from '@cg/outline'
import type { BoardGoneReason } from '../board/useBoardSession.ts'
import { WorkshopContext, type WorkshopContextValue } from '../board/workshop/WorkshopContext.ts'
import { useI18n } from '../i18n/I18nProvider.tsx'
import type { MessageKey } from '../i18n/messages.ts'
import { boardLink } from '../shared/boardLink.ts'
import type { Identity } from '../shared/identity.ts'
import { MessagePage } from '../shared/MessagePage.tsx'
import { ConnectionBadge } from '../board/ConnectionBadge.tsx'
import { OutlineContent } from './OutlineContent.tsx'
import { OutlineHeader } from './OutlineHeader.tsx'
import { useBackToBoard } from './useBackToBoard.ts'
import { useBoardRoom, type BoardRoom } from './useBoardRoom.ts'
import { useCatalog } from './useCatalog.ts'
import { useOutline } from './useOutline.ts'
import { useAnnouncements } from './useAnnouncements.ts'
import { useOwnChanges } from './ownChanges.ts'
import { useSchemaCheck } from './useSchemaCheck.ts'
import {
  OutlineWorkshopBar,
  useOutlineVoting,
  useOutlineWorkshop,
  usePrivateMode,
  useWorkshopPresenceReports,
} from './workshop/index.ts'
import type { BoardConnection } from '../board/BoardConnection.ts'

const SIDES: Record<'above' | 'below' | 'left' | 'right', MessageKey> = {
  above: 'outlineLooseAbove',
  below: 'outlineLooseBelow',
  left: 'outlineLooseLeft',
  right: 'outlineLooseRight',
}

/**
 * A board open as an outline: its room and the workshop's rooms (the facilitation room, this person's private
 * room), read as an outline once they are here. Never the canvas: nothing here loads tldraw.
 */
export function OutlineBoard(props: {
  board: BoardView
  token: string
  identity: Identity
  onGone: (reason: BoardGoneReason) => void
  onRefused: (reason: LinkRefusal) => void
}) {
  const { board, token, identity, onGone, onRefused } = props
  const { t } = useI18n()
  const canEdit = canEditBoard(board.role)
  const room = useBoardRoom({ board, token, onGone, onRefused })
  const me = useMemo(() => ({ id: identity.id, name: identity.name }), [identity.id, identity.name])
  const { workshop } = useOutlineWorkshop({ board, token, canEdit, me })
  const boardHref = boardLink(board.id, token)
  useBackToBoard(boardHref)

  useEffect(() => {
    document.title = `${board.title} · ${t('openOutline')} · ${t('appName')}`
  }, [board.title, t])

  if (room.refused) {
    return (
      <MessagePage title={t('connectionRefused')}>
        <p>
          <button type="button" onClick={() => location.reload()}>
            {t('retry')}
          </button>
        </p>
      </MessagePage>
    )
  }
  if (!room.connection || !workshop) {
    return (
      <MessagePage title={t('loadingBoard')} busy>
        <ConnectionBadge status={room.status} />
      </MessagePage>
    )
  }
  return (
    <div className="cg-outline">
      <OutlineHeader title={board.title} boardHref={boardHref} status={room.status} />
      <WorkshopContext.Provider value={workshop}>
        <OutlineReader
          connection={room.connection}
          room={room}
          workshop={workshop}
          identity={identity}
          canEdit={canEdit}
        />
      </WorkshopContext.Provider>
    </div>
  )
}

/** The board read as an outline, with the workshop's part (inside the workshop's context). */
function OutlineReader(props: {
  connection: BoardConnection
  room: BoardRoom
  workshop: WorkshopContextValue
  identity: Identity
  canEdit: boolean
}) {
  const { connection, workshop, canEdit } = props
  const { t, language } = useI18n()
  const catalog = useCatalog()
  const voting = useOutlineVoting()
  const privateDrafts = usePrivateMode()
  const schema = useSchemaCheck(connection.doc)
  // Whether this person voted and how many drafts they hold, for the facilitator, as the canvas tells it.
  useWorkshopPresenceReports(connection.provider.awareness)
  const words = useMemo<OutlineWords>(
    () => ({
      untitledFrame: t('outlineUntitledFrame'),
      looseNotes: (where) =>
        where.kind === 'near'
          ? t(SIDES[where.side]).replace('{frame}', where.frameTitle)
          : t('outlineLooseAlone').replace('{index}', String(where.index)).replace('{count}', String(where.count)),
    }),
    [t],
  )
  const own = useOwnChanges(connection.doc)
  const announcements = useAnnouncements()
  const reading = useOutline({
    boardDoc: connection.doc,
    privateDoc: workshop.privateDoc,
    catalog,
    language,
    votes: voting.results ?? undefined,
    words,
    own,
    onChanges: announcements.onChanges,
  })
  return (
    <>
      {canEdit && schema === 'newer' && (
        <div role="alert" className="cg-outline-notice">
          {t('newerSchema')}{' '}
          <button type="button" onClick={() => location.reload()}>
            {t('refresh')}
          </button>
        </div>
      )}
      <OutlineWorkshopBar />
      {reading ? (
        <div className="cg-outline-ready" data-outline-ready="">
          <OutlineContent
            reading={reading}
            boardDoc={connection.doc}
            privateDoc={workshop.privateDoc}
            awareness={connection.provider.awareness}
            room={props.room}
            identity={props.identity}
            canEdit={canEdit}
            canWrite={canEdit && schema === 'ok'}
            catalog={catalog}
            voting={voting}
            privateDrafts={privateDrafts}
            serverNow={workshop.serverNow}
            own={own}
            announcement={announcements.message}
          />
        </div>
      ) : (
        <p role="status">{t('loadingBoard')}</p>
      )}
    </>
  )
}
