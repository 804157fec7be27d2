import { describe, expect, it } from 'vitest'
import type { WorkshopRetention } from '@cg/contract'
import { calendarDaysUntil, dayOf, dayOfDate, dueNotices, endOfDay, noticeKey } from './retentionDates.ts'

const DAY = 24 * 60 * 60 * 1000
const NOW = new Date(2027, 2, 20, 10, 30).getTime()
const inDays = (days: number) => new Date(NOW + days * DAY).toISOString()
const retention = (changes: Partial<WorkshopRetention>): WorkshopRetention => ({
  deleteOn: null,
  linksExpireAt: null,
  idleDeleteOn: null,
  ...changes,
})

describe('the days a facilitator picks', () => {
  it('keeps the whole day named: its last minute, in local time, and shows the same day back', () => {
    const iso = endOfDay('2027-03-31')!
    const end = new Date(iso)
    expect([end.getFullYear(), end.getMonth(), end.getDate(), end.getHours(), end.getMinutes()]).toEqual([
      2027, 2, 31, 23, 59,
    ])
    expect(dayOfDate(iso)).toBe('2027-03-31')
    expect(dayOf(NOW)).toBe('2027-03-20')
  })

  it('reads an empty field as never, and refuses a day that does not exist', () => {
    expect(endOfDay('')).toBeNull()
    expect(endOfDay('2027-02-31')).toBeNull()
    expect(endOfDay('31/03/2027')).toBeNull()
    expect(dayOfDate(null)).toBe('')
    expect(dayOfDate('not a date')).toBe('')
  })
})

describe('the notice a week before', () => {
  it('tells everyone of a deletion within seven days, not before, and not once it has passed', () => {
    expect(dueNotices(retention({ deleteOn: inDays(6.5) }), 'editor', NOW).deletesOn).toBe(inDays(6.5))
    expect(dueNotices(retention({ deleteOn: inDays(7) }), 'viewer', NOW).deletesOn).toBe(inDays(7))
    expect(dueNotices(retention({ deleteOn: inDays(7.01) }), 'facilitator', NOW).deletesOn).toBeNull()
    expect(dueNotices(retention({ deleteOn: inDays(-0.1) }), 'editor', NOW).deletesOn).toBeNull()
    expect(dueNotices(undefined, 'editor', NOW)).toEqual({ deletesOn: null, linkStopsOn: null })
  })

  it('gives whichever deletion comes first: the facilitator’s date or the idle one', () => {
    const both = retention({ deleteOn: inDays(5), idleDeleteOn: inDays(2) })
    expect(dueNotices(both, 'facilitator', NOW).deletesOn).toBe(inDays(2))
    const idleLater = retention({ deleteOn: inDays(3), idleDeleteOn: inDays(30) })
    expect(dueNotices(idleLater, 'facilitator', NOW).deletesOn).toBe(inDays(3))
  })

  it('tells participants and viewers when their link stops working, never the facilitator', () => {
    const expiring = retention({ linksExpireAt: inDays(1) })
    expect(dueNotices(expiring, 'editor', NOW).linkStopsOn).toBe(inDays(1))
    expect(dueNotices(expiring, 'viewer', NOW).linkStopsOn).toBe(inDays(1))
    expect(dueNotices(expiring, 'facilitator', NOW).linkStopsOn).toBeNull()
    expect(dueNotices(retention({ linksExpireAt: inDays(9) }), 'editor', NOW).linkStopsOn).toBeNull()
  })

  it('counts the calendar days left as a person does, and names the dates it shows', () => {
    // NOW is the 20th at 10:30: the 23rd at 23:59 is in 3 days, though more than 3.5 days away.
    expect(calendarDaysUntil(endOfDay('2027-03-23')!, NOW)).toBe(3)
    expect(calendarDaysUntil(endOfDay('2027-03-20')!, NOW)).toBe(0)
    expect(calendarDaysUntil(new Date(2027, 2, 21, 0, 5).toISOString(), NOW)).toBe(1)
    // Across the spring clock change in many zones (the 28th), still whole days.
    expect(calendarDaysUntil(endOfDay('2027-03-31')!, NOW)).toBe(11)
    const due = { deletesOn: inDays(3), linkStopsOn: null }
    expect(noticeKey(due)).not.toBe(noticeKey({ ...due, deletesOn: inDays(4) }))
  })
})
