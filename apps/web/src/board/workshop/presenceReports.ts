import { useCallback, useSyncExternalStore } from 'react'
import type { Awareness } from 'y-protocols/awareness'
import { presenceRole } from '@cg/contract'

/**
 * What participants tell the facilitator through their presence, where the thing itself stays private: that they
 * have placed a sticker in a vote (ballots stay in each private room until the vote ends), and how many private
 * notes they hold (the notes stay in their private room until revealed). Counts only, never contents.
 */
export const VOTED_IN_FIELD = 'votedIn'
export const PRIVATE_NOTES_FIELD = 'privateNotes'

type Report = typeof VOTED_IN_FIELD | typeof PRIVATE_NOTES_FIELD

/** Sets this tab's report (null clears it); a value already there is not sent again. */
export function announce(awareness: Awareness, field: Report, value: string | number | null): void {
  if (awareness.getLocalState() === null) return
  if ((awareness.getLocalState()?.[field] ?? null) === value) return
  awareness.setLocalStateField(field, value)
}

/** Presence states of the participants on the board now, this tab aside (viewers and facilitators do not count). */
function* participantStates(awareness: Awareness): Generator<Record<string, unknown>> {
  for (const [clientId, state] of awareness.getStates()) {
    if (clientId === awareness.clientID) continue
    const role = presenceRole(state)
    if (role === undefined || role === 'editor') yield state
  }
}

export interface Turnout {
  voted: number
  present: number
}

export function turnoutOf(awareness: Awareness, sessionId: string): Turnout {
  let voted = 0
  let present = 0
  for (const state of participantStates(awareness)) {
    present++
    if (state[VOTED_IN_FIELD] === sessionId) voted++
  }
  return { voted, present }
}

export interface PrivateNotes {
  notes: number
  authors: number
}

export function privateNotesOf(awareness: Awareness): PrivateNotes {
  let notes = 0
  let authors = 0
  for (const state of participantStates(awareness)) {
    const count = state[PRIVATE_NOTES_FIELD]
    if (typeof count !== 'number' || !Number.isInteger(count) || count <= 0) continue
    notes += Math.min(count, 10_000)
    authors++
  }
  return { notes, authors }
}

/** `read` of the board's presence, redrawn when someone comes, goes or reports (as text: not on cursor moves). */
function useReport<T>(awareness: Awareness | undefined, read: (awareness: Awareness) => T, empty: T): T {
  const subscribe = useCallback(
    (onChange: () => void) => {
      awareness?.on('change', onChange)
      return () => awareness?.off('change', onChange)
    },
    [awareness],
  )
  const snapshot = useCallback(() => JSON.stringify(awareness ? read(awareness) : empty), [awareness, read, empty])
  return JSON.parse(useSyncExternalStore(subscribe, snapshot)) as T
}

const NO_TURNOUT: Turnout = { voted: 0, present: 0 }
const NO_PRIVATE_NOTES: PrivateNotes = { notes: 0, authors: 0 }

export function useTurnout(awareness: Awareness | undefined, sessionId: string): Turnout {
  const read = useCallback((of: Awareness) => turnoutOf(of, sessionId), [sessionId])
  return useReport(awareness, read, NO_TURNOUT)
}

export function usePrivateNotes(awareness: Awareness | undefined): PrivateNotes {
  return useReport(awareness, privateNotesOf, NO_PRIVATE_NOTES)
}
