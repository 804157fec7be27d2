import { useId, useState, type FormEvent } from 'react'
import type { AgendaItem } from '@cg/facilitation'
import { useI18n } from '../i18n/I18nProvider.tsx'
import type { MessageKey } from '../i18n/messages.ts'
import { useWorkshopField } from './useDocValue.ts'
import { useWorkshop } from './WorkshopContext.ts'
import { newItemId, startAgendaItem, timerActions, updateWorkshop } from './writeWorkshop.ts'

/** The session plan of a typical joint programme design workshop, offered as a starting point. */
const SAMPLE_PLAN: [MessageKey, MessageKey, number][] = [
  ['sampleIntro', 'methodPlenary', 2],
  ['sampleVision', 'methodThinkPairShare', 20],
  ['samplePriorities', 'methodStickerVoting', 10],
  ['sampleGroupWork', 'methodBreakouts', 40],
  ['samplePresentations', 'methodPresentations', 20],
]

/** Agenda and timer controls of the facilitator panel. */
export function AgendaSection() {
  const { t } = useI18n()
  const { workshopDoc: doc, serverNow } = useWorkshop()
  const agenda = useWorkshopField('agenda')
  const currentItemId = useWorkshopField('currentItemId')
  const timer = useWorkshopField('timer')
  const formId = useId()
  const [topic, setTopic] = useState('')
  const [method, setMethod] = useState('')
  const [minutes, setMinutes] = useState('10')
  const [timerMinutes, setTimerMinutes] = useState('5')

  const setAgenda = (change: (items: AgendaItem[]) => AgendaItem[]) => updateWorkshop(doc, 'agenda', change)
  const move = (index: number, by: -1 | 1) =>
    setAgenda((items) => {
      const next = [...items]
      const [item] = next.splice(index, 1)
      next.splice(index + by, 0, item!)
      return next
    })

  function add(event: FormEvent) {
    event.preventDefault()
    const parsed = Math.min(600, Number(minutes))
    if (!topic.trim() || !Number.isFinite(parsed) || parsed < 0) return
    setAgenda((items) => [...items, { id: newItemId(), topic: topic.trim(), method: method.trim(), minutes: parsed }])
    setTopic('')
    setMethod('')
  }

  return (
    <section aria-labelledby={`${formId}-agenda`} className="cg-fac-section">
      <h3 id={`${formId}-agenda`}>{t('agenda')}</h3>
      {agenda.length === 0 ? (
        <p className="cg-muted">
          {t('agendaEmpty')}{' '}
          <button
            type="button"
            onClick={() =>
              setAgenda(() =>
                SAMPLE_PLAN.map(([topicKey, methodKey, length]) => ({
                  id: newItemId(),
                  topic: t(topicKey),
                  method: t(methodKey),
                  minutes: length,
                })),
              )
            }
          >
            {t('useSamplePlan')}
          </button>
        </p>
      ) : (
        <ol className="cg-agenda">
          {agenda.map((item, index) => (
            <li key={item.id} aria-current={item.id === currentItemId ? 'step' : undefined}>
              <span className="cg-agenda-text">
                <bdi>{item.topic}</bdi>
                {item.method && <span className="cg-muted"> · {item.method}</span>}
                <span className="cg-muted"> · {t('minutesShort').replace('{n}', String(item.minutes))}</span>
              </span>
              <span className="cg-agenda-actions">
                <button
                  type="button"
                  aria-label={`${t('startItem')}: ${item.topic}`}
                  onClick={() => startAgendaItem(doc, item, serverNow())}
                >
                  {t('startItem')}
                </button>
                <button
                  type="button"
                  aria-label={`${t('moveUp')}: ${item.topic}`}
                  disabled={index === 0}
                  onClick={() => move(index, -1)}
                >
                  ↑
                </button>
                <button
                  type="button"
                  aria-label={`${t('moveDown')}: ${item.topic}`}
                  disabled={index === agenda.length - 1}
                  onClick={() => move(index, 1)}
                >
                  ↓
                </button>
                <button
                  type="button"
                  aria-label={`${t('removeItem')}: ${item.topic}`}
                  onClick={() => setAgenda((items) => items.filter((other) => other.id !== item.id))}
                >
                  ✕
                </button>
              </span>
            </li>
          ))}
        </ol>
      )}
      <form className="cg-agenda-form" onSubmit={add}>
        <label>
          {t('agendaTopic')}
          <input value={topic} maxLength={200} onChange={(event) => setTopic(event.target.value)} />
        </label>
        <label>
          {t('agendaMethod')}
          <input value={method} maxLength={200} onChange={(event) => setMethod(event.target.value)} />
        </label>
        <label>
          {t('agendaMinutes')}
          <input type="number" min={0} max={600} value={minutes} onChange={(event) => setMinutes(event.target.value)} />
        </label>
        <button type="submit" disabled={!topic.trim()}>
          {t('addAgendaItem')}
        </button>
      </form>

      <h3>{t('timer')}</h3>
      <div className="cg-timer-controls">
        <label>
          {t('agendaMinutes')}
          <input
            type="number"
            min={1}
            max={600}
            value={timerMinutes}
            onChange={(event) => setTimerMinutes(event.target.value)}
          />
        </label>
        <button
          type="button"
          onClick={() => {
            const parsed = Number(timerMinutes)
            if (Number.isFinite(parsed) && parsed > 0) timerActions.start(doc, Math.min(parsed, 600), serverNow())
          }}
        >
          {t('startTimer')}
        </button>
        {timer.status === 'running' && (
          <button type="button" onClick={() => timerActions.pause(doc, serverNow())}>
            {t('pauseTimer')}
          </button>
        )}
        {timer.status === 'paused' && (
          <button type="button" onClick={() => timerActions.resume(doc, serverNow())}>
            {t('resumeTimer')}
          </button>
        )}
        <button type="button" onClick={() => timerActions.addMinute(doc, serverNow())}>
          {t('addMinute')}
        </button>
        {timer.status !== 'idle' && (
          <button type="button" onClick={() => timerActions.reset(doc)}>
            {t('resetTimer')}
          </button>
        )}
      </div>
    </section>
  )
}
