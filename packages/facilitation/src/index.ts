export { AGENDA_METHODS, AGENDA_SAMPLE_TOPICS, type AgendaMethod, type AgendaSampleTopic } from './agendaCatalogue.ts'
export { AgendaRun, finishRun, itemRunningAt, MAX_AGENDA_RUNS, minutesRun, startRun } from './agendaRuns.ts'
export {
  addTime,
  clockOffset,
  formatRemaining,
  IDLE_TIMER,
  pauseTimer,
  remainingMs,
  resumeTimer,
  startTimer,
  TimerState,
} from './timer.ts'
export { DEFAULT_VOTES_PER_PERSON, ranks, tally, validBallot, votesLeft, VotingSession } from './voting.ts'
export {
  AgendaItem,
  ballotsMap,
  BreakoutGroup,
  BreakoutsState,
  BroadcastMessage,
  FollowState,
  PrivateModeState,
  readBallot,
  readVotingSession,
  readVotingSessions,
  readWorkshop,
  RestoredState,
  SlidesState,
  SummonState,
  votesMap,
  workshopMap,
  writeVotingSession,
  writeWorkshop,
} from './workshopState.ts'
export type { WorkshopField, WorkshopValue } from './workshopState.ts'
