import type * as Y from 'yjs'
import { readVotingSessions, readWorkshop, type AgendaRun, type VotingSession } from '@cg/facilitation'

/** A board to print, with the name its section carries in a report. */
export interface PrintTarget {
  id: string
  section: string
  createdAt?: number
}

/** The workshop as the report reads it, from the plenary's facilitation room. */
export interface WorkshopRecord {
  title: string
  attendance: ReturnType<typeof readWorkshop<'attendance'>>
  agenda: ReturnType<typeof readWorkshop<'agenda'>>
  runs: AgendaRun[]
  place: string
  sessions: VotingSession[]
  slides: ReturnType<typeof readWorkshop<'slides'>>
}

/** The workshop state a report needs, from the facilitation room's doc: the votes are those that ended with results. */
export function readWorkshopRecord(doc: Y.Doc, title: string): WorkshopRecord {
  return {
    title,
    attendance: readWorkshop(doc, 'attendance'),
    agenda: readWorkshop(doc, 'agenda'),
    runs: readWorkshop(doc, 'agendaRuns'),
    place: readWorkshop(doc, 'place'),
    sessions: readVotingSessions(doc).filter((session) => session.status === 'ended' && session.results),
    slides: readWorkshop(doc, 'slides'),
  }
}

/** What a print covers: the board, and for a report its breakout boards after it, each under its title. */
export function printTargets(
  board: { id: string; title: string },
  breakouts: readonly { id: string; title: string; createdAt: number }[] = [],
): PrintTarget[] {
  return [
    { id: board.id, section: board.title },
    ...breakouts.map((b) => ({ id: b.id, section: b.title, createdAt: b.createdAt })),
  ]
}
