import { useId, useState } from 'react'
import { TldrawUiDialogBody, TldrawUiDialogFooter } from 'tldraw'
import type { BoardLinks, BoardRole, BoardView } from '@cg/contract'
import { rotateLinks } from '../shared/api.ts'
import { absoluteLink, markOwnLinkReplaced } from '../shared/boardLink.ts'
import { rememberRecentBoard } from '../shared/recentBoards.ts'
import { useI18n } from '../i18n/I18nProvider.tsx'
import type { MessageKey } from '../i18n/messages.ts'
import { DialogHeader } from '../shared/DialogHeader.tsx'
import { useAddDialog } from '../shared/useAddDialog.tsx'

const LINK_LABELS: Record<BoardRole, MessageKey> = {
  facilitator: 'facilitatorLinkLabel',
  editor: 'editorLinkLabel',
  viewer: 'viewerLinkLabel',
}

/** Opens the facilitator's list of links (only facilitators are given links by the server). */
export function LinksButton({ board, token }: { board: BoardView; token: string }) {
  const { t } = useI18n()
  const addDialog = useAddDialog()
  if (!board.links) return null
  const initial = board.links
  return (
    <button
      type="button"
      className="cg-topbar-button"
      onClick={() =>
        addDialog(({ onClose }) => (
          <LinksDialog
            boardId={board.parentId ?? board.id}
            title={board.title}
            token={token}
            initial={initial}
            onClose={onClose}
          />
        ))
      }
    >
      {t('shareLinks')}
    </button>
  )
}

function LinksDialog(props: {
  boardId: string
  title: string
  token: string
  initial: BoardLinks
  onClose: () => void
}) {
  const { t } = useI18n()
  const [links, setLinks] = useState(props.initial)
  const [rotation, setRotation] = useState<'idle' | 'busy' | 'failed' | 'done'>('idle')

  async function rotate(facilitator: boolean) {
    if (!window.confirm(t(facilitator ? 'rotateAllLinksConfirm' : 'rotateLinksConfirm'))) return
    setRotation('busy')
    if (facilitator) markOwnLinkReplaced()
    const result = await rotateLinks(props.boardId, props.token, { facilitator })
    if (!result.ok) return setRotation('failed')
    setLinks(result.value.links)
    setRotation('done')
    if (!facilitator) return
    // This page's own link is gone: remember the new one and reopen with it.
    const link = result.value.links.facilitator
    rememberRecentBoard({ id: props.boardId, title: props.title, link, role: 'facilitator', replacesLink: true })
    location.replace(link)
    location.reload()
  }

  return (
    <>
      <DialogHeader title={t('shareLinksTitle')} />
      <TldrawUiDialogBody className="cg-links-body">
        <p>{t('shareLinksHelp')}</p>
        {(['editor', 'viewer', 'facilitator'] as const).map((role) => (
          <LinkRow key={role} label={t(LINK_LABELS[role])} link={absoluteLink(links[role])} role={role} />
        ))}
        {rotation === 'failed' && (
          <p role="alert" className="cg-error">
            {t('rotateLinksFailed')}
          </p>
        )}
        {rotation === 'done' && <p role="status">{t('linksRotated')}</p>}
      </TldrawUiDialogBody>
      <TldrawUiDialogFooter className="cg-dialog-footer">
        <button type="button" disabled={rotation === 'busy'} onClick={() => void rotate(false)}>
          {rotation === 'busy' ? t('rotatingLinks') : t('rotateLinks')}
        </button>
        <button type="button" disabled={rotation === 'busy'} onClick={() => void rotate(true)}>
          {t('rotateAllLinks')}
        </button>
        <button type="button" onClick={props.onClose}>
          {t('close')}
        </button>
      </TldrawUiDialogFooter>
    </>
  )
}

function LinkRow({ label, link, role }: { label: string; link: string; role: BoardRole }) {
  const { t } = useI18n()
  const id = useId()
  const [copied, setCopied] = useState(false)
  return (
    <div className="cg-link-row" data-role={role}>
      <label htmlFor={id}>{label}</label>
      <div className="cg-link-field">
        <input id={id} readOnly value={link} dir="ltr" onFocus={(event) => event.target.select()} />
        <button
          type="button"
          aria-label={`${t('copyLink')}: ${label}`}
          onClick={() =>
            void navigator.clipboard?.writeText(link).then(
              () => setCopied(true),
              () => setCopied(false),
            )
          }
        >
          {copied ? t('copied') : t('copyLink')}
        </button>
      </div>
    </div>
  )
}
