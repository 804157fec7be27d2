import { describe, expect, it } from 'vitest'
import { LANGUAGES, loadMessages, messagesOf, pickLanguage } from './languages.ts'
import { en } from './messages.ts'

describe('pickLanguage', () => {
  it('prefers the saved choice, then the first browser language we speak, then English', () => {
    expect(pickLanguage('ar', ['fr-FR'])).toBe('ar')
    expect(pickLanguage(null, ['de-DE', 'es-419', 'fr'])).toBe('es')
    expect(pickLanguage('xx', ['FR-ca'])).toBe('fr')
    expect(pickLanguage(null, ['de', 'ja'])).toBe('en')
  })
})

describe('messages', () => {
  it('has every string, non-empty, in every language, each loaded on its own', async () => {
    for (const language of LANGUAGES) {
      const messages = await loadMessages(language.code)
      expect(messagesOf(language.code)).toBe(messages)
      for (const key of Object.keys(en) as (keyof typeof en)[]) {
        expect(messages[key], `${language.code}.${key}`).toMatch(/\S/)
      }
    }
  })

  it('lays out Arabic right to left and the others left to right', () => {
    expect(LANGUAGES.map((l) => `${l.code}:${l.dir}`)).toEqual(['en:ltr', 'fr:ltr', 'es:ltr', 'ar:rtl'])
  })
})
