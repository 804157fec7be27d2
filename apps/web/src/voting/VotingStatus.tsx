import { useState } from 'react'
import { useI18n } from '../i18n/I18nProvider.tsx'
import { useBoardVoting } from './useVotes.ts'
import { VotingProgress } from './VotingProgress.tsx'
import { VotingResults } from './VotingResults.tsx'

/** The vote in progress (stickers left), else the last results on demand, in the workshop bar. */
export function VotingStatus() {
  const { t } = useI18n()
  const { open, ended } = useBoardVoting()
  const [showResults, setShowResults] = useState(false)
  if (open) return <VotingProgress session={open} />
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
