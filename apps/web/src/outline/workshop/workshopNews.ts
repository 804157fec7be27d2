import { remainingMs, type TimerState } from '@cg/facilitation'

/*
 * What the outline says aloud about the workshop, in its polite live region: a change of state (the agenda moved on;
 * the timer started, paused, stopped or ran out; a vote opened or ended; private mode turned on or off), never the
 * countdown itself,
 * which would speak every second. Pure, so the rules are tested without a browser.
 */

/** The timer as the outline reports it. */
export type TimerPhase =
  | { kind: 'idle' }
  | { kind: 'running'; endsAt: number; leftMs: number }
  | { kind: 'paused'; leftMs: number }
  | { kind: 'ended' }

export function timerPhase(timer: TimerState, serverNow: number): TimerPhase {
  if (timer.status === 'idle') return { kind: 'idle' }
  const leftMs = remainingMs(timer, serverNow)
  if (timer.status === 'paused') return { kind: 'paused', leftMs }
  return leftMs === 0 ? { kind: 'ended' } : { kind: 'running', endsAt: timer.endsAt, leftMs }
}

/** The workshop at one moment, as far as the outline announces it. */
export interface WorkshopMoment {
  /** The agenda item running now, its topic in the reader's language. */
  agendaItem: { id: string; topic: string } | null
  timer: TimerPhase
  /** The vote open on this board. */
  openVote: { id: string; title: string } | null
  /** The last vote that ended on this board. */
  endedVote: { id: string; title: string } | null
  privateMode: boolean
}

export type WorkshopNews =
  | { kind: 'agendaItem'; topic: string }
  | { kind: 'timerRunning'; leftMs: number }
  | { kind: 'timerPaused'; leftMs: number }
  | { kind: 'timerStopped' }
  | { kind: 'timeIsUp' }
  | { kind: 'voteOpened'; title: string }
  | { kind: 'voteEnded'; title: string }
  | { kind: 'privateModeOn' }
  | { kind: 'privateModeOff' }

/** Time added to or taken from a running timer counts as news past this (a clock correction does not). */
const TIMER_CHANGE_MS = 1_000

function timerNews(before: TimerPhase, after: TimerPhase): WorkshopNews | null {
  switch (after.kind) {
    case 'idle':
      return before.kind === 'running' || before.kind === 'paused' ? { kind: 'timerStopped' } : null
    case 'ended':
      return before.kind === 'running' ? { kind: 'timeIsUp' } : null
    case 'paused':
      return before.kind !== 'paused' || before.leftMs !== after.leftMs
        ? { kind: 'timerPaused', leftMs: after.leftMs }
        : null
    case 'running':
      return before.kind !== 'running' || Math.abs(before.endsAt - after.endsAt) >= TIMER_CHANGE_MS
        ? { kind: 'timerRunning', leftMs: after.leftMs }
        : null
  }
}

/**
 * What changed between two moments, worth saying. Nothing on the first moment (`before` null: the page has just
 * opened, and the bar shows the state), so only what happens while the person is here is announced.
 */
export function workshopNews(before: WorkshopMoment | null, after: WorkshopMoment): WorkshopNews[] {
  if (!before) return []
  const news: WorkshopNews[] = []
  if (after.agendaItem && after.agendaItem.id !== before.agendaItem?.id) {
    news.push({ kind: 'agendaItem', topic: after.agendaItem.topic })
  }
  const timer = timerNews(before.timer, after.timer)
  if (timer) news.push(timer)
  if (after.openVote && after.openVote.id !== before.openVote?.id) {
    news.push({ kind: 'voteOpened', title: after.openVote.title })
  }
  if (after.endedVote && after.endedVote.id !== before.endedVote?.id) {
    news.push({ kind: 'voteEnded', title: after.endedVote.title })
  }
  if (after.privateMode !== before.privateMode)
    news.push({ kind: after.privateMode ? 'privateModeOn' : 'privateModeOff' })
  return news
}

/** Whole minutes left, rounded up: "1 minute left" until the very end, never "0 minutes left" while it runs. */
export function minutesLeft(leftMs: number): number {
  return Math.ceil(leftMs / 60_000)
}
