import { z } from 'zod'
import { AGENDA_SAMPLE_TOPICS, type AgendaSampleTopic } from './agendaCatalogue.ts'

/** What the countdown is for: the text as typed, and a sample topic's key so each reader sees it in their language. */
const labelFields = {
  label: z.string().max(200).optional(),
  labelKey: z.enum(AGENDA_SAMPLE_TOPICS).optional().catch(undefined),
}

/**
 * The shared countdown. Times are in the server's clock (each client corrects for its own skew), so every
 * participant sees the same remaining time whatever their computer's clock says.
 */
export const TimerState = z.discriminatedUnion('status', [
  z.object({ status: z.literal('idle') }),
  z.object({
    status: z.literal('running'),
    /** When it reaches zero, in server milliseconds since the epoch. */
    endsAt: z.number().finite(),
    durationMs: z.number().finite().nonnegative(),
    ...labelFields,
  }),
  z.object({
    status: z.literal('paused'),
    remainingMs: z.number().finite().nonnegative(),
    durationMs: z.number().finite().nonnegative(),
    ...labelFields,
  }),
])
export type TimerState = z.infer<typeof TimerState>

export const IDLE_TIMER: TimerState = { status: 'idle' }

export function startTimer(
  durationMs: number,
  serverNow: number,
  label?: string,
  labelKey?: AgendaSampleTopic,
): TimerState {
  return {
    status: 'running',
    endsAt: serverNow + durationMs,
    durationMs,
    ...(label ? { label } : {}),
    ...(labelKey ? { labelKey } : {}),
  }
}

export function remainingMs(timer: TimerState, serverNow: number): number {
  if (timer.status === 'running') return Math.max(0, timer.endsAt - serverNow)
  if (timer.status === 'paused') return timer.remainingMs
  return 0
}

export function pauseTimer(timer: TimerState, serverNow: number): TimerState {
  if (timer.status !== 'running') return timer
  const { endsAt: _endsAt, status: _status, ...rest } = timer
  return { ...rest, status: 'paused', remainingMs: remainingMs(timer, serverNow) }
}

export function resumeTimer(timer: TimerState, serverNow: number): TimerState {
  if (timer.status !== 'paused') return timer
  const { remainingMs: left, status: _status, ...rest } = timer
  return { ...rest, status: 'running', endsAt: serverNow + left }
}

/** Adds time to a running or paused countdown; one that already ended starts again with the added time. */
export function addTime(timer: TimerState, ms: number, serverNow: number): TimerState {
  if (timer.status === 'running') {
    const endsAt = Math.max(timer.endsAt, serverNow) + ms
    return { ...timer, endsAt, durationMs: timer.durationMs + ms }
  }
  if (timer.status === 'paused')
    return { ...timer, remainingMs: timer.remainingMs + ms, durationMs: timer.durationMs + ms }
  return startTimer(ms, serverNow)
}

/** Minutes and seconds, as shown on the timer ("04:59"); hours only when needed. */
export function formatRemaining(ms: number): string {
  const total = Math.ceil(ms / 1000)
  const hours = Math.floor(total / 3600)
  const minutes = Math.floor((total % 3600) / 60)
  const seconds = total % 60
  const pad = (n: number) => String(n).padStart(2, '0')
  return hours > 0 ? `${hours}:${pad(minutes)}:${pad(seconds)}` : `${pad(minutes)}:${pad(seconds)}`
}

/**
 * The offset to add to this computer's clock to get the server's, from one request: the server's time is
 * taken to be read halfway through the round trip. Use the sample with the shortest round trip.
 */
export function clockOffset(sample: { sentAt: number; receivedAt: number; serverNow: number }): {
  offsetMs: number
  roundTripMs: number
} {
  const roundTripMs = sample.receivedAt - sample.sentAt
  return { offsetMs: sample.serverNow - (sample.sentAt + roundTripMs / 2), roundTripMs }
}
