import { composeReport, type ContentBoard, type FigureRef, type ReportDocument } from '@cg/report'
import type { LanguageCode } from '@cg/contract'
import { methodText, topicText } from '../../agenda/index.ts'
import type { MessageKey } from '../../i18n/messages.ts'
import { reportWords } from './reportWords.ts'
import type { WorkshopRecord } from './workshopRecord.ts'

/**
 * The workshop report in the requester's language, from what the print view read: the workshop state, each board's
 * content (the plenary first, then its breakouts), the names of what was voted on (board by board, shape by shape)
 * and the annex pictures.
 */
export function composeWorkshopReport(input: {
  workshop: WorkshopRecord
  plenary: ContentBoard
  breakouts: ContentBoard[]
  labels: ReadonlyMap<string, ReadonlyMap<string, string>>
  figures: FigureRef[]
  t: (key: MessageKey) => string
  language: LanguageCode
  /** When the report is made (its date on the cover). */
  now: number
}): ReportDocument {
  const { workshop, t, language, labels } = input
  return composeReport({
    lang: language,
    title: workshop.title,
    date: new Intl.DateTimeFormat(language, { dateStyle: 'long' }).format(new Date(input.now)),
    now: input.now,
    place: workshop.place,
    attendance: workshop.attendance,
    agenda: workshop.agenda.map((item) => ({
      id: item.id,
      topic: topicText(item, t),
      method: methodText(item, t),
      minutes: item.minutes,
    })),
    runs: workshop.runs,
    votes: workshop.sessions.map((session) => ({
      id: session.id,
      title: session.title,
      boardId: session.boardId,
      startedAt: session.startedAt,
      votesPerPerson: session.votesPerPerson,
      voterCount: session.voterCount ?? 0,
      results: (session.results ?? []).map((result) => ({
        name: labels.get(session.boardId)?.get(result.itemId),
        votes: result.votes,
      })),
    })),
    plenary: input.plenary,
    breakouts: input.breakouts,
    figures: input.figures,
    words: reportWords(t, language),
  })
}
