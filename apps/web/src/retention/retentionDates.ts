/**
 * The dates of a workshop's retention as the facilitator picks them and as everyone is told of them. A date field
 * names a day ("keep until 31 March"); the server keeps a moment: the day's last minute, in the facilitator's time
 * zone, so the workshop and the links last the whole of the day named.
 */
import type { BoardRole, WorkshopRetention } from '@cg/contract'

const DAY_MS = 24 * 60 * 60 * 1000
/** How long before the date everyone on the board is told. */
export const NOTICE_DAYS = 7

const twoDigits = (n: number) => String(n).padStart(2, '0')

/** The local calendar day of `moment` (ms since the epoch) as a date field writes it: `YYYY-MM-DD`. */
export function dayOf(moment: number): string {
  const date = new Date(moment)
  return `${date.getFullYear()}-${twoDigits(date.getMonth() + 1)}-${twoDigits(date.getDate())}`
}

/** The day a date field shows for a retention date (ISO 8601), or '' for none (or one it cannot read). */
export function dayOfDate(iso: string | null): string {
  const moment = iso === null ? NaN : Date.parse(iso)
  return Number.isFinite(moment) ? dayOf(moment) : ''
}

/** The moment a day picked in a date field stands for (its last minute, local time), as ISO 8601; null for none. */
export function endOfDay(day: string): string | null {
  const parts = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day)
  if (!parts) return null
  const [year, month, date] = [Number(parts[1]), Number(parts[2]), Number(parts[3])]
  const end = new Date(year, month - 1, date, 23, 59, 0, 0)
  // 31 February and the like: a field never sends one, a hand-typed value might.
  if (end.getFullYear() !== year || end.getMonth() !== month - 1 || end.getDate() !== date) return null
  return end.toISOString()
}

/** What is due to be told a week before, as ISO dates: null where nothing is. */
export interface DueNotices {
  /** When the workshop will be deleted: the facilitator's date, or the idle deletion's if that comes first. */
  deletesOn: string | null
  /** When this person's link stops working (participants and viewers only: a facilitator's never expires). */
  linkStopsOn: string | null
}

/** A date within the notice's week from `now` (still ahead), else null. */
function withinNotice(iso: string | null, now: number): string | null {
  const moment = iso === null ? NaN : Date.parse(iso)
  return Number.isFinite(moment) && moment > now && moment - now <= NOTICE_DAYS * DAY_MS ? iso : null
}

/** What to tell `role` at `now` (ms since the epoch) of the workshop's `retention` (absent on an older server). */
export function dueNotices(retention: WorkshopRetention | undefined, role: BoardRole, now: number): DueNotices {
  const deletions = [retention?.deleteOn ?? null, retention?.idleDeleteOn ?? null]
    .map((iso) => withinNotice(iso, now))
    .filter((iso): iso is string => iso !== null)
    .sort((a, b) => Date.parse(a) - Date.parse(b))
  return {
    deletesOn: deletions[0] ?? null,
    linkStopsOn: role === 'facilitator' ? null : withinNotice(retention?.linksExpireAt ?? null, now),
  }
}

/**
 * Calendar days from `now`'s day to `iso`'s day, in local time: "in 3 days" on the 7th for the 10th at 23:59, as a
 * person counts (0: today). Rounded, for the days a clock change makes 23 or 25 hours long.
 */
export function calendarDaysUntil(iso: string, now: number): number {
  const midnight = (moment: number) => new Date(moment).setHours(0, 0, 0, 0)
  return Math.max(0, Math.round((midnight(Date.parse(iso)) - midnight(now)) / DAY_MS))
}

/** Names what a notice says, so that hiding it hides only these dates: new dates show it again. */
export function noticeKey(due: DueNotices): string {
  return `${due.deletesOn ?? '-'}|${due.linkStopsOn ?? '-'}`
}
