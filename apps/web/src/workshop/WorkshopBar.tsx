import { useState } from 'react'
import { useEditor, useValue } from 'tldraw'
import { votesLeft, type BreakoutGroup } from '@cg/facilitation'
import { boardLink } from '../shared/boardLink.ts'
import { InChromeSlot } from '../board/ChromeSlots.tsx'
import { useI18n } from '../i18n/I18nProvider.tsx'
import { plural } from '../i18n/plurals.ts'
import { $templateCatalog } from '../board/shapes/templateCatalogAtom.ts'
import { $steppedOut, stepOut } from '../attention/AttentionEffects.tsx'
import { methodText, topicText } from '../agenda/sessionPlan.ts'
import { TimerDisplay } from '../agenda/TimerDisplay.tsx'
import { useMyBallot, useWorkshopField } from '../board/workshop/useDocValue.ts'
import { useBoardVoting } from '../voting/VotingOverlay.tsx'
import { VotingResults } from '../voting/VotingResults.tsx'
import { useWorkshop } from '../board/workshop/WorkshopContext.ts'

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

function CurrentItem() {
  const { t } = useI18n()
  const agenda = useWorkshopField('agenda')
  const currentItemId = useWorkshopField('currentItemId')
  const index = agenda.findIndex((item) => item.id === currentItemId)
  if (index < 0) return null
  const item = agenda[index]!
  const next = agenda[index + 1]
  const method = methodText(item, t)
  return (
    <div className="cg-current-item" data-testid="current-agenda-item">
      <span className="cg-muted">{t('nowLabel')}</span> <bdi>{topicText(item, t)}</bdi>
      {method && (
        <span className="cg-muted">
          {' · '}
          <bdi>{method}</bdi>
        </span>
      )}
      {next && (
        <span className="cg-muted cg-next-item">
          {' '}
          · {t('nextLabel')} <bdi>{topicText(next, t)}</bdi>
        </span>
      )}
    </div>
  )
}

function VotingStatus() {
  const { t, language } = useI18n()
  const { role } = useWorkshop()
  const { open, ended } = useBoardVoting()
  const ballot = useMyBallot(open?.id)
  const [showResults, setShowResults] = useState(false)
  if (open) {
    return (
      <div className="cg-voting-status" role="status" data-testid="votes-left">
        <bdi>{open.title}</bdi>:{' '}
        {role === 'viewer'
          ? t('votingInProgress')
          : plural(language.code, 'stickersLeft', votesLeft(open, ballot), { total: open.votesPerPerson })}
      </div>
    )
  }
  if (!ended) return null
  return (
    <div className="cg-voting-status">
      <button type="button" aria-expanded={showResults} onClick={() => setShowResults(!showResults)}>
        {showResults ? t('hideResults') : t('showResults')}
      </button>
      {showResults && (
        <div className="cg-popover">
          <VotingResults session={ended} />
        </div>
      )}
    </div>
  )
}

function FollowStatus() {
  const { t } = useI18n()
  const editor = useEditor()
  const { me } = useWorkshop()
  const follow = useWorkshopField('follow')
  const steppedOut = useValue($steppedOut)
  if (!follow) return null
  if (follow.leaderId === me.id) return <div className="cg-follow-status">{t('everyoneFollowsYou')}</div>
  return (
    <div className="cg-follow-status" role="status">
      {steppedOut ? (
        <button type="button" onClick={() => $steppedOut.set(false)}>
          {t('followAgain').replace('{name}', follow.leaderName)}
        </button>
      ) : (
        <>
          {t('followingName').replace('{name}', follow.leaderName)}{' '}
          <button type="button" onClick={() => stepOut(editor)}>
            {t('stepOut')}
          </button>
        </>
      )}
    </div>
  )
}

function PrivateModeNotice() {
  const { t } = useI18n()
  const { role, privateRoomFull } = useWorkshop()
  const privateMode = useWorkshopField('privateMode')
  return (
    <>
      {privateMode.on && (
        <div className="cg-private-notice" role="status" data-testid="private-mode-notice">
          {role === 'editor' ? t('privateModeParticipant') : t('privateModeOn')}
        </div>
      )}
      {privateRoomFull && (
        <div className="cg-private-full" role="status" data-testid="private-rooms-full">
          {t(role === 'facilitator' ? 'privateRoomsFullFacilitator' : 'privateRoomsFull')}
        </div>
      )}
    </>
  )
}

/** A group's name as this reader reads it: a sector's group in their language, any other as the facilitator named it. */
function useGroupName(): (group: BreakoutGroup) => string {
  const { language } = useI18n()
  const catalog = useValue($templateCatalog)
  return (group) =>
    (group.sector && catalog?.sectors.find((sector) => sector.id === group.sector)?.names[language.code]) || group.name
}

function BreakoutStatus() {
  const { t } = useI18n()
  const groupName = useGroupName()
  const { board, token, me, role } = useWorkshop()
  const breakouts = useWorkshopField('breakouts')
  const [choice, setChoice] = useState('')
  if (breakouts?.status !== 'running') return null
  if (board.parentId) {
    const group = breakouts.groups.find((candidate) => candidate.boardId === board.id)
    return (
      <div className="cg-breakout-status">
        {group && (
          <>
            {t('yourGroup')} <bdi>{groupName(group)}</bdi> ·{' '}
          </>
        )}
        <a href={boardLink(board.parentId, token)}>{t('backToPlenary')}</a>
      </div>
    )
  }
  if (role === 'facilitator') return <div className="cg-breakout-status">{t('breakoutsRunning')}</div>
  const mine = breakouts.groups.find((group) => group.memberIds.includes(me.id))
  return (
    <div className="cg-breakout-status">
      {mine ? (
        <a href={boardLink(mine.boardId, token)}>{t('goToYourGroup').replace('{name}', groupName(mine))}</a>
      ) : (
        <>
          <label>
            {t('chooseGroup')}{' '}
            <select value={choice} onChange={(event) => setChoice(event.target.value)}>
              <option value="">…</option>
              {breakouts.groups.map((group) => (
                <option key={group.boardId} value={group.boardId}>
                  {groupName(group)}
                </option>
              ))}
            </select>
          </label>{' '}
          <button type="button" disabled={!choice} onClick={() => location.assign(boardLink(choice, token))}>
            {t('join')}
          </button>
        </>
      )}
    </div>
  )
}

function BroadcastNotice() {
  const { t } = useI18n()
  const broadcast = useWorkshopField('broadcast')
  const [dismissed, setDismissed] = useState(0)
  if (!broadcast || broadcast.seq <= dismissed) return null
  return (
    <div className="cg-broadcast" role="alert">
      <strong>{t('fromFacilitator')}</strong> <bdi>{broadcast.text}</bdi>{' '}
      <button type="button" aria-label={t('dismiss')} onClick={() => setDismissed(broadcast.seq)}>
        ✕
      </button>
    </div>
  )
}
