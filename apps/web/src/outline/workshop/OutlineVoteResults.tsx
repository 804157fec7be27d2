import { useId, type ReactNode } from 'react'
import { useBoardVoting, VoteResultsList } from '../../voting/index.ts'
import { useI18n } from '../../i18n/I18nProvider.tsx'
import { resultLabel } from './resultLabel.ts'
import './outlineWorkshop.css'

/** A sentence with one `{title}` in it, the title isolated (a title in Latin script in an Arabic sentence). */
function withTitle(sentence: string, title: string): ReactNode {
  const [before = '', after = ''] = sentence.split('{title}')
  return (
    <>
      {before}
      <bdi>{title}</bdi>
      {after}
    </>
  )
}

/**
 * The last ended vote's results on this board, in a region of their own: an ordered list, most votes first, ties
 * sharing a place, each item with its votes and a button that takes the person to it in the outline; how many people
 * voted. `itemText` gives an item's words as the outline has them, or undefined when it is no longer on the board.
 */
export function OutlineVoteResults({
  itemText,
  onGoTo,
}: {
  itemText: (itemId: string) => string | undefined
  onGoTo: (itemId: string) => void
}) {
  const { t } = useI18n()
  const { ended } = useBoardVoting()
  const headingId = useId()
  if (!ended?.results) return null
  const words = { removed: t('deletedItem'), withoutText: t('outlineItemWithoutText') }
  return (
    <section className="cg-outline-vote-results" aria-labelledby={headingId} data-testid="outline-vote-results">
      <VoteResultsList
        session={ended}
        headingLevel={2}
        headingId={headingId}
        title={withTitle(t('outlineVoteResultsOf'), ended.title)}
        itemLabel={(itemId) => resultLabel(itemText(itemId), words).label}
        itemAction={(itemId, label) =>
          resultLabel(itemText(itemId), words).onBoard && (
            <button
              type="button"
              className="cg-outline-go-to"
              aria-label={t('outlineGoToItemNamed').replace('{item}', label)}
              onClick={() => onGoTo(itemId)}
            >
              {t('outlineGoToItem')}
            </button>
          )
        }
      />
    </section>
  )
}
