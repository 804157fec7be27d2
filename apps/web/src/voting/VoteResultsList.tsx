import type { ReactNode } from 'react'
import { ranks, type VotingSession } from '@cg/facilitation'
import { useI18n } from '../i18n/I18nProvider.tsx'
import { plural } from '../i18n/plurals.ts'

/**
 * The ranked list of an ended voting session: most votes first, ties sharing a place ("1, 1, 3"), each with its
 * count, and how many people voted. Items are named by the page showing it (the canvas reads its shapes, the
 * outline its tree), and may carry an action of the page's (going to the item).
 */
export function VoteResultsList({
  session,
  itemLabel,
  itemAction,
  title,
  headingLevel = 4,
  headingId,
}: {
  session: VotingSession
  itemLabel: (itemId: string) => string
  itemAction?: (itemId: string, label: string) => ReactNode
  /** The heading's words; the session's title by default. */
  title?: ReactNode
  headingLevel?: 2 | 3 | 4
  headingId?: string
}) {
  const { language } = useI18n()
  if (!session.results) return null
  const places = ranks(session.results)
  const Heading = `h${headingLevel}` as const
  return (
    <div className="cg-results" data-testid="voting-results">
      <Heading id={headingId}>{title ?? <bdi>{session.title}</bdi>}</Heading>
      <p className="cg-muted">{plural(language.code, 'voters', session.voterCount ?? 0)}</p>
      <ol>
        {session.results.map((result, index) => {
          const label = itemLabel(result.itemId)
          return (
            <li key={result.itemId} value={places[index]}>
              <bdi>{label}</bdi> <strong>{plural(language.code, 'votes', result.votes)}</strong>
              {itemAction && <> {itemAction(result.itemId, label)}</>}
            </li>
          )
        })}
      </ol>
    </div>
  )
}
