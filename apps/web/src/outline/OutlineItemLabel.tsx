import { useI18n } from '../i18n/I18nProvider.tsx'
import { plural } from '../i18n/plurals.ts'
import type { OutlineItem } from './outlineItems.ts'

/**
 * An item's words in the tree, which are its name: a place's name, how many notes it holds and its votes once a
 * vote on it has ended; a note's text, then its details (sector, author, private draft, votes). The parts are
 * joined by a comma a screen reader says and the eye does not need (`cg-outline-then`). A place's template question
 * is shown, and given to the item as its description (not its name). A note's element is marked
 * `data-outline-note` for tests and the bench.
 */
export function OutlineItemLabel(props: { item: OutlineItem; descriptionId: string; details: readonly string[] }) {
  const { item, descriptionId, details } = props
  const { t, language } = useI18n()
  const { entry } = item
  if (entry.kind === 'note') {
    const text = entry.text.trim()
    return (
      <div className="cg-outline-note" data-outline-note={entry.id} data-private={entry.private || undefined}>
        <bdi className="cg-outline-note-text">{text || t('outlineEmptyNote')}</bdi>
        {details.length > 0 && (
          <span className="cg-outline-details">
            {details.map((detail, index) => (
              <bdi key={index} className="cg-outline-detail cg-outline-then">
                {detail}
              </bdi>
            ))}
          </span>
        )}
      </div>
    )
  }
  return (
    <div className={`cg-outline-place cg-outline-place-${entry.kind}`}>
      <span>
        <bdi className="cg-outline-place-name">{entry.label}</bdi>
        <span className="cg-outline-count cg-outline-then">
          {plural(language.code, 'outlineNoteCount', item.noteCount)}
        </span>
        {entry.votes !== undefined && (
          <span className="cg-outline-detail cg-outline-then">{plural(language.code, 'votes', entry.votes)}</span>
        )}
      </span>
      {entry.description && (
        <span id={descriptionId} className="cg-outline-description" aria-hidden="true">
          {entry.description}
        </span>
      )}
    </div>
  )
}
