import { useEditor } from 'tldraw'
import type { TLShapeId } from 'tldraw'
import { ranks, type VotingSession } from '@cg/facilitation'
import { useI18n } from '../i18n/I18nProvider.tsx'
import { plural } from '../i18n/plurals.ts'
import { shapeLabel } from '../board/shapes/shapeLabel.ts'

/** The ranked list of an ended voting session, kept with the board for the report. */
export function VotingResults({ session }: { session: VotingSession }) {
  const { t, language } = useI18n()
  const editor = useEditor()
  if (!session.results) return null
  const places = ranks(session.results)
  return (
    <div className="cg-results" data-testid="voting-results">
      <h4>
        <bdi>{session.title}</bdi>
      </h4>
      <p className="cg-muted">{plural(language.code, 'voters', session.voterCount ?? 0)}</p>
      <ol>
        {session.results.map((result, index) => (
          <li key={result.itemId} value={places[index]}>
            <bdi>{shapeLabel(editor, result.itemId as TLShapeId, t('deletedItem'), language.code)}</bdi>{' '}
            <strong>{plural(language.code, 'votes', result.votes)}</strong>
          </li>
        ))}
      </ol>
    </div>
  )
}
