import { useState } from 'react'
import { minutesRun, type AgendaItem } from '@cg/facilitation'
import { useI18n } from '../i18n/I18nProvider.tsx'
import { plural } from '../i18n/plurals.ts'
import { AgendaItemForm, type AgendaItemFields } from './AgendaItemForm.tsx'
import {
  METHOD_TOOLS,
  methodText,
  samplePlanItems,
  TOOL_HEADINGS,
  topicText,
  totalMinutes,
  type FacilitationTool,
} from './sessionPlan.ts'
import { useWorkshopField } from '../board/workshop/useDocValue.ts'
import { useWorkshop } from '../board/workshop/WorkshopContext.ts'
import { newItemId, updateWorkshop } from '../board/workshop/writeWorkshop.ts'
import { finishAgendaItem, startAgendaItem, timerActions } from './writeAgenda.ts'
import { PanelSection } from '../shared/PanelSection.tsx'

/** Brings the panel's section for `tool` into view and moves the keyboard focus there. */
function openTool(from: HTMLElement, tool: FacilitationTool): void {
  const section = from.closest('.cg-facilitator-panel')?.querySelector<HTMLElement>(`[data-tool="${tool}"]`)
  section?.scrollIntoView({ block: 'start', behavior: 'smooth' })
  section?.focus({ preventScroll: true })
}

/** Agenda and timer controls of the facilitator panel. */
export function AgendaSection() {
  const { t, language } = useI18n()
  const { workshopDoc: doc, serverNow } = useWorkshop()
  const agenda = useWorkshopField('agenda')
  const currentItemId = useWorkshopField('currentItemId')
  const runs = useWorkshopField('agendaRuns')
  const place = useWorkshopField('place')
  const timer = useWorkshopField('timer')
  const [editingId, setEditingId] = useState<string | null>(null)
  const [timerMinutes, setTimerMinutes] = useState('5')

  const setAgenda = (change: (items: AgendaItem[]) => AgendaItem[]) => updateWorkshop(doc, 'agenda', change)
  const move = (index: number, by: -1 | 1) =>
    setAgenda((items) => {
      const next = [...items]
      const [item] = next.splice(index, 1)
      next.splice(index + by, 0, item!)
      return next
    })
  const save = (id: string, fields: AgendaItemFields) => {
    setAgenda((items) => items.map((item) => (item.id === id ? { id, ...fields } : item)))
    setEditingId(null)
  }

  return (
    <PanelSection title={t('agenda')}>
      <label className="cg-workshop-place">
        {t('workshopPlace')}
        <input
          type="text"
          maxLength={200}
          value={place}
          placeholder={t('workshopPlaceExample')}
          onChange={(event) => updateWorkshop(doc, 'place', () => event.target.value)}
        />
      </label>
      {agenda.length === 0 ? (
        <p className="cg-muted">
          {t('agendaEmpty')}{' '}
          <button type="button" onClick={() => setAgenda(() => samplePlanItems(t, newItemId))}>
            {t('useSamplePlan')}
          </button>
        </p>
      ) : (
        <>
          <ol className="cg-agenda">
            {agenda.map((item, index) => {
              const topic = topicText(item, t)
              const method = methodText(item, t)
              const tool = item.methodKey && METHOD_TOOLS[item.methodKey]
              const ran = minutesRun(runs, item.id, serverNow())
              const current = item.id === currentItemId
              if (item.id === editingId)
                return (
                  <li key={item.id}>
                    <AgendaItemForm
                      item={item}
                      submitLabel={t('saveItem')}
                      onSubmit={(fields) => save(item.id, fields)}
                      onCancel={() => setEditingId(null)}
                    />
                  </li>
                )
              return (
                <li key={item.id} aria-current={current ? 'step' : undefined}>
                  <span className="cg-agenda-text">
                    <bdi>{topic}</bdi>
                    {method && (
                      <span className="cg-muted">
                        {' · '}
                        <bdi>{method}</bdi>
                      </span>
                    )}
                    <span className="cg-muted"> · {plural(language.code, 'minutes', item.minutes)}</span>
                    {ran !== undefined && !current && (
                      <span className="cg-muted" data-testid="agenda-ran">
                        {' · '}
                        {t('ranFor').replace('{duration}', plural(language.code, 'minutes', ran))}
                      </span>
                    )}
                    {tool && (
                      <button
                        type="button"
                        className="cg-link-button"
                        aria-label={`${t('openTool')}: ${t(TOOL_HEADINGS[tool])}`}
                        onClick={(event) => openTool(event.currentTarget, tool)}
                      >
                        {t(TOOL_HEADINGS[tool])} →
                      </button>
                    )}
                  </span>
                  <span className="cg-agenda-actions">
                    {current ? (
                      <button
                        type="button"
                        aria-label={`${t('finishItem')}: ${topic}`}
                        onClick={() => finishAgendaItem(doc, serverNow())}
                      >
                        {t('finishItem')}
                      </button>
                    ) : (
                      <button
                        type="button"
                        aria-label={`${t('startItem')}: ${topic}`}
                        onClick={() => startAgendaItem(doc, item, serverNow())}
                      >
                        {t('startItem')}
                      </button>
                    )}
                    <button
                      type="button"
                      aria-label={`${t('editItem')}: ${topic}`}
                      onClick={() => setEditingId(item.id)}
                    >
                      ✎
                    </button>
                    <button
                      type="button"
                      aria-label={`${t('moveUp')}: ${topic}`}
                      disabled={index === 0}
                      onClick={() => move(index, -1)}
                    >
                      ↑
                    </button>
                    <button
                      type="button"
                      aria-label={`${t('moveDown')}: ${topic}`}
                      disabled={index === agenda.length - 1}
                      onClick={() => move(index, 1)}
                    >
                      ↓
                    </button>
                    <button
                      type="button"
                      aria-label={`${t('removeItem')}: ${topic}`}
                      onClick={() => {
                        // Removing the running item finishes it first: its run is closed, not left open for ever.
                        if (current) finishAgendaItem(doc, serverNow())
                        setAgenda((items) => items.filter((other) => other.id !== item.id))
                      }}
                    >
                      ✕
                    </button>
                  </span>
                </li>
              )
            })}
          </ol>
          <p className="cg-agenda-total" data-testid="agenda-total">
            {t('agendaTotal').replace('{duration}', plural(language.code, 'minutes', totalMinutes(agenda)))}
          </p>
        </>
      )}
      <AgendaItemForm
        submitLabel={t('addAgendaItem')}
        onSubmit={(fields) => setAgenda((items) => [...items, { id: newItemId(), ...fields }])}
      />

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
    </PanelSection>
  )
}
