import type { ReportWords } from '@cg/report'
import type { LanguageCode } from '@cg/contract'
import type { MessageKey } from '../../i18n/messages.ts'
import { plural } from '../../i18n/plurals.ts'

/** The report's own words in `language`, counted ones with that language's plural rules. */
export function reportWords(t: (key: MessageKey) => string, language: LanguageCode): ReportWords {
  return {
    kind: t('reportTitle'),
    date: t('reportDate'),
    venue: t('reportVenue'),
    facilitators: t('reportFacilitators'),
    participants: t('reportParticipants'),
    observers: t('reportViewers'),
    groups: t('reportGroups'),
    agenda: t('reportAgenda'),
    topic: t('reportTopic'),
    method: t('reportMethod'),
    planned: t('reportPlanned'),
    actual: t('reportActual'),
    minutes: (n) => plural(language, 'minutes', n),
    vote: t('reportVote'),
    turnout: (voters, total) => plural(language, 'turnout', voters, { total }),
    stickers: (n) => plural(language, 'stickersEach', n),
    rank: t('reportRank'),
    item: t('reportItem'),
    votes: t('reportVotes'),
    group: t('reportGroup'),
    notesOutsideFrames: t('reportNotesOutsideFrames'),
    otherWork: t('reportOtherWork'),
    boardWork: t('reportBoardWork'),
    question: t('reportQuestion'),
    answers: t('reportAnswers'),
    deletedItem: t('deletedItem'),
    annex: t('reportAnnex'),
  }
}
