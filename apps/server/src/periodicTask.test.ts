import { afterEach, describe, expect, it, vi } from 'vitest'
import { PeriodicTask } from './periodicTask.ts'

describe('PeriodicTask', () => {
  afterEach(() => vi.useRealTimers())

  it('runs on its interval, joins a run under way instead of starting a second, and waits for it on close', async () => {
    vi.useFakeTimers()
    let started = 0
    let finish = () => {}
    const task = new PeriodicTask(
      1_000,
      () =>
        new Promise<number>((resolve) => {
          started++
          finish = () => resolve(started)
        }),
      -1,
    )
    expect(started).toBe(0)
    await vi.advanceTimersByTimeAsync(1_000)
    expect(started).toBe(1)
    const joined = task.run()
    await vi.advanceTimersByTimeAsync(3_000)
    expect(started).toBe(1)

    let closed = false
    const closing = task.close().then(() => (closed = true))
    await Promise.resolve()
    expect(closed).toBe(false)
    expect(task.isClosed).toBe(true)
    finish()
    expect(await joined).toBe(1)
    await closing
    expect(closed).toBe(true)
    expect(await task.run()).toBe(-1)
    await vi.advanceTimersByTimeAsync(5_000)
    expect(started).toBe(1)
  })
})
