import { useEffect, useId, useState } from 'react'
import { ApiErrorCode, type WorkshopRetention } from '@cg/contract'
import { useWorkshop } from '../board/workshop/WorkshopContext.ts'
import { deletionDate } from '../deletion/index.ts'
import { useI18n } from '../i18n/I18nProvider.tsx'
import type { MessageKey } from '../i18n/messages.ts'
import { plural } from '../i18n/plurals.ts'
import { fetchClientConfig, setRetention, type ApiFailureCode } from '../shared/api.ts'
import { PanelSection } from '../shared/PanelSection.tsx'
import { dayOf, dayOfDate, endOfDay } from './retentionDates.ts'
import { rememberSavedRetention, useRetention } from './savedRetention.ts'

type SaveState = { kind: 'idle' | 'saving' | 'saved' } | { kind: 'failed'; message: MessageKey }

/** What the person is told when the server refuses the dates. */
function failureMessage(code: ApiFailureCode): MessageKey {
  if (code === ApiErrorCode.invalidRequest) return 'retentionInvalid'
  if (code === ApiErrorCode.forbidden || code === ApiErrorCode.invalidToken) return 'retentionForbidden'
  return 'retentionFailed'
}

/** One date of the workshop's retention: a day, and a button that clears it (never). */
function DateField(props: {
  label: string
  help: string
  /** What no date means. */
  emptyHelp: string
  value: string
  min: string
  onChange: (day: string) => void
}) {
  const { t } = useI18n()
  const id = useId()
  return (
    <div className="cg-retention-field">
      <label htmlFor={id}>{props.label}</label>
      <div className="cg-retention-row">
        <input
          id={id}
          type="date"
          value={props.value}
          min={props.min}
          aria-describedby={`${id}-help`}
          onChange={(event) => props.onChange(event.target.value)}
        />
        <button
          type="button"
          className="cg-retention-clear"
          disabled={props.value === ''}
          aria-label={t('retentionClear').replace('{field}', props.label)}
          onClick={() => props.onChange('')}
        >
          {t('retentionNever')}
        </button>
      </div>
      <p id={`${id}-help`} className="cg-muted">
        {props.value === '' ? props.emptyHelp : props.help}
      </p>
    </div>
  )
}

/**
 * The facilitator's dates for the whole workshop (plenary only: breakouts go with it): until when it is kept, and
 * until when the participant and viewer links work. Also says when the server's idle rule would delete it.
 */
export function RetentionSection() {
  const { t, language } = useI18n()
  const { board, token } = useWorkshop()
  const retention = useRetention(board)
  const [deleteDay, setDeleteDay] = useState(() => dayOfDate(retention?.deleteOn ?? null))
  const [linksDay, setLinksDay] = useState(() => dayOfDate(retention?.linksExpireAt ?? null))
  const [state, setState] = useState<SaveState>({ kind: 'idle' })
  const [idleDays, setIdleDays] = useState<number | null>(null)
  useEffect(() => {
    let current = true
    void fetchClientConfig().then((config) => {
      if (current && config.ok) setIdleDays(config.value.retainIdleDays ?? null)
    })
    return () => {
      current = false
    }
  }, [])
  if (board.parentId) return null

  async function save() {
    setState({ kind: 'saving' })
    const result = await setRetention(board.id, token, {
      deleteOn: endOfDay(deleteDay),
      linksExpireAt: endOfDay(linksDay),
    })
    if (!result.ok) return setState({ kind: 'failed', message: failureMessage(result.code) })
    rememberSavedRetention(board.id, result.value)
    setDeleteDay(dayOfDate(result.value.deleteOn))
    setLinksDay(dayOfDate(result.value.linksExpireAt))
    setState({ kind: 'saved' })
  }
  const change = (set: (day: string) => void) => (day: string) => {
    set(day)
    setState({ kind: 'idle' })
  }
  const today = dayOf(Date.now())

  return (
    <PanelSection title={t('retention')} className="cg-retention">
      <p className="cg-muted">{t('retentionHelp')}</p>
      <DateField
        label={t('retentionDeleteOn')}
        help={t('retentionDeleteOnHelp')}
        emptyHelp={t('retentionNoDeleteDate')}
        value={deleteDay}
        min={today}
        onChange={change(setDeleteDay)}
      />
      <DateField
        label={t('retentionLinksUntil')}
        help={t('retentionLinksUntilHelp')}
        emptyHelp={t('retentionNoLinksDate')}
        value={linksDay}
        min={today}
        onChange={change(setLinksDay)}
      />
      <button type="button" disabled={state.kind === 'saving'} onClick={() => void save()}>
        {state.kind === 'saving' ? t('retentionSaving') : t('retentionSave')}
      </button>
      <p role="status" className="cg-muted">
        {state.kind === 'saved' ? t('retentionSaved') : ''}
      </p>
      {state.kind === 'failed' && (
        <p role="alert" className="cg-error">
          {t(state.message)}
        </p>
      )}
      {idleDays !== null && <IdleDeletion retention={retention} idleDays={idleDays} language={language.code} />}
    </PanelSection>
  )
}

/** The server deletes a workshop nobody opened for `RETAIN_IDLE_DAYS`: when that would be for this one. */
function IdleDeletion(props: {
  retention: WorkshopRetention | undefined
  idleDays: number
  language: Parameters<typeof deletionDate>[1]
}) {
  const { t } = useI18n()
  const on = props.retention?.idleDeleteOn
  return (
    <p className="cg-retention-idle">
      {t('retentionIdle').replace('{days}', plural(props.language, 'idleDays', props.idleDays))}
      {on ? ` ${t('retentionIdleOn').replace('{date}', deletionDate(on, props.language))}` : ''}
    </p>
  )
}
