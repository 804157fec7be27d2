import { describe, expect, it } from 'vitest'
import { addTime, clockOffset, formatRemaining, pauseTimer, remainingMs, resumeTimer, startTimer } from './timer.ts'

describe('the shared timer', () => {
  it('counts down in server time, pauses, resumes and takes an extra minute', () => {
    const started = startTimer(5 * 60_000, 1_000, 'Think-pair-share')
    expect(remainingMs(started, 61_000)).toBe(4 * 60_000)
    const paused = pauseTimer(started, 61_000)
    expect(paused).toEqual({ status: 'paused', remainingMs: 240_000, durationMs: 300_000, label: 'Think-pair-share' })
    // Time passing while paused changes nothing.
    expect(remainingMs(paused, 500_000)).toBe(240_000)
    const resumed = resumeTimer(paused, 500_000)
    expect(remainingMs(resumed, 500_000)).toBe(240_000)
    expect(remainingMs(addTime(resumed, 60_000, 500_000), 500_000)).toBe(300_000)
    expect(remainingMs(addTime(paused, 60_000, 0), 0)).toBe(300_000)
    expect(remainingMs(resumed, 10_000_000)).toBe(0)
  })

  it('starts again when a minute is added after it ended', () => {
    const ended = startTimer(1_000, 0)
    expect(remainingMs(addTime(ended, 60_000, 5_000), 5_000)).toBe(60_000)
    expect(remainingMs(addTime({ status: 'idle' }, 60_000, 5_000), 5_000)).toBe(60_000)
  })

  it('formats minutes and seconds, rounding up so 0:00 means ended', () => {
    expect(formatRemaining(299_001)).toBe('05:00')
    expect(formatRemaining(59_000)).toBe('00:59')
    expect(formatRemaining(0)).toBe('00:00')
    expect(formatRemaining(3_600_000 + 61_000)).toBe('1:01:01')
  })

  it('estimates the server clock offset from a round trip', () => {
    // This computer is 10 s behind; the request took 200 ms each way.
    expect(clockOffset({ sentAt: 1_000, receivedAt: 1_400, serverNow: 11_200 })).toEqual({
      offsetMs: 10_000,
      roundTripMs: 400,
    })
  })
})
