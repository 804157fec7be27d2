import * as Y from 'yjs'
import { z } from 'zod'
import { AGENDA_METHODS, AGENDA_SAMPLE_TOPICS } from './agendaCatalogue.ts'
import { AgendaRun, MAX_AGENDA_RUNS } from './agendaRuns.ts'
import { BOARD_ROLES, LANGUAGE_CODES } from '@cg/contract'
import { IDLE_TIMER, TimerState } from './timer.ts'
import { VotingSession } from './voting.ts'

/*
 * The workshop state lives in the plenary board's facilitation room (`<id>:facilitation`), which only
 * facilitators can write. Its layout is a storage format:
 *
 *   doc.getMap('workshop')  key → JSON value ('timer', 'agenda', 'agendaRuns', 'place', 'currentItemId', 'follow', 'summon',
 *                           'slides', 'privateMode', 'breakouts', 'broadcast', 'restored', 'scaffoldLocked',
 *                           'attendance')
 *   doc.getMap('votes')     voting session id → VotingSession
 *
 * Values come from peers (facilitators, but still other machines): every read is checked, and a value that
 * does not fit reads as absent rather than breaking the page.
 */

export const AgendaItem = z.object({
  id: z.string().min(1).max(64),
  /** As the facilitator typed it (or the sample's text in their language, for readers without `topicKey`). */
  topic: z.string().max(200),
  method: z.string().max(200),
  /** Set while the topic is a sample's: each reader sees it in their own language. A key this version does not know reads as the typed text. */
  topicKey: z.enum(AGENDA_SAMPLE_TOPICS).optional().catch(undefined),
  methodKey: z.enum(AGENDA_METHODS).optional().catch(undefined),
  minutes: z
    .number()
    .min(0)
    .max(24 * 60),
})
export type AgendaItem = z.infer<typeof AgendaItem>

/** "Follow me": everyone's view follows this person's until they step out. */
export const FollowState = z.object({
  leaderId: z.string().min(1).max(100),
  leaderName: z.string().max(200),
  since: z.number(),
})
export type FollowState = z.infer<typeof FollowState>

const Bounds = z.object({ x: z.number(), y: z.number(), w: z.number().positive(), h: z.number().positive() })

/** "Bring everyone here": a one-time jump; `seq` makes each request distinct. */
export const SummonState = z.object({ seq: z.number().int(), pageId: z.string().max(100), bounds: Bounds })
export type SummonState = z.infer<typeof SummonState>

/** Frames shown one after another, like slides, on everyone's screen. */
export const SlidesState = z.object({
  boardId: z.string().max(64),
  frameIds: z.array(z.string().max(100)).max(500),
  index: z.number().int().nonnegative(),
})
export type SlidesState = z.infer<typeof SlidesState>

export const PrivateModeState = z.object({
  on: z.boolean(),
  /** Set by the server after each reveal, so clients can say "revealed". */
  lastRevealAt: z.number().optional(),
  lastRevealCount: z.number().int().nonnegative().optional(),
})
export type PrivateModeState = z.infer<typeof PrivateModeState>

export const BreakoutGroup = z.object({
  boardId: z.string().max(64),
  name: z.string().max(200),
  sector: z.string().max(64).optional(),
  templateId: z.string().max(64).optional(),
  /** The language the template is laid out in, the same for every member (they may each read another). */
  templateLanguage: z.enum(LANGUAGE_CODES).optional(),
  /** Presence ids (tldraw user ids) of the people sent to this group. */
  memberIds: z.array(z.string().max(100)).max(500),
})
export type BreakoutGroup = z.infer<typeof BreakoutGroup>

export const BreakoutsState = z.object({
  status: z.enum(['running', 'ended']),
  startedAt: z.number(),
  groups: z.array(BreakoutGroup).max(50),
  /** Where the groups' work landed on the plenary: everyone coming back from a group is shown it. */
  returnView: z.object({ pageId: z.string().max(100), bounds: Bounds }).optional(),
})
export type BreakoutsState = z.infer<typeof BreakoutsState>

export const BroadcastMessage = z.object({ seq: z.number().int(), text: z.string().max(500), at: z.number() })
export type BroadcastMessage = z.infer<typeof BroadcastMessage>

