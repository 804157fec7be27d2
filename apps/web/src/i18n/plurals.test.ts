import { describe, expect, it } from 'vitest'
import { LANGUAGE_CODES } from '@cg/contract'
import { plural, PLURALS, type PluralKey } from './plurals.ts'

describe('plural', () => {
  it('has a form for every plural category each language has, for every counted message', () => {
    for (const language of LANGUAGE_CODES) {
      const categories = new Intl.PluralRules(language).resolvedOptions().pluralCategories
      for (const [key, forms] of Object.entries(PLURALS[language])) {
        expect(Object.keys(forms).sort(), `${language} ${key}`).toEqual([...categories].sort())
      }
    }
  })

  it('says Arabic counts as Arabic does: dual, few and many', () => {
    const votes = (n: number) => plural('ar', 'votes', n)
    expect([0, 1, 2, 3, 10, 11, 99, 100].map(votes)).toEqual([
      'لا أصوات',
      'صوت واحد',
      'صوتان',
      '3 أصوات',
      '10 أصوات',
      '11 صوتًا',
      '99 صوتًا',
      '100 صوت',
    ])
  })

  it('fills in the number and the other values, in each language', () => {
    const cases: [Parameters<typeof plural>[0], PluralKey, number, string][] = [
      ['en', 'votes', 1, '1 vote'],
      ['en', 'votes', 0, '0 votes'],
      ['fr', 'votes', 0, '0 vote'],
      ['fr', 'votes', 1_000_000, '1000000 de votes'],
      ['es', 'voters', 1, 'Votó 1 persona'],
    ]
    for (const [language, key, n, text] of cases) expect(plural(language, key, n)).toBe(text)
    expect(plural('ar', 'stickersLeft', 2, { total: 3 })).toBe('تبقّى لك ملصقان من 3')
    expect(plural('en', 'stickersLeft', 1, { total: 3 })).toBe('1 of 3 stickers left')
  })

  it('counts the days a deleted workshop has left in each language, Arabic with its six forms', () => {
    expect([0, 1, 2, 3, 11, 100].map((n) => plural('ar', 'daysLeft', n))).toEqual([
      'اليوم',
      'بعد يوم واحد',
      'بعد يومين',
      'بعد 3 أيام',
      'بعد 11 يومًا',
      'بعد 100 يوم',
    ])
    expect([1, 2, 7, 30].map((n) => plural('ar', 'trashDays', n))).toEqual(['يومًا واحدًا', 'يومين', '7 أيام', '30 يومًا'])
    expect(plural('en', 'daysLeft', 1)).toBe('in 1 day')
    expect(plural('en', 'trashDays', 0.5)).toBe('0.5 days')
    expect(plural('fr', 'trashDays', 1)).toBe('1 jour')
    expect(plural('es', 'daysLeft', 30)).toBe('dentro de 30 días')
  })
})
