import { describe, expect, it } from 'vitest'
import { AgendaItem } from '@cg/facilitation'
import * as dictionaries from '../i18n/messages.ts'
import { plural } from '../i18n/plurals.ts'
import { CPMS_SESSION_PLAN, methodText, samplePlanItems, topicText, totalMinutes } from './sessionPlan.ts'

const translate = (code: 'en' | 'fr' | 'es' | 'ar') => {
  const messages = dictionaries[code]
  return (key: keyof typeof messages) => messages[key]
}

describe('the CPMS session plan', () => {
  it('is the ten items of "Working across sectors", 135 minutes in all', () => {
    expect(CPMS_SESSION_PLAN.map((item) => item.minutes)).toEqual([2, 20, 15, 10, 25, 20, 5, 20, 15, 3])
    expect(totalMinutes(CPMS_SESSION_PLAN)).toBe(135)
    expect(plural('ar', 'minutes', 135)).toBe('135 دقيقة')
    expect(plural('ar', 'minutes', 2)).toBe('دقيقتان')
  })

  it('is stored in the facilitator’s language and read in each reader’s', () => {
    let n = 0
    const items = samplePlanItems(translate('fr'), () => `item${n++}`)
    expect(items.map((item) => AgendaItem.parse(item))).toEqual(items)
    const voting = items[3]!
    expect(voting.topic).toBe('Identifier les secteurs avec qui travailler')
    expect(topicText(voting, translate('ar'))).toBe('تحديد القطاعات التي نعمل معها')
    expect(methodText(voting, translate('es'))).toBe('Votación con pegatinas')
  })

  it('keeps typed text as typed, and reads a key this version does not know as the typed text', () => {
    const typed = AgendaItem.parse({ id: 'a', topic: 'Café', method: 'World café', minutes: 30 })
    expect(topicText(typed, translate('ar'))).toBe('Café')
    const fromNewer = AgendaItem.parse({
      id: 'b',
      topic: 'Fishbowl',
      topicKey: 'fishbowl',
      method: 'Fishbowl',
      methodKey: 'fishbowl',
      minutes: 10,
    })
    expect(fromNewer.topicKey).toBeUndefined()
    expect([topicText(fromNewer, translate('ar')), methodText(fromNewer, translate('ar'))]).toEqual([
      'Fishbowl',
      'Fishbowl',
    ])
  })
})
