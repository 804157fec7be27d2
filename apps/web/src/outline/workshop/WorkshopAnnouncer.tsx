import { useEffect, useMemo, useRef, useState } from 'react'
import { topicText } from '../../agenda/index.ts'
import { useMakesPrivateDrafts } from '../../private/index.ts'
import { useBoardVoting } from '../../voting/index.ts'
import { useI18n } from '../../i18n/I18nProvider.tsx'
import { plural } from '../../i18n/plurals.ts'
import { useWorkshopField } from '../../board/workshop/useDocValue.ts'
import { useWorkshop } from '../../board/workshop/WorkshopContext.ts'
import { minutesLeft, timerPhase, workshopNews, type WorkshopMoment, type WorkshopNews } from './workshopNews.ts'

/** How long an announcement stays in the live region (a screen reader's reading cursor would find it later). */
const SHOWN_MS = 15_000

/**
 * The workshop's news, said politely by a screen reader: the agenda moved on, the timer started, paused, stopped or ran out, a vote opened
 * or ended, private mode on or off (see workshopNews). Not the countdown, which would speak every second.
 */
export function WorkshopAnnouncer() {
  const { t, language } = useI18n()
  const { serverNow } = useWorkshop()
  const agenda = useWorkshopField('agenda')
  const currentItemId = useWorkshopField('currentItemId')
  const timer = useWorkshopField('timer')
  const privateMode = useWorkshopField('privateMode')
  const drafting = useMakesPrivateDrafts()
  const { open, ended } = useBoardVoting()
  // When (server time) the page last woke up to read the timer: reaching zero changes nothing in the doc.
  const [wokenAt, setWokenAt] = useState(0)
  const [said, setSaid] = useState<{ text: string; count: number }>({ text: '', count: 0 })
  const previous = useRef<WorkshopMoment | null>(null)

  useEffect(() => {
    if (timer.status !== 'running') return
    const wait = timer.endsAt - serverNow()
    if (wait < 0) return
    const wake = setTimeout(() => setWokenAt(serverNow()), wait + 50)
    return () => clearTimeout(wake)
  }, [timer, serverNow])

  // The same item object while the agenda is unchanged (useDocValue keeps what reads the same).
  const current = agenda.find((item) => item.id === currentItemId)
  const agendaItem = useMemo(() => current && { id: current.id, topic: topicText(current, t) }, [current, t])
  const moment = useMemo<WorkshopMoment>(
    () => ({
      agendaItem: agendaItem ?? null,
      timer: timerPhase(timer, Math.max(serverNow(), wokenAt)),
      openVote: open ? { id: open.id, title: open.title } : null,
      endedVote: ended ? { id: ended.id, title: ended.title } : null,
      privateMode: privateMode.on,
    }),
    [agendaItem, timer, serverNow, wokenAt, open, ended, privateMode.on],
  )

  useEffect(() => {
    const news = workshopNews(previous.current, moment)
    previous.current = moment
    if (news.length === 0) return
    const left = (ms: number) => plural(language.code, 'outlineMinutesLeft', minutesLeft(ms))
    const wording = (item: WorkshopNews): string => {
      switch (item.kind) {
        case 'agendaItem':
          return `${t('nowLabel')} ${item.topic}.`
        case 'timerRunning':
          return t('outlineTimerRunning').replace('{left}', left(item.leftMs))
        case 'timerPaused':
          return t('outlineTimerPaused').replace('{left}', left(item.leftMs))
        case 'timerStopped':
          return t('outlineTimerStopped')
        case 'timeIsUp':
          return `${t('timeIsUp')}.`
        case 'voteOpened':
          return t('outlineVoteOpened').replace('{title}', item.title)
        case 'voteEnded':
          return t('outlineVoteEnded').replace('{title}', item.title)
        case 'privateModeOn':
          return drafting ? t('privateModeParticipant') : t('privateModeOn')
        case 'privateModeOff':
          return t('outlinePrivateModeOff')
      }
    }
    const text = news.map(wording).join(' ')
    setSaid((before) => ({ text, count: before.count + 1 }))
  }, [moment, t, language.code, drafting])

  useEffect(() => {
    if (!said.text) return
    const clear = setTimeout(() => setSaid((now) => (now.count === said.count ? { ...now, text: '' } : now)), SHOWN_MS)
    return () => clearTimeout(clear)
  }, [said])

  return (
    <div className="cg-outline-workshop-news" role="status" data-testid="outline-workshop-news">
      {/* A new node each time, so the same words said twice (two timers that ran out) are said twice. */}
      <span key={said.count}>{said.text}</span>
    </div>
  )
}
