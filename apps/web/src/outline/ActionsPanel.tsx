import { forwardRef, useId, type ReactNode } from 'react'
import type { OutlineNote, OutlinePlace } from '@cg/outline'
import { useI18n } from '../i18n/I18nProvider.tsx'
import type { NoteDialogState } from './NoteDialogs.tsx'

/**
 * What the person can do with the focused item, beside the tree: add a note to its place (the button says where),
 * and for a note, edit its text, tag it, move it, delete it. Enter in the tree comes here, Escape goes back; the
 * mouse reaches it directly. `extra`: the workshop's part (stickers during a vote, a co-drafted text).
 */
export const ActionsPanel = forwardRef<
  HTMLElement,
  {
    /** The focused place, or the place of the focused note. */
    place: OutlinePlace | null
    note: OutlineNote | null
    /** Whether this person's link lets them change the board. */
    canEdit: boolean
    /** Whether they may change it from here now (the board's version is the one the outline writes). */
    canWrite: boolean
    onOpen: (dialog: NoteDialogState) => void
    onBack: () => void
    extra?: ReactNode
  }
>(function ActionsPanel({ place, note, canEdit, canWrite, onOpen, onBack, extra }, ref) {
  const { t } = useI18n()
  const headingId = useId()
  const placeKey = place?.key ?? ''
  const subject = note ? note.text.trim() || t('outlineEmptyNote') : (place?.label ?? '')
  return (
    <section
      ref={ref}
      className="cg-outline-actions"
      aria-labelledby={headingId}
      tabIndex={-1}
      data-testid="outline-actions"
      onKeyDown={(event) => {
        if (event.key !== 'Escape' || event.defaultPrevented) return
        event.preventDefault()
        onBack()
      }}
    >
      <h2 id={headingId}>{t('outlineActions')}</h2>
      {subject && (
        <p className="cg-outline-subject">
          <bdi>{subject}</bdi>
        </p>
      )}
      {!note && place?.description && <p className="cg-outline-description">{place.description}</p>}
      {canWrite && note && note.editable && (
        <div className="cg-outline-buttons">
          <button type="button" onClick={() => onOpen({ kind: 'edit', note, placeKey })}>
            {t('outlineEditText')}
          </button>
          <button type="button" onClick={() => onOpen({ kind: 'tag', note, placeKey })}>
            {t('outlineTag')}
          </button>
          <button type="button" onClick={() => onOpen({ kind: 'move', note, placeKey })}>
            {t('outlineMove')}
          </button>
          <button type="button" className="cg-danger" onClick={() => onOpen({ kind: 'delete', note, placeKey })}>
            {t('outlineDelete')}
          </button>
        </div>
      )}
      {canWrite && note && !note.editable && !note.codraft && <p className="cg-muted">{t('outlineNotEditable')}</p>}
      {extra}
      {canWrite && place && place.target && (
        <div className="cg-outline-buttons">
          <button type="button" onClick={() => onOpen({ kind: 'add', place })}>
            {t('outlineAddNoteTo').replace('{place}', place.label)}
          </button>
        </div>
      )}
      {canWrite && place && !place.target && !note && <p className="cg-muted">{t('outlineNothingToAdd')}</p>}
      {!canEdit && <p className="cg-muted">{t('outlineReadOnly')}</p>}
      <p className="cg-muted cg-outline-back-hint">{t('outlineActionsBack')}</p>
    </section>
  )
})
