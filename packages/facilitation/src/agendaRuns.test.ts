import { describe, expect, it } from 'vitest'
import { finishRun, itemRunningAt, MAX_AGENDA_RUNS, minutesRun, startRun } from './agendaRuns.ts'

const MIN = 60_000

describe('agenda runs', () => {
  it('starting an item ends the one running', () => {
    let runs = startRun([], 'intro', 0)
    runs = startRun(runs, 'vote', 12 * MIN)
    expect(runs).toEqual([
      { itemId: 'intro', startedAt: 0, endedAt: 12 * MIN },
      { itemId: 'vote', startedAt: 12 * MIN },
    ])
    expect(finishRun(runs, 20 * MIN).at(-1)).toEqual({ itemId: 'vote', startedAt: 12 * MIN, endedAt: 20 * MIN })
  })

  it('counts every run of an item, an open one up to now, in whole minutes', () => {
    let runs = startRun([], 'groups', 0)
    runs = startRun(runs, 'break', 25 * MIN + 20_000)
    runs = startRun(runs, 'groups', 40 * MIN)
    expect(minutesRun(runs, 'groups', 50 * MIN)).toBe(35)
    expect(minutesRun(runs, 'break', 50 * MIN)).toBe(15)
    expect(minutesRun(runs, 'never', 50 * MIN)).toBeUndefined()
  })

  it('places a moment under the item running then, and none between items', () => {
    let runs = startRun([], 'intro', 0)
    runs = finishRun(runs, 10 * MIN)
    runs = startRun(runs, 'vote', 15 * MIN)
    expect(itemRunningAt(runs, 5 * MIN)).toBe('intro')
    expect(itemRunningAt(runs, 10 * MIN)).toBeUndefined()
    expect(itemRunningAt(runs, 12 * MIN)).toBeUndefined()
    expect(itemRunningAt(runs, 99 * MIN)).toBe('vote')
    expect(itemRunningAt(runs, -1)).toBeUndefined()
  })

  it('keeps the log bounded', () => {
    let runs = startRun([], 'a', 0)
    for (let i = 1; i <= MAX_AGENDA_RUNS + 10; i++) runs = startRun(runs, `item-${i % 7}`, i)
    expect(runs).toHaveLength(MAX_AGENDA_RUNS)
    expect(runs.at(-1)!.endedAt).toBeUndefined()
  })
})
