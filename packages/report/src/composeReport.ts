import { itemRunningAt, minutesRun, ranks, type AgendaRun } from '@cg/facilitation'
import type { BoardRole, LanguageCode } from '@cg/contract'
import {
  frameHasWork,
  type ContentBoard,
  type ContentFrame,
  type ContentNote,
  type FigureRef,
} from './reportContent.ts'
import { REPORT_LIMITS, type ReportBlock, type ReportDocument } from './reportDocument.ts'
import { withinLimits } from './withinLimits.ts'

/** The report's own words in its language; counted ones are functions, so each language's plural rules apply. */
export interface ReportWords {
  kind: string
  date: string
  /** Where and how the workshop was held. */
  venue: string
  facilitators: string
  participants: string
  observers: string
  groups: string
  agenda: string
  topic: string
  method: string
  planned: string
  actual: string
  minutes: (n: number) => string
  vote: string
  turnout: (voters: number, participants: number) => string
  stickers: (n: number) => string
  rank: string
  item: string
  votes: string
  group: string
  notesOutsideFrames: string
  /** The section of work made outside every agenda item (or all of it, when the agenda was not run). */
  otherWork: string
  boardWork: string
  question: string
  answers: string
  deletedItem: string
  annex: string
}

export interface ReportAgendaItem {
  id: string
  /** As the reader reads it (a sample topic in their language). */
  topic: string
  method: string
  minutes: number
}

export interface ReportVote {
  id: string
  title: string
  boardId: string
  startedAt: number
  endedAt?: number
  votesPerPerson: number
  voterCount: number
  /** Most votes first, as tallied; `name` is the item's text (undefined when the item is gone). */
  results: { name: string | undefined; votes: number }[]
}

export interface ReportInput {
  lang: LanguageCode
  title: string
  /** The date, written as the reader writes dates. */
  date: string
  /** Where and how it was held, as the facilitator typed it (empty: not said). */
  place: string
  now: number
  attendance: { name: string; role?: BoardRole }[]
  agenda: ReportAgendaItem[]
  runs: AgendaRun[]
  votes: ReportVote[]
  plenary: ContentBoard
  breakouts: ContentBoard[]
  /** Every picture the print page can render, in reading order; the report keeps those of work it prints. */
  figures: FigureRef[]
  words: ReportWords
}

/** A piece of work placed in the report: under the agenda item it was made in, or none. */
type Piece =
  | { kind: 'frame'; frame: ContentFrame }
  | { kind: 'loose'; notes: ContentNote[] }
  | { kind: 'group'; name: string; frames: ContentFrame[]; loose: ContentNote[] }
  | { kind: 'vote'; vote: ReportVote }

/**
 * People's words inside the report's own, isolated (Unicode FSI … PDI): an Arabic note followed by " — Amina" in
 * an English report reads note first, name after, each in its own direction.
 */
export const isolate = (text: string) => `\u2068${text}\u2069`

const NOTE_TEXT_MAX = REPORT_LIMITS.text - 1_000

/** A note as one line of text: what it says, its sector and author where known. */
export function noteLine(note: ContentNote): string {
  // Cut before isolating, so the marks stay paired (room is left for the sector and the author).
  const text = note.text.length > NOTE_TEXT_MAX ? `${note.text.slice(0, NOTE_TEXT_MAX - 1)}…` : note.text
  const sector = note.sector ? ` [${isolate(note.sector)}]` : ''
  const author = note.author ? ` — ${isolate(note.author)}` : ''
  return `${isolate(text)}${sector}${author}`
}

/**
 * The workshop report: cover, the agenda as run, one section per agenda item that produced work (its frames'
 * notes as text and tables, its votes, each breakout group's work), the work made outside any item, then an annex
 * of board pictures. A breakout group brought back to the plenary is one piece of work: printed once, from the
 * plenary, where it was presented (and perhaps voted on).
 */
