import { useEffect, useRef, useState } from 'react'
import { formatRemaining, remainingMs } from '@cg/facilitation'
import { useI18n } from '../i18n/I18nProvider.tsx'
import { playChime } from './chime.ts'
import { BellIcon } from './BellIcon.tsx'
import { topicText } from './sessionPlan.ts'
import { useWorkshopField } from '../board/workshop/useDocValue.ts'
import { useTicker } from '../shared/useTicker.ts'
import { useWorkshop } from '../board/workshop/WorkshopContext.ts'

const MUTE_KEY = 'cg.timerMuted'

/** The shared countdown, the same on every screen; chimes once when it reaches zero while the page is open. */
export function TimerDisplay() {
  const { t } = useI18n()
  const { serverNow } = useWorkshop()
  const timer = useWorkshopField('timer')
  useTicker(timer.status === 'running')
  const left = remainingMs(timer, serverNow())
  const [muted, setMuted] = useState(() => localStorage.getItem(MUTE_KEY) === '1')

  // Chime on the transition to zero only, never for a timer that had already ended when the page opened.
  const previous = useRef<number | null>(null)
  useEffect(() => {
    const before = previous.current
    previous.current = timer.status === 'running' ? left : null
    if (before !== null && before > 0 && left === 0 && !muted) playChime()
  }, [left, timer.status, muted])

  if (timer.status === 'idle') return null
  const ended = timer.status === 'running' && left === 0
  const label = ended ? t('timeIsUp') : formatRemaining(left)
  return (
    <div className={`cg-timer${ended ? ' cg-timer-ended' : ''}`} data-status={timer.status}>
      {timer.label && (
        <bdi className="cg-timer-label">{topicText({ topic: timer.label, topicKey: timer.labelKey }, t)}</bdi>
      )}
      <span
        role="timer"
        aria-label={`${t('timeLeft')}: ${label}`}
        className="cg-timer-time"
        data-testid="workshop-timer"
        dir="ltr"
      >
        {label}
      </span>
      {timer.status === 'paused' && <span className="cg-timer-paused">{t('timerPaused')}</span>}
      <button
        type="button"
        className="cg-icon-button"
        aria-label={muted ? t('unmuteTimer') : t('muteTimer')}
        title={muted ? t('unmuteTimer') : t('muteTimer')}
        onClick={() => {
          localStorage.setItem(MUTE_KEY, muted ? '0' : '1')
          setMuted(!muted)
        }}
      >
        <BellIcon crossed={muted} />
      </button>
    </div>
  )
}
