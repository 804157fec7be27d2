import { useId } from 'react'
import { LANGUAGES } from './languages.ts'
import { isLanguageCode } from '@cg/contract'
import { useI18n } from './I18nProvider.tsx'

export function LanguageSwitcher({ className }: { className?: string }) {
  const { language, t, setLanguage } = useI18n()
  const id = useId()
  return (
    <div className={className}>
      <label htmlFor={id}>{t('language')}</label>{' '}
      <select
        id={id}
        value={language.code}
        onChange={(event) => {
          if (isLanguageCode(event.target.value)) setLanguage(event.target.value)
        }}
      >
        {LANGUAGES.map((option) => (
          <option key={option.code} value={option.code} lang={option.code}>
            {option.name}
          </option>
        ))}
      </select>
    </div>
  )
}
