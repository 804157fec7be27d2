import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react'
import { initialLanguage, languageOf, loadMessages, messagesOf, rememberLanguage, type Language } from './languages.ts'
import type { LanguageCode } from '@cg/contract'
import type { MessageKey } from './messages.ts'
import { setPageLanguage } from './pageLanguage.ts'

interface I18n {
  language: Language
  t: (key: MessageKey) => string
  setLanguage: (code: LanguageCode) => void
}

const I18nContext = createContext<I18n | null>(null)

export function I18nProvider({ children }: { children: ReactNode }) {
  const [code, setCode] = useState<LanguageCode>(() => initialLanguage())
  // Stable across renders: components that must not restart on a language switch can depend on it.
  const setLanguage = useCallback((next: LanguageCode) => {
    rememberLanguage(next)
    // The page switches once the language's words have arrived (at once when they are here already).
    void loadMessages(next).then(
      () => setCode(next),
      () => setCode(next), // not fetched (offline, never used here): its name and direction, in English words
    )
  }, [])
  const value = useMemo<I18n>(() => {
    const language = languageOf(code)
    const messages = messagesOf(code)
    return { language, t: (key) => messages[key], setLanguage }
  }, [code, setLanguage])
  // The document's language and direction drive screen readers, fonts and right-to-left layout.
  useEffect(() => {
    document.documentElement.lang = value.language.code
    document.documentElement.dir = value.language.dir
    setPageLanguage(value.language.code)
  }, [value.language])
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>
}

export function useI18n(): I18n {
  const i18n = useContext(I18nContext)
  if (!i18n) throw new Error('useI18n must be used inside <I18nProvider>')
  return i18n
}