/** The last time a facilitator set a board back to a version: everyone on that board is told. */
export const RestoredState = z.object({
  seq: z.number().int(),
  boardId: z.string().max(64),
  /** When the version restored was taken (ms since the epoch). */
  versionAt: z.number(),
})
export type RestoredState = z.infer<typeof RestoredState>

const WORKSHOP_MAP = 'workshop'
const VOTES_MAP = 'votes'

const FIELDS = {
  timer: TimerState,
  agenda: z.array(AgendaItem).max(200),
  /** When each item was started and finished, for the report's actual minutes. */
  agendaRuns: z.array(AgendaRun).max(MAX_AGENDA_RUNS),
  /** Where and how the workshop is held ("Online", "Amman, in person"), as the facilitator typed it, for the report. */
  place: z.string().max(200),
  currentItemId: z.string().max(64).nullable(),
  follow: FollowState.nullable(),
  summon: SummonState.nullable(),
  slides: SlidesState.nullable(),
  privateMode: PrivateModeState,
  breakouts: BreakoutsState.nullable(),
  broadcast: BroadcastMessage.nullable(),
  restored: RestoredState.nullable(),
  /** Whether participants may change or remove template scaffold (locked headings and cells, template frames). */
  scaffoldLocked: z.boolean(),
  /** Everyone seen on the plenary board while a facilitator was there, for the workshop report. */
  attendance: z
    .array(
      z.object({
        id: z.string().max(100),
        name: z.string().max(200),
        /** The role the server wrote in their presence (absent for people seen before roles were). */
        role: z.enum(BOARD_ROLES).optional().catch(undefined),
      }),
    )
    .max(2000),
} as const
type Fields = typeof FIELDS
export type WorkshopField = keyof Fields
export type WorkshopValue<K extends WorkshopField> = z.infer<Fields[K]>

const DEFAULTS: { [K in WorkshopField]: WorkshopValue<K> } = {
  timer: IDLE_TIMER,
  agenda: [],
  agendaRuns: [],
  place: '',
  currentItemId: null,
  follow: null,
  summon: null,
  slides: null,
  privateMode: { on: false },
  breakouts: null,
  broadcast: null,
  restored: null,
  scaffoldLocked: true,
  attendance: [],
}

export function workshopMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>(WORKSHOP_MAP)
}

export function votesMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>(VOTES_MAP)
}

/** A field's checked value, or its default when absent or malformed. */
export function readWorkshop<K extends WorkshopField>(doc: Y.Doc, field: K): WorkshopValue<K> {
  const parsed = FIELDS[field].safeParse(workshopMap(doc).get(field))
  return parsed.success ? (parsed.data as WorkshopValue<K>) : DEFAULTS[field]
}

export function writeWorkshop<K extends WorkshopField>(doc: Y.Doc, field: K, value: WorkshopValue<K>): void {
  workshopMap(doc).set(field, FIELDS[field].parse(value))
}

/** Every well-formed voting session, newest first. */
export function readVotingSessions(doc: Y.Doc): VotingSession[] {
  const sessions: VotingSession[] = []
  for (const value of votesMap(doc).values()) {
    const parsed = VotingSession.safeParse(value)
    if (parsed.success) sessions.push(parsed.data)
  }
  return sessions.sort((a, b) => b.startedAt - a.startedAt)
}

export function readVotingSession(doc: Y.Doc, id: string): VotingSession | undefined {
  const parsed = VotingSession.safeParse(votesMap(doc).get(id))
  return parsed.success ? parsed.data : undefined
}

export function writeVotingSession(doc: Y.Doc, session: VotingSession): void {
  votesMap(doc).set(session.id, VotingSession.parse(session))
}

/* A participant's private room (`<id>:private:<key>`) holds their ballots beside their private drafts:
 *   doc.getMap('ballots')   voting session id → item ids (one entry per sticker)
 */
const BALLOTS_MAP = 'ballots'

export function ballotsMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>(BALLOTS_MAP)
}

export function readBallot(doc: Y.Doc, sessionId: string): string[] {
  const value = ballotsMap(doc).get(sessionId)
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : []
}
