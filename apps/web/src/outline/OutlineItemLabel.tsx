import type { ReactNode } from 'react'
import { useI18n } from '../i18n/I18nProvider.tsx'
import { plural } from '../i18n/plurals.ts'
import type { OutlineItem } from './outlineItems.ts'

/**
 * An item's words in the tree. A place: its name, how many notes it holds and its votes once a vote on it has ended
 * (its name for a screen reader), its template question as the description. A note: its text, then its details
 * (sector, author, private draft, votes); a note's element is marked `data-outline-note` for tests and the bench.
 */
export function OutlineItemLabel(props: {
  item: OutlineItem
  labelId: string
  descriptionId: string
  details: readonly string[]
  /** The workshop's word on it (this person's stickers during a vote). */
  extra?: ReactNode
}) {
  const { item, labelId, descriptionId, details } = props
  const { t, language } = useI18n()
  const { entry } = item
  if (entry.kind === 'note') {
    const text = entry.text.trim()
    return (
      <div className="cg-outline-note" data-outline-note={entry.id} data-private={entry.private || undefined}>
        <span id={labelId} className="cg-outline-note-text">
          <bdi>{text || t('outlineEmptyNote')}</bdi>
          {details.length > 0 && <span className="cg-outline-visually-hidden">, </span>}
        </span>
        <span id={descriptionId} className="cg-outline-details">
          {details.map((detail, index) => (
            <span key={index} className="cg-outline-detail">
              <bdi>{detail}</bdi>
              {index < details.length - 1 && <span className="cg-outline-visually-hidden">, </span>}
            </span>
          ))}
          {props.extra}
        </span>
      </div>
    )
  }
  return (
    <div className={`cg-outline-place cg-outline-place-${entry.kind}`}>
      <span id={labelId}>
        <bdi className="cg-outline-place-name">{entry.label}</bdi>
        <span className="cg-outline-visually-hidden">, </span>
        <span className="cg-outline-count">{plural(language.code, 'outlineNoteCount', item.noteCount)}</span>
        {entry.votes !== undefined && (
          <>
            <span className="cg-outline-visually-hidden">, </span>
            <span className="cg-outline-detail">{plural(language.code, 'votes', entry.votes)}</span>
          </>
        )}
      </span>
      <span id={descriptionId} className="cg-outline-description">
        {entry.description}
        {props.extra}
      </span>
    </div>
  )
}