export function composeReport(input: ReportInput): ReportDocument {
  const { words } = input
  const runs = closeOpenRuns(input)
  const returned = broughtBackBoards(input.plenary, input.breakouts)
  const itemOf = (time: number | undefined) => (time === undefined ? undefined : itemRunningAt(runs, time))
  const placed = new Map<string | undefined, Piece[]>()
  const place = (itemId: string | undefined, piece: Piece) => {
    const list = placed.get(itemId) ?? []
    list.push(piece)
    placed.set(itemId, list)
  }

  // A group's frames on the plenary, by its breakout board (two rounds may both have a "Group 1").
  const groupFrames = new Map<string, { name: string; frames: ContentFrame[] }>()
  for (const frame of input.plenary.frames) {
    if (frame.group) {
      const key = groupKey(frame.group)
      const group = groupFrames.get(key) ?? { name: frame.group.name, frames: [] }
      group.frames.push(frame)
      groupFrames.set(key, group)
    } else if (frameHasWork(frame)) place(itemOf(frame.madeAt), { kind: 'frame', frame })
  }
  const looseByItem = new Map<string | undefined, ContentNote[]>()
  for (const note of input.plenary.loose) {
    const item = itemOf(note.createdAt)
    looseByItem.set(item, [...(looseByItem.get(item) ?? []), note])
  }
  for (const [item, notes] of looseByItem) place(item, { kind: 'loose', notes })
  // A group's work, from the plenary where it was brought back, else from its own board.
  for (const [key, { name, frames }] of groupFrames) {
    const board = returned.get(key)
    place(itemOf(board?.createdAt ?? frames[0]!.madeAt), { kind: 'group', name, frames, loose: [] })
  }
  const skipped = new Set([...returned.values()].map((board) => board.id))
  for (const board of input.breakouts) {
    if (skipped.has(board.id)) continue
    place(itemOf(board.createdAt), { kind: 'group', name: board.title, frames: board.frames, loose: board.loose })
  }
  for (const vote of [...input.votes].sort((a, b) => a.startedAt - b.startedAt)) {
    place(itemOf(vote.startedAt), { kind: 'vote', vote })
  }

  const participants = input.attendance.filter((person) => (person.role ?? 'editor') === 'editor')
  const blocks: ReportBlock[] = [cover(input), ...agendaAsRun(input, runs)]
  input.agenda.forEach((item, index) => {
    const pieces = (placed.get(item.id) ?? []).filter(hasWork)
    if (pieces.length === 0) return
    blocks.push({ kind: 'heading', level: 1, text: `${index + 1}. ${item.topic}` })
    const ran = minutesRun(runs, item.id, input.now)
    const facts = [item.method, `${words.planned}: ${words.minutes(item.minutes)}`]
    if (ran !== undefined) facts.push(`${words.actual}: ${words.minutes(ran)}`)
    blocks.push({ kind: 'paragraph', text: facts.filter(Boolean).join(' · '), muted: true })
    for (const piece of pieces) blocks.push(...pieceBlocks(piece, words, participants.length))
  })
  const unplaced = [...placed]
    .filter(([itemId]) => itemId === undefined || !input.agenda.some((item) => item.id === itemId))
    .flatMap(([, pieces]) => pieces)
    .filter(hasWork)
  if (unplaced.length > 0) {
    const anyPlaced = blocks.some((block) => block.kind === 'heading' && block.level === 1)
    blocks.push({ kind: 'heading', level: 1, text: anyPlaced ? words.otherWork : words.boardWork })
    for (const piece of unplaced) blocks.push(...pieceBlocks(piece, words, participants.length))
  }

  // Pictures of what is printed: not a brought-back group's own board, not a frame nobody put anything in.
  const drawn = new Map(
    [input.plenary, ...input.breakouts].flatMap((board) => board.frames.map((frame) => [frame.id, frame.drawn])),
  )
  const figures = input.figures.filter(
    (figure) => !skipped.has(figure.boardId) && (figure.frameId === null || drawn.get(figure.frameId) !== false),
  )
  if (figures.length > 0) {
    blocks.push({ kind: 'heading', level: 1, text: words.annex })
    for (const figure of figures) blocks.push({ kind: 'figure', figureId: figure.id, title: figure.title })
  }
  return { lang: input.lang, title: input.title, blocks: withinLimits(blocks) }
}

const groupKey = (group: NonNullable<ContentFrame['group']>) => group.boardId ?? `name:${group.name}`

/**
 * Breakout boards whose work was brought back to the plenary, keyed as `groupKey` keys the plenary's frames: by
 * board id, or by the group's name for frames brought back before they carried one.
 */
export function broughtBackBoards(
  plenary: ContentBoard,
  breakouts: readonly ContentBoard[],
): Map<string, ContentBoard> {
  const found = new Map<string, ContentBoard>()
  for (const frame of plenary.frames) {
    if (!frame.group || found.has(groupKey(frame.group))) continue
    const { name, boardId } = frame.group
    const board = breakouts.find((candidate) => (boardId ? candidate.id === boardId : candidate.title === name))
    if (board) found.set(groupKey(frame.group), board)
  }
  return found
}

/**
 * The run log with an item nobody finished ended at the last work made in the workshop after it started (or
 * where it started): a report made the next day does not count the night as the wrap-up's.
 */
function closeOpenRuns(input: ReportInput): AgendaRun[] {
  if (input.runs.every((run) => run.endedAt !== undefined)) return input.runs
  const notes = (board: ContentBoard) => [
    ...board.loose,
    ...board.frames.flatMap((frame) => [...frame.notes, ...frame.cells.flatMap((cell) => cell.notes)]),
  ]
  const times = [
    ...[input.plenary, ...input.breakouts].flatMap((board) => [
      ...notes(board).flatMap((note) => (note.createdAt === undefined ? [] : [note.createdAt])),
      ...(board.createdAt === undefined ? [] : [board.createdAt]),
    ]),
    ...input.votes.flatMap((vote) => [vote.startedAt, ...(vote.endedAt === undefined ? [] : [vote.endedAt])]),
  ]
  // A loop, not Math.max(...times): a board of many thousand notes would overflow the call's arguments.
  const last = Math.min(
    input.now,
    times.reduce((latest, time) => Math.max(latest, time), -Infinity),
  )
  return input.runs.map((run) => (run.endedAt === undefined ? { ...run, endedAt: Math.max(run.startedAt, last) } : run))
}

