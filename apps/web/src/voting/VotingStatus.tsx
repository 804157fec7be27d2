import { useState } from 'react'
import { votesLeft } from '@cg/facilitation'
import { useI18n } from '../i18n/I18nProvider.tsx'
import { plural } from '../i18n/plurals.ts'
import { useWorkshop } from '../board/workshop/WorkshopContext.ts'
import { useMyBallot } from './useVotes.ts'
import { useBoardVoting } from './VotingOverlay.tsx'
import { VotingResults } from './VotingResults.tsx'

/** The vote in progress (stickers left), else the last results on demand, in the workshop bar. */
export function VotingStatus() {
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
