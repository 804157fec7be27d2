import { useState } from 'react'
import { useValue } from 'tldraw'
import type { BreakoutGroup } from '@cg/facilitation'
import { boardLink } from '../shared/boardLink.ts'
import { useI18n } from '../i18n/I18nProvider.tsx'
import { $templateCatalog } from '../board/shapes/templateCatalogAtom.ts'
import { useWorkshopField } from '../board/workshop/useDocValue.ts'
import { useWorkshop } from '../board/workshop/WorkshopContext.ts'

/** A group's name as this reader reads it: a sector's group in their language, any other as the facilitator named it. */
function useGroupName(): (group: BreakoutGroup) => string {
  const { language } = useI18n()
  const catalog = useValue($templateCatalog)
  return (group) =>
    (group.sector && catalog?.sectors.find((sector) => sector.id === group.sector)?.names[language.code]) || group.name
}

/** The breakout round for this person: their group, the way back, or a group to choose, in the workshop bar. */
export function BreakoutStatus() {
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
