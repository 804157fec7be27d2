import { useId, useState, type KeyboardEvent } from 'react'
import type { Outline, OutlineNote, OutlinePlace } from '@cg/outline'
import type { Sector } from '@cg/templates'
import { useI18n } from '../i18n/I18nProvider.tsx'
import { OutlineDialog } from './OutlineDialog.tsx'
import { placesToAddTo } from './outlineItems.ts'

/** The dialog open on the outline, if any, and what it is about. */
export type NoteDialogState =
  | { kind: 'add'; place: OutlinePlace }
  | { kind: 'edit' | 'tag' | 'move' | 'delete'; note: OutlineNote; placeKey: string }

/** What a dialog asks the page to do once the person confirms. */
export type NoteDialogResult =
  | { kind: 'add'; place: OutlinePlace; text: string; sector: string | null }
  | { kind: 'edit'; note: OutlineNote; text: string }
  | { kind: 'tag'; note: OutlineNote; sector: string | null }
  | { kind: 'move'; note: OutlineNote; place: OutlinePlace }
  | { kind: 'delete'; note: OutlineNote }

/** Ctrl+Enter (or ⌘+Enter) in a multi-line field submits its form, as in most editors. */
function submitOnCtrlEnter(event: KeyboardEvent<HTMLTextAreaElement>) {
  if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
    event.preventDefault()
    event.currentTarget.form?.requestSubmit()
  }
}

function SectorField({
  sectors,
  value,
  onChange,
}: {
  sectors: readonly Sector[]
  value: string
  onChange: (value: string) => void
}) {
  const { t, language } = useI18n()
  const id = useId()
  return (
    <p className="cg-outline-field">
      <label htmlFor={id}>{t('outlineSector')}</label>
      <select id={id} value={value} onChange={(event) => onChange(event.target.value)}>
        <option value="">{t('noSector')}</option>
        {sectors.map((sector) => (
          <option key={sector.id} value={sector.id}>
            {sector.names[language.code]}
          </option>
        ))}
      </select>
    </p>
  )
}

/** The dialog of `state`: add a note, edit its text, tag it, move it, or confirm its deletion. */
export function NoteDialog(props: {
  state: NoteDialogState
  outline: Outline
  sectors: readonly Sector[]
  /** New notes are private drafts (private mode is on for this person). */
  privateDrafts: boolean
  onDone: (result: NoteDialogResult) => void
  onCancel: () => void
}) {
  const { state, onDone, onCancel } = props
  const { t } = useI18n()
  const textId = useId()
  const hintId = useId()
  const [text, setText] = useState(state.kind === 'add' ? '' : state.note.text)
  const [sector, setSector] = useState(state.kind === 'add' ? '' : (state.note.sector ?? ''))
  const [placeKey, setPlaceKey] = useState(state.kind === 'add' ? state.place.key : state.placeKey)

  const textField = (
    <p className="cg-outline-field">
      <label htmlFor={textId}>{t('outlineNoteText')}</label>
      <textarea
        id={textId}
        rows={4}
        value={text}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={submitOnCtrlEnter}
        aria-describedby={state.kind === 'add' && props.privateDrafts ? hintId : undefined}
      />
    </p>
  )

  switch (state.kind) {
    case 'add':
      return (
        <OutlineDialog
          title={t('outlineAddNoteTo').replace('{place}', state.place.label)}
          submitLabel={t('outlineAdd')}
          submitDisabled={!text.trim()}
          onSubmit={() => onDone({ kind: 'add', place: state.place, text: text.trim(), sector: sector || null })}
          onCancel={onCancel}
        >
          {textField}
          <SectorField sectors={props.sectors} value={sector} onChange={setSector} />
          {props.privateDrafts && (
            <p id={hintId} className="cg-outline-hint">
              {t('outlinePrivateHint')}
            </p>
          )}
        </OutlineDialog>
      )
    case 'edit':
      return (
        <OutlineDialog
          title={t('outlineEditTitle')}
          submitLabel={t('outlineSave')}
          onSubmit={() => onDone({ kind: 'edit', note: state.note, text })}
          onCancel={onCancel}
        >
          {textField}
        </OutlineDialog>
      )
    case 'tag':
      return (
        <OutlineDialog
          title={t('outlineTagTitle')}
          submitLabel={t('outlineSave')}
          onSubmit={() => onDone({ kind: 'tag', note: state.note, sector: sector || null })}
          onCancel={onCancel}
        >
          <p className="cg-outline-quote">{state.note.text}</p>
          <SectorField sectors={props.sectors} value={sector} onChange={setSector} />
        </OutlineDialog>
      )
    case 'move': {
      const place = props.outline.placesByKey.get(placeKey)
      return (
        <OutlineDialog
          title={t('outlineMoveTitle')}
          submitLabel={t('outlineMoveButton')}
          submitDisabled={!place?.target || placeKey === state.placeKey}
          onSubmit={() => place && onDone({ kind: 'move', note: state.note, place })}
          onCancel={onCancel}
        >
          <p className="cg-outline-quote">{state.note.text}</p>
          <PlaceField outline={props.outline} value={placeKey} onChange={setPlaceKey} />
        </OutlineDialog>
      )
    }
    case 'delete':
      return (
        <OutlineDialog
          title={t('outlineDeleteTitle')}
          submitLabel={t('outlineDeleteButton')}
          danger
          onSubmit={() => onDone({ kind: 'delete', note: state.note })}
          onCancel={onCancel}
        >
          <p>{t('outlineDeleteText').replace('{text}', state.note.text.trim() || t('outlineEmptyNote'))}</p>
        </OutlineDialog>
      )
  }
}

/** Every place a note can go to, by name, under the frame (or group of notes) it is in. */
function PlaceField({
  outline,
  value,
  onChange,
}: {
  outline: Outline
  value: string
  onChange: (value: string) => void
}) {
  const { t } = useI18n()
  const id = useId()
  const groups = new Map<OutlinePlace, OutlinePlace[]>()
  for (const { place, top } of placesToAddTo(outline)) groups.set(top, [...(groups.get(top) ?? []), place])
  return (
    <p className="cg-outline-field">
      <label htmlFor={id}>{t('outlineMoveTo')}</label>
      <select id={id} value={value} onChange={(event) => onChange(event.target.value)}>
        {[...groups].map(([top, places]) => (
          <optgroup key={top.key} label={top.label}>
            {places.map((place) => (
              <option key={place.key} value={place.key}>
                {place.label}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
    </p>
  )
}
