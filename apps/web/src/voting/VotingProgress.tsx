import { votesLeft, type VotingSession } from '@cg/facilitation'
import { useI18n } from '../i18n/I18nProvider.tsx'
import { plural } from '../i18n/plurals.ts'
import { useWorkshop } from '../board/workshop/WorkshopContext.ts'
import { useMyBallot } from './useVotes.ts'

/** The vote in progress and how many stickers this person has left (a viewer only hears that a vote is on). */
export function VotingProgress({ session }: { session: VotingSession }) {
  const { t, language } = useI18n()
  const { role } = useWorkshop()
  const ballot = useMyBallot(session.id)
  return (
    <div className="cg-voting-status" role="status" data-testid="votes-left">
      <bdi>{session.title}</bdi>:{' '}
      {role === 'viewer'
        ? t('votingInProgress')
        : plural(language.code, 'stickersLeft', votesLeft(session, ballot), { total: session.votesPerPerson })}
    </div>
  )
}
