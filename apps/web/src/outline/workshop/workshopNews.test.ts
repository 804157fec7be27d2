import { describe, expect, it } from 'vitest'
import { IDLE_TIMER, pauseTimer, resumeTimer, startTimer, addTime } from '@cg/facilitation'
import { minutesLeft, timerPhase, workshopNews, type WorkshopMoment } from './workshopNews.ts'

const quiet: WorkshopMoment = {
  agendaItem: null,
  timer: { kind: 'idle' },
  openVote: null,
  endedVote: null,
  privateMode: false,
}
const MINUTE = 60_000

describe('timerPhase', () => {
  it('reads the shared timer at a moment of the server clock', () => {
    const running = startTimer(10 * MINUTE, 1_000)
    expect(timerPhase(IDLE_TIMER, 0)).toEqual({ kind: 'idle' })
    expect(timerPhase(running, 1_000 + MINUTE)).toEqual({
      kind: 'running',
      endsAt: running.status === 'running' ? running.endsAt : 0,
      leftMs: 9 * MINUTE,
    })
    expect(timerPhase(pauseTimer(running, 1_000 + 4 * MINUTE), 1_000_000)).toEqual({
      kind: 'paused',
      leftMs: 6 * MINUTE,
    })
    expect(timerPhase(running, 1_000 + 10 * MINUTE)).toEqual({ kind: 'ended' })
    expect(timerPhase(running, 1_000 + 11 * MINUTE)).toEqual({ kind: 'ended' })
  })
})

describe('workshopNews', () => {
  // The timer as one person sees it along a workshop: read at successive moments, each compared with the last.
  const along = (steps: { timer: Parameters<typeof timerPhase>[0]; at: number }[]) => {
    let before: WorkshopMoment | null = null
    return steps.map(({ timer, at }) => {
      const after = { ...quiet, timer: timerPhase(timer, at) }
      const news = workshopNews(before, after)
      before = after
      return news
    })
  }

  it('says nothing about what was already there when the page opened', () => {
    const running = startTimer(10 * MINUTE, 0)
    expect(
      workshopNews(null, {
        agendaItem: { id: 'a1', topic: 'Problem tree' },
        timer: timerPhase(running, MINUTE),
        openVote: { id: 'v', title: 'Priorities' },
        endedVote: { id: 'u', title: 'Before' },
        privateMode: true,
      }),
    ).toEqual([])
  })

  it('announces a start, a pause, a resume, added time and the end, never the seconds between', () => {
    const started = startTimer(10 * MINUTE, 0)
    const paused = pauseTimer(started, 3 * MINUTE)
    const resumed = resumeTimer(paused, 5 * MINUTE)
    const longer = addTime(resumed, 2 * MINUTE, 6 * MINUTE)
    const end = longer.status === 'running' ? longer.endsAt : NaN
    expect(
      along([
        { timer: IDLE_TIMER, at: 0 },
        { timer: started, at: 0 },
        { timer: started, at: 1_000 },
        { timer: started, at: 2 * MINUTE },
        { timer: paused, at: 3 * MINUTE },
        { timer: paused, at: 4 * MINUTE },
        { timer: resumed, at: 5 * MINUTE },
        { timer: longer, at: 6 * MINUTE },
        { timer: longer, at: end - 1 },
        { timer: longer, at: end },
        { timer: longer, at: end + 5_000 },
      ]),
    ).toEqual([
      [],
      [{ kind: 'timerRunning', leftMs: 10 * MINUTE }],
      [],
      [],
      [{ kind: 'timerPaused', leftMs: 7 * MINUTE }],
      [],
      [{ kind: 'timerRunning', leftMs: 7 * MINUTE }],
      [{ kind: 'timerRunning', leftMs: 8 * MINUTE }],
      [],
      [{ kind: 'timeIsUp' }],
      [],
    ])
  })

  it('announces a timer stopped before its end, not one cleared after it ran out', () => {
    const started = startTimer(MINUTE, 0)
    expect(
      along([
        { timer: started, at: 0 },
        { timer: IDLE_TIMER, at: 1_000 },
        { timer: started, at: 0 },
        { timer: started, at: MINUTE },
        { timer: IDLE_TIMER, at: MINUTE + 1_000 },
      ]),
    ).toEqual([[], [{ kind: 'timerStopped' }], [{ kind: 'timerRunning', leftMs: MINUTE }], [{ kind: 'timeIsUp' }], []])
  })

  it('announces the agenda moving on to another item, not the same item again nor the agenda ending', () => {
    const problemTree = { ...quiet, agendaItem: { id: 'a1', topic: 'Problem tree' } }
    const vision = { ...quiet, agendaItem: { id: 'a2', topic: 'Vision' } }
    expect(workshopNews(quiet, problemTree)).toEqual([{ kind: 'agendaItem', topic: 'Problem tree' }])
    expect(workshopNews(problemTree, { ...problemTree, privateMode: false })).toEqual([])
    expect(workshopNews(problemTree, vision)).toEqual([{ kind: 'agendaItem', topic: 'Vision' }])
    expect(workshopNews(vision, quiet)).toEqual([])
  })

  it('announces a vote opening and ending once each, and private mode turned on and off', () => {
    const open = { ...quiet, openVote: { id: 'v1', title: 'Priorities' } }
    const ended = { ...quiet, endedVote: { id: 'v1', title: 'Priorities' } }
    const drafting = { ...ended, privateMode: true }
    expect(workshopNews(quiet, open)).toEqual([{ kind: 'voteOpened', title: 'Priorities' }])
    expect(workshopNews(open, open)).toEqual([])
    expect(workshopNews(open, ended)).toEqual([{ kind: 'voteEnded', title: 'Priorities' }])
    expect(workshopNews(ended, ended)).toEqual([])
    expect(workshopNews(ended, drafting)).toEqual([{ kind: 'privateModeOn' }])
    expect(workshopNews(drafting, ended)).toEqual([{ kind: 'privateModeOff' }])
  })

  it('says several things that change at once together', () => {
    const after: WorkshopMoment = {
      agendaItem: { id: 'a2', topic: 'Vision' },
      timer: timerPhase(startTimer(5 * MINUTE, 0), 0),
      openVote: { id: 'v2', title: 'Risks' },
      endedVote: null,
      privateMode: true,
    }
    expect(workshopNews(quiet, after).map((news) => news.kind)).toEqual([
      'agendaItem',
      'timerRunning',
      'voteOpened',
      'privateModeOn',
    ])
  })
})

describe('minutesLeft', () => {
  it('rounds up to whole minutes', () => {
    expect([1, MINUTE - 1, MINUTE, MINUTE + 1, 10 * MINUTE].map(minutesLeft)).toEqual([1, 1, 1, 2, 10])
  })
})
