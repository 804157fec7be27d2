import type { OutlineChange } from './outlineChanges.ts'

/** The words of an announcement, in the reader's language (counts with their plural forms). */
export interface AnnouncementWords {
  added: (count: number, place: string) => string
  removed: (count: number, place: string) => string
  moved: (count: number, place: string) => string
  edited: (count: number, place: string) => string
  placeAdded: (place: string) => string
  placeRemoved: (place: string) => string
  /** The changes left out of a long announcement. */
  more: (count: number) => string
}

export interface AnnouncerTiming {
  /** Quiet time after the first change before speaking, so a burst is told as one summary. */
  settleMs: number
  /** Least time between two announcements. */
  intervalMs: number
  /** Most phrases in one announcement; the rest are counted ("4 more changes elsewhere"). */
  maxPhrases: number
}

export const ANNOUNCER_TIMING: AnnouncerTiming = { settleMs: 1_000, intervalMs: 5_000, maxPhrases: 3 }

interface Pending {
  change: OutlineChange
  /** The notes it happened to (a note typed into keeps changing: it counts once). */
  notes: Set<string>
}

/**
 * Others' changes, told politely: gathered, counted per place and kind, and spoken as one short summary at most
 * every `intervalMs` ("3 new notes in Output: education. A note was moved to Goal, Indicators."), never one
 * message per note. Pure: the caller passes the time and asks when the next summary is due.
 */
export class Announcer {
  private readonly pending = new Map<string, Pending>()
  private firstPendingAt: number | null = null
  private lastSpokenAt = -Infinity
  private readonly timing: AnnouncerTiming

  constructor(timing: AnnouncerTiming = ANNOUNCER_TIMING) {
    this.timing = timing
  }

  add(changes: readonly OutlineChange[], now: number): void {
    for (const change of changes) {
      const note = 'noteId' in change ? change.noteId : change.placeKey
      // A new note being written is news once, as new.
      if (change.kind === 'edited' && this.isPendingAsNew(note)) continue
      const key = `${change.kind}\u0000${change.placeKey}`
      const notes = this.pending.get(key)?.notes ?? new Set<string>()
      notes.add(note)
      // The newest label wins (a place renamed meanwhile).
      this.pending.set(key, { change, notes })
    }
    if (this.pending.size > 0 && this.firstPendingAt === null) this.firstPendingAt = now
  }

  private isPendingAsNew(noteId: string): boolean {
    for (const { change, notes } of this.pending.values()) if (change.kind === 'added' && notes.has(noteId)) return true
    return false
  }

  /** When the next summary may be spoken; null when nothing is waiting. */
  dueAt(): number | null {
    if (this.firstPendingAt === null) return null
    return Math.max(this.firstPendingAt + this.timing.settleMs, this.lastSpokenAt + this.timing.intervalMs)
  }

  /** The summary to speak now, if one is due (and forgets what it said); else null. */
  take(now: number, words: AnnouncementWords): string | null {
    const due = this.dueAt()
    if (due === null || now < due) return null
    const groups = [...this.pending.values()]
    this.pending.clear()
    this.firstPendingAt = null
    this.lastSpokenAt = now
    const { maxPhrases } = this.timing
    const told = groups.length <= maxPhrases ? groups : groups.slice(0, maxPhrases - 1)
    const phrases = told.map(({ change, notes }) => phrase(change, notes.size, words))
    const untold = groups.slice(told.length).reduce((sum, { notes }) => sum + notes.size, 0)
    return (untold > 0 ? [...phrases, words.more(untold)] : phrases).join(' ')
  }
}

function phrase(change: OutlineChange, count: number, words: AnnouncementWords): string {
  switch (change.kind) {
    case 'placeAdded':
      return words.placeAdded(change.placeLabel)
    case 'placeRemoved':
      return words.placeRemoved(change.placeLabel)
    default:
      return words[change.kind](count, change.placeLabel)
  }
}