function hasWork(piece: Piece): boolean {
  switch (piece.kind) {
    case 'frame':
      return frameHasWork(piece.frame)
    case 'loose':
      return piece.notes.length > 0
    case 'group':
      return piece.loose.length > 0 || piece.frames.some(frameHasWork)
    case 'vote':
      return true
  }
}

function cover(input: ReportInput): ReportBlock {
  const { words } = input
  const byRole = (role: BoardRole) =>
    input.attendance.filter((person) => (person.role ?? 'editor') === role).map((person) => person.name)
  const named = (names: string[]) => names.filter((name) => name.trim().length > 0)
  const participants = byRole('editor')
  const facilitators = byRole('facilitator')
  // Lists as the language writes them (an Arabic comma and و in Arabic).
  const listFormat = new Intl.ListFormat(input.lang, { type: 'unit', style: 'short' })
  const list = (names: string[]) =>
    [String(names.length), listFormat.format(named(names).map(isolate))].filter(Boolean).join(' · ')
  const groups = input.breakouts.map((board) => board.title)
  return {
    kind: 'cover',
    title: input.title,
    subtitle: words.kind,
    facts: [
      [words.date, input.date],
      ...(input.place.trim() ? [[words.venue, isolate(input.place.trim())] as [string, string]] : []),
      [words.facilitators, list(facilitators)],
      [words.participants, list(participants)],
      [words.observers, String(byRole('viewer').length)],
      [words.groups, groups.length > 0 ? listFormat.format(groups.map(isolate)) : '—'],
    ],
  }
}

function agendaAsRun(input: ReportInput, runs: readonly AgendaRun[]): ReportBlock[] {
  const { words } = input
  if (input.agenda.length === 0) return []
  return [
    { kind: 'heading', level: 1, text: words.agenda },
    {
      kind: 'table',
      header: ['#', words.topic, words.method, words.planned, words.actual],
      widths: [1, 8, 5, 2, 2],
      rows: input.agenda.map((item, index) => {
        const ran = minutesRun(runs, item.id, input.now)
        return [
          [String(index + 1)],
          [item.topic],
          [item.method || '—'],
          [words.minutes(item.minutes)],
          [ran === undefined ? '—' : words.minutes(ran)],
        ]
      }),
    },
  ]
}

function pieceBlocks(piece: Piece, words: ReportWords, participantCount: number): ReportBlock[] {
  switch (piece.kind) {
    case 'frame':
      return frameBlocks(piece.frame, 2, words)
    case 'loose':
      return [
        { kind: 'heading', level: 2, text: words.notesOutsideFrames },
        { kind: 'list', items: piece.notes.map(noteLine) },
      ]
    case 'group': {
      const blocks: ReportBlock[] = [{ kind: 'heading', level: 2, text: `${words.group}: ${isolate(piece.name)}` }]
      for (const frame of piece.frames.filter(frameHasWork)) {
        // The frame bringing the group back is named after it: what it holds directly lay outside the group's frames.
        const shown = frame.title === piece.name ? { ...frame, title: words.notesOutsideFrames } : frame
        blocks.push(...frameBlocks(shown, 3, words))
      }
      if (piece.loose.length > 0) {
        blocks.push({ kind: 'heading', level: 3, text: words.notesOutsideFrames })
        blocks.push({ kind: 'list', items: piece.loose.map(noteLine) })
      }
      return blocks
    }
    case 'vote':
      return voteBlocks(piece.vote, words, participantCount)
  }
}

function frameBlocks(frame: ContentFrame, level: 2 | 3, words: ReportWords): ReportBlock[] {
  const blocks: ReportBlock[] = [{ kind: 'heading', level, text: frame.title }]
  for (const text of frame.intro) blocks.push({ kind: 'paragraph', text })
  if (frame.table) blocks.push({ kind: 'table', header: frame.table.header, rows: frame.table.rows })
  if (frame.cells.length > 0) {
    blocks.push({
      kind: 'table',
      header: [words.question, words.answers],
      widths: [2, 3],
      rows: frame.cells.map((cell) => [[cell.label], cell.notes.length > 0 ? cell.notes.map(noteLine) : ['—']]),
    })
  }
  if (frame.notes.length > 0) blocks.push({ kind: 'list', items: frame.notes.map(noteLine) })
  return blocks
}

function voteBlocks(vote: ReportVote, words: ReportWords, participantCount: number): ReportBlock[] {
  const places = ranks(vote.results)
  return [
    { kind: 'heading', level: 2, text: `${words.vote}: ${isolate(vote.title)}` },
    {
      kind: 'paragraph',
      text: `${words.turnout(vote.voterCount, Math.max(participantCount, vote.voterCount))} · ${words.stickers(vote.votesPerPerson)}`,
    },
    {
      kind: 'table',
      header: [words.rank, words.item, words.votes],
      widths: [1, 8, 2],
      rows: vote.results.map((result, index) => [
        [String(places[index])],
        [result.name ?? words.deletedItem],
        [String(result.votes)],
      ]),
    },
  ]
}
