import { useId, useState } from 'react'
import { useI18n } from '../i18n/I18nProvider.tsx'

/**
 * Who else is on the board, each with "Go to where <name> is working": focus moves to the item they have selected,
 * else the place under their cursor; when the outline shows neither, a line says so.
 */
export function PeoplePanel(props: {
  people: readonly { userId: string; name: string; color: string }[]
  /** Moves focus to where the person is working; false when the outline cannot tell. */
  onGoTo: (userId: string) => boolean
}) {
  const { t } = useI18n()
  const headingId = useId()
  const [nowhere, setNowhere] = useState<string | null>(null)
  return (
    <section className="cg-outline-people" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('outlinePeople')}</h2>
      {props.people.length === 0 ? (
        <p className="cg-muted">{t('outlineNobodyElse')}</p>
      ) : (
        <ul>
          {props.people.map((person) => (
            <li key={person.userId}>
              <span className="cg-outline-person-dot" style={{ background: person.color }} aria-hidden="true" />
              <bdi>{person.name}</bdi>{' '}
              <button type="button" onClick={() => setNowhere(props.onGoTo(person.userId) ? null : person.name)}>
                {t('outlineGoTo').replace('{name}', person.name)}
              </button>
            </li>
          ))}
        </ul>
      )}
      <p role="status" className="cg-muted">
        {nowhere !== null && t('outlinePersonNowhere').replace('{name}', nowhere)}
      </p>
    </section>
  )
}
