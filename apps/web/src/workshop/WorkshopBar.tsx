import { CurrentItem, TimerDisplay } from '../agenda/index.ts'
import { BroadcastNotice, FollowStatus } from '../attention/index.ts'
import { InChromeSlot } from '../board/ChromeSlots.tsx'
import { BreakoutStatus } from '../breakouts/index.ts'
import { useI18n } from '../i18n/I18nProvider.tsx'
import { PrivateModeNotice } from '../private/index.ts'
import { VotingStatus } from '../voting/index.ts'

/**
 * What everyone sees of the workshop, in every room: the current agenda item and timer, the vote in progress,
 * follow and private mode, the breakout group, and the facilitator's messages. In the strip above the canvas.
 */
export function WorkshopBar() {
  const { t, language } = useI18n()
  return (
    <InChromeSlot slot="strip">
      <div className="cg-workshop-bar" role="region" aria-label={t('workshop')} dir={language.dir}>
        <CurrentItem />
        <TimerDisplay />
        <VotingStatus />
        <FollowStatus />
        <PrivateModeNotice />
        <BreakoutStatus />
        <BroadcastNotice />
      </div>
    </InChromeSlot>
  )
}
