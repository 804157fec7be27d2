import { describe, expect, it } from 'vitest'
import { daysUntil, deletionDate } from './deletionTime.ts'

describe('when a deleted workshop is purged', () => {
  const now = Date.parse('2026-12-07T18:00:00Z')

  it('counts whole days left, rounded up, and none once the moment has passed', () => {
    expect(daysUntil('2027-01-06T18:00:00Z', now)).toBe(30)
    expect(daysUntil('2027-01-06T17:59:00Z', now)).toBe(30)
    expect(daysUntil('2026-12-08T18:00:00Z', now)).toBe(1)
    expect(daysUntil('2026-12-07T18:30:00Z', now)).toBe(1)
    expect(daysUntil('2026-12-07T17:00:00Z', now)).toBe(0)
    expect(daysUntil('not a date', now)).toBe(0)
  })

  it('says the date in the reader’s language', () => {
    const purgeAt = '2027-01-06T18:00:00Z'
    expect(deletionDate(purgeAt, 'en')).toMatch(/January \d, 2027/)
    expect(deletionDate(purgeAt, 'fr')).toMatch(/janvier 2027/)
    expect(deletionDate(purgeAt, 'es')).toMatch(/enero de 2027/)
    expect(deletionDate(purgeAt, 'ar')).toMatch(/يناير/)
    expect(deletionDate('garbage', 'en')).toBe('garbage')
  })
})
