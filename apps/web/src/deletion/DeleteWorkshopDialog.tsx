import { useEffect, useId, useRef, useState, type ReactNode } from 'react'
import { TldrawUiDialogBody, TldrawUiDialogFooter } from 'tldraw'
import type { BoardView } from '@cg/contract'
import { deleteWorkshop } from '../shared/api.ts'
import { boardLink } from '../shared/boardLink.ts'
import { DialogHeader } from '../shared/DialogHeader.tsx'
import { useI18n } from '../i18n/I18nProvider.tsx'
import type { MessageKey } from '../i18n/messages.ts'
import { plural } from '../i18n/plurals.ts'
import { titleConfirmed } from './titleCheck.ts'

/** What deleting a workshop takes with it, in the order the dialog lists it. */
const WHAT_GOES: MessageKey[] = [
  'deleteWhatBoards',
  'deleteWhatVersions',
  'deleteWhatFiles',
  'deleteWhatExports',
  'deleteWhatLinks',
]

/** A message with `{title}` in it, the title isolated (a Latin title in an Arabic sentence reads right, and back). */
function withTitle(text: string, title: string): ReactNode {
  const [before, after] = text.split('{title}')
  if (after === undefined) return text
  return (
    <>
      {before}
      <bdi className="cg-typed-title">{title}</bdi>
      {after}
    </>
  )
}

/**
 * Deleting the workshop, after typing its title: to the trash (undone from the facilitator link until the purge),
 * or gone at once. tldraw's dialog traps the focus and closes on Escape; the focus goes back to the button that
 * opened it (useAddDialog). Once deleted, the page reopens the board's link, which then says where the workshop is.
 */
export function DeleteWorkshopDialog(props: {
  board: BoardView
  token: string
  /** How long the trash keeps a workshop, when the server says. */
  trashDays: number | null
  onClose: () => void
}) {
  const { board, token, trashDays, onClose } = props
  const { t, language } = useI18n()
  const id = useId()
  const [typed, setTyped] = useState('')
  const [state, setState] = useState<'idle' | 'trash' | 'purge' | 'failed'>('idle')
  const confirmed = titleConfirmed(typed, board.title)
  const busy = state === 'trash' || state === 'purge'

  // The title field takes the focus once the dialog has trapped it.
  const field = useRef<HTMLInputElement>(null)
  useEffect(() => {
    const frame = requestAnimationFrame(() => field.current?.focus())
    return () => cancelAnimationFrame(frame)
  }, [])

  async function remove(purgeNow: boolean) {
    if (!confirmed || busy) return
    setState(purgeNow ? 'purge' : 'trash')
    const result = await deleteWorkshop(board.id, token, { purgeNow })
    if (!result.ok) return setState('failed')
    // The board page, opened again with this link, finds the workshop in the trash (or gone) and says so.
    location.replace(boardLink(board.id, token))
    location.reload()
  }

  return (
    <>
      <DialogHeader title={t('deleteWorkshop')} />
      <TldrawUiDialogBody className="cg-delete-body">
        <form
          id={`${id}-form`}
          onSubmit={(event) => {
            event.preventDefault()
            void remove(false)
          }}
        >
          <p>{withTitle(t('deleteWorkshopIntro'), board.title)}</p>
          <ul className="cg-delete-what">
            {WHAT_GOES.map((key) => (
              <li key={key}>{t(key)}</li>
            ))}
          </ul>
          <p>
            {trashDays === null
              ? t('deleteTrashFirst')
              : t('deleteTrashFor').replace('{days}', plural(language.code, 'trashDays', trashDays))}
          </p>
          <label htmlFor={`${id}-title`}>{withTitle(t('deleteTypeTitle'), board.title)}</label>
          <input
            id={`${id}-title`}
            value={typed}
            dir="auto"
            autoComplete="off"
            spellCheck={false}
            aria-describedby={`${id}-hint`}
            ref={field}
            onChange={(event) => setTyped(event.target.value)}
          />
          <p id={`${id}-hint`} className="cg-muted">
            {t('deleteTypeTitleHint')}
          </p>
          <p id={`${id}-warning`} className="cg-delete-warning">
            {t('deleteNowWarning')}
          </p>
          {state === 'failed' && (
            <p role="alert" className="cg-error">
              {t('deleteFailed')}
            </p>
          )}
        </form>
      </TldrawUiDialogBody>
      <TldrawUiDialogFooter className="cg-dialog-footer cg-delete-footer">
        <button type="button" className="cg-secondary" onClick={onClose}>
          {t('keepWorkshop')}
        </button>
        <button type="submit" form={`${id}-form`} disabled={!confirmed || busy}>
          {state === 'trash' ? t('movingToTrash') : t('moveToTrash')}
        </button>
        <button
          type="button"
          className="cg-danger"
          disabled={!confirmed || busy}
          aria-describedby={`${id}-warning`}
          onClick={() => void remove(true)}
        >
          {state === 'purge' ? t('deletingNow') : t('deleteNow')}
        </button>
      </TldrawUiDialogFooter>
    </>
  )
}
