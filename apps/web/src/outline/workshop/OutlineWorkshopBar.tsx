import { useId } from 'react'
import { CurrentItem, TimerDisplay } from '../../agenda/index.ts'
import { PrivateModeNotice } from '../../private/index.ts'
import { useBoardVoting, VotingProgress } from '../../voting/index.ts'
import { useI18n } from '../../i18n/I18nProvider.tsx'
import { useWorkshopField } from '../../board/workshop/useDocValue.ts'
import { useWorkshop } from '../../board/workshop/WorkshopContext.ts'
import { WorkshopAnnouncer } from './WorkshopAnnouncer.tsx'
import './outlineWorkshop.css'

/**
 * The workshop as the outline shows it, in a region of its own with a heading (a screen reader finds it among the
 * landmarks): the agenda item running now and the next, the shared timer, the sticker vote in progress with this
 * person's stickers left, and private mode as it applies to them. The same pieces as the board page's workshop bar.
 * Changes are announced politely by the WorkshopAnnouncer; the countdown itself is never read out each second.
 */
export function OutlineWorkshopBar() {
  const { t, language } = useI18n()
  const { privateRoomFull } = useWorkshop()
  const headingId = useId()
  const agenda = useWorkshopField('agenda')
  const currentItemId = useWorkshopField('currentItemId')
  const timer = useWorkshopField('timer')
  const privateMode = useWorkshopField('privateMode')
  const { open } = useBoardVoting()
  const anything =
    agenda.some((item) => item.id === currentItemId) ||
    timer.status !== 'idle' ||
    open !== undefined ||
    privateMode.on ||
    privateRoomFull
  return (
    <section
      className="cg-outline-workshop"
      aria-labelledby={headingId}
      dir={language.dir}
      data-testid="outline-workshop-bar"
    >
      <h2 id={headingId} className="cg-outline-workshop-heading">
        {t('workshop')}
      </h2>
      <div className="cg-outline-workshop-items">
        <CurrentItem />
        <TimerDisplay />
        {open && <VotingProgress session={open} />}
        <PrivateModeNotice />
        {!anything && <p className="cg-outline-workshop-quiet">{t('outlineWorkshopQuiet')}</p>}
      </div>
      <WorkshopAnnouncer />
    </section>
  )
}
