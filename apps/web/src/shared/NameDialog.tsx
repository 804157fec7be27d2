import { useId, useState, type FormEvent } from 'react'
import { useI18n } from '../i18n/I18nProvider.tsx'
import { LanguageSwitcher } from '../i18n/LanguageSwitcher.tsx'

/** Asks a first-time visitor for the name others will see next to their cursor. */
export function NameDialog({ onDone }: { onDone: (name: string) => void }) {
  const { t } = useI18n()
  const inputId = useId()
  const headingId = useId()
  const [name, setName] = useState('')

  function onSubmit(event: FormEvent) {
    event.preventDefault()
    if (name.trim()) onDone(name.trim())
  }

  return (
    <div className="cg-page cg-centered">
      {/* The dialog role on a box of its own: a form may not take it (ARIA in HTML). */}
      <div className="cg-card" role="dialog" aria-modal="true" aria-labelledby={headingId}>
        <form className="cg-form" onSubmit={onSubmit}>
          <h1 id={headingId}>{t('displayNameTitle')}</h1>
          <label htmlFor={inputId}>{t('displayNameLabel')}</label>
          <input
            id={inputId}
            name="displayName"
            value={name}
            maxLength={60}
            required
            autoFocus
            autoComplete="nickname"
            aria-describedby={`${inputId}-help`}
            onChange={(event) => setName(event.target.value)}
          />
          <p id={`${inputId}-help`} className="cg-muted">
            {t('displayNameHelp')}
          </p>
          <button type="submit" disabled={!name.trim()}>
            {t('joinBoard')}
          </button>
          <LanguageSwitcher />
        </form>
      </div>
    </div>
  )
}
