import { useState, type FormEvent } from 'react'
import { AGENDA_METHODS, type AgendaItem, type AgendaMethod } from '@cg/facilitation'
import { useI18n } from '../i18n/I18nProvider.tsx'
import { METHOD_MESSAGES, methodText, topicText } from './sessionPlan.ts'

export type AgendaItemFields = Omit<AgendaItem, 'id'>

const NO_METHOD = ''
const OTHER_METHOD = 'other'
const MAX_MINUTES = 600

/**
 * Topic, method and minutes of one agenda item: to add one, or to edit one in place. A sample topic left as it
 * reads keeps its key (everyone goes on reading it in their language); one retyped becomes the typed text.
 */
export function AgendaItemForm({
  item,
  submitLabel,
  onSubmit,
  onCancel,
}: {
  item?: AgendaItemFields
  submitLabel: string
  onSubmit: (fields: AgendaItemFields) => void
  onCancel?: () => void
}) {
  const { t } = useI18n()
  const shownTopic = item ? topicText(item, t) : ''
  const [topic, setTopic] = useState(shownTopic)
  const [method, setMethod] = useState<string>(item?.methodKey ?? (item?.method ? OTHER_METHOD : NO_METHOD))
  const [otherMethod, setOtherMethod] = useState(item && !item.methodKey ? item.method : '')
  const [minutes, setMinutes] = useState(String(item?.minutes ?? 10))
  const parsedMinutes = Number(minutes)
  const valid = topic.trim() !== '' && minutes.trim() !== '' && Number.isFinite(parsedMinutes) && parsedMinutes >= 0

  function submit(event: FormEvent) {
    event.preventDefault()
    if (!valid) return
    const keptTopicKey = topic === shownTopic ? item?.topicKey : undefined
    const methodKey = (AGENDA_METHODS as readonly string[]).includes(method) ? (method as AgendaMethod) : undefined
    onSubmit({
      topic: keptTopicKey ? item!.topic : topic.trim(),
      ...(keptTopicKey ? { topicKey: keptTopicKey } : {}),
      method: methodKey ? methodText({ method: '', methodKey }, t) : method === OTHER_METHOD ? otherMethod.trim() : '',
      ...(methodKey ? { methodKey } : {}),
      minutes: Math.min(MAX_MINUTES, Math.round(parsedMinutes)),
    })
    if (!item) {
      setTopic('')
      setMethod(NO_METHOD)
      setOtherMethod('')
    }
  }

  return (
    <form className="cg-agenda-form" onSubmit={submit}>
      <label>
        {t('agendaTopic')}
        <input value={topic} maxLength={200} onChange={(event) => setTopic(event.target.value)} />
      </label>
      <label>
        {t('agendaMethod')}
        <select value={method} onChange={(event) => setMethod(event.target.value)}>
          <option value={NO_METHOD}>—</option>
          {AGENDA_METHODS.map((key) => (
            <option key={key} value={key}>
              {t(METHOD_MESSAGES[key])}
            </option>
          ))}
          <option value={OTHER_METHOD}>{t('methodOther')}</option>
        </select>
      </label>
      {method === OTHER_METHOD && (
        <label>
          {t('methodOtherText')}
          <input value={otherMethod} maxLength={200} onChange={(event) => setOtherMethod(event.target.value)} />
        </label>
      )}
      <label>
        {t('agendaMinutes')}
        <input
          type="number"
          min={0}
          max={MAX_MINUTES}
          value={minutes}
          onChange={(event) => setMinutes(event.target.value)}
        />
      </label>
      <span className="cg-agenda-form-actions">
        <button type="submit" disabled={!valid}>
          {submitLabel}
        </button>
        {onCancel && (
          <button type="button" onClick={onCancel}>
            {t('cancelEdit')}
          </button>
        )}
      </span>
    </form>
  )
}
