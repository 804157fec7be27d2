import { useEditor } from 'tldraw'
import type { TLShapeId } from 'tldraw'
import type { VotingSession } from '@cg/facilitation'
import { useI18n } from '../i18n/I18nProvider.tsx'
import { countMessage } from '../i18n/plural.ts'
import { shapeLabel } from './shapeLabel.ts'

/** The ranked list of an ended voting session, kept with the board for the report. */
export function VotingResults({ session }: { session: VotingSession }) {
  const { t } = useI18n()
  const editor = useEditor()
  if (!session.results) return null
  return (
    <div className="cg-results" data-testid="voting-results">
      <h4>
        <bdi>{session.title}</bdi>
      </h4>
      <p className="cg-muted">{countMessage(t, session.voterCount ?? 0, 'votersCountOne', 'votersCount')}</p>
      <ol>
        {session.results.map((result) => (
          <li key={result.itemId}>
            <bdi>{shapeLabel(editor, result.itemId as TLShapeId, t('deletedItem'))}</bdi>{' '}
            <strong>{countMessage(t, result.votes, 'votesCountOne', 'votesCount')}</strong>
          </li>
        ))}
      </ol>
    </div>
  )
}
