import type { ContentBoard, ContentNote } from './reportContent.ts'
import type { ReportInput, ReportWords } from './composeReport.ts'

/** A workshop as it ran (for this package's tests): agenda items run in turn, work made during each. */
const MIN = 60_000
const T0 = Date.UTC(2026, 10, 30, 8)
export const at = (minute: number) => T0 + minute * MIN

const note = (id: string, text: string, minute?: number, extra: Partial<ContentNote> = {}): ContentNote => ({
  id,
  text,
  ...(minute === undefined ? {} : { createdAt: at(minute) }),
  ...extra,
})

export const englishWords: ReportWords = {
  kind: 'Workshop report',
  date: 'Date',
  venue: 'Place',
  facilitators: 'Facilitators',
  participants: 'Participants',
  observers: 'Observers',
  groups: 'Groups',
  agenda: 'Agenda as run',
  topic: 'Topic',
  method: 'Method',
  planned: 'Planned',
  actual: 'Actual',
  minutes: (n) => `${n} min`,
  vote: 'Vote',
  turnout: (voters, total) => `${voters} of ${total} voted`,
  stickers: (n) => `${n} stickers each`,
  rank: '#',
  item: 'Item',
  votes: 'Votes',
  group: 'Group',
  notesOutsideFrames: 'Notes outside frames',
  otherWork: 'Other work on the boards',
  boardWork: 'Work on the boards',
  question: 'Question',
  answers: 'Answers',
  deletedItem: '(deleted item)',
  annex: 'Annex: the boards',
}

const plenary: ContentBoard = {
  id: 'plenary',
  title: 'Joint programme design',
  frames: [
    {
      id: 'shape:vision',
      title: 'Vision statement and values',
      intro: ['Where do we want to be in five years?'],
      madeAt: at(70),
      cells: [
        { label: 'Our shared vision statement', notes: [note('shape:statement', 'Every child safe and learning', 72)] },
        { label: 'Our values', notes: [note('shape:v1', 'Dignity', 71), note('shape:v2', 'Accountability', 71)] },
      ],
      notes: [],
      drawn: true,
    },
    {
      id: 'shape:logframe',
      title: 'Integrated logframe',
      intro: [],
      madeAt: at(5),
      table: {
        header: ['Level', 'Sector', 'Narrative', 'Indicators'],
        labelColumns: 2,
        rows: [
          [['Outcome'], [''], ['Children are protected and learn'], ['% children in school']],
          [['Output'], ['Education'], ['Safe learning spaces'], []],
        ],
      },
      cells: [],
      notes: [],
      drawn: true,
    },
    {
      id: 'shape:back-education',
      title: 'Education',
      intro: [],
      madeAt: at(30),
      group: { name: 'Education', boardId: 'breakout-education' },
      cells: [],
      notes: [note('shape:back-loose', 'Teachers trained in PSS', 25)],
      drawn: true,
    },
    {
      id: 'shape:back-education-actions',
      title: 'Key actions: Education',
      intro: [],
      madeAt: at(30),
      group: { name: 'Education', boardId: 'breakout-education' },
      cells: [
        {
          label: 'What key actions?',
          notes: [note('shape:back-a1', 'Referral pathways in schools', 22, { sector: 'Education' })],
        },
        { label: 'What challenges?', notes: [] },
      ],
      notes: [],
      drawn: true,
    },
    { id: 'shape:empty', title: 'Empty frame', intro: [], cells: [], notes: [], drawn: false },
  ],
  loose: [
    note('shape:tps1', 'Children first', 12, { author: 'Amina' }),
    note('shape:tps2', 'Work with families', 13),
    note('shape:old', 'Note from before the agenda'),
  ],
}

const breakouts: ContentBoard[] = [
  {
    id: 'breakout-education',
    title: 'Education',
    createdAt: at(20),
    frames: [
      {
        id: 'shape:a',
        title: 'Key actions: Education',
        intro: [],
        cells: [{ label: 'What key actions?', notes: [note('shape:a1', 'Referral pathways in schools', 22)] }],
        notes: [],
        drawn: true,
      },
    ],
    loose: [],
  },
  {
    id: 'breakout-health',
    title: 'Health',
    createdAt: at(20),
    frames: [
      {
        id: 'shape:h',
        title: 'Key actions: Health',
        intro: [],
        cells: [{ label: 'What key actions?', notes: [note('shape:h1', 'Clinic staff identify risk', 24)] }],
        notes: [],
        drawn: true,
      },
    ],
    loose: [],
  },
]

export function workshopInput(): ReportInput {
  return {
    lang: 'en',
    title: 'Joint programme design',
    date: '30 November 2026',
    place: 'Amman, in person',
    now: at(90),
    attendance: [
      { name: 'Fatima', role: 'facilitator' },
      { name: 'Amina', role: 'editor' },
      { name: 'Jean', role: 'editor' },
      { name: '', role: 'editor' },
      { name: 'Donor', role: 'viewer' },
      { name: 'Early bird' },
    ],
    agenda: [
      { id: 'intro', topic: 'Introduction', method: 'Plenary', minutes: 5 },
      { id: 'tps', topic: 'Centrality of protection', method: 'Think-pair-share', minutes: 10 },
      { id: 'groups', topic: 'Key actions', method: 'Breakout groups', minutes: 30 },
      { id: 'vote', topic: 'Priorities', method: 'Sticker voting', minutes: 10 },
      { id: 'vision', topic: 'Vision and values', method: 'Discussion', minutes: 20 },
      { id: 'skipped', topic: 'Energiser', method: '', minutes: 5 },
    ],
    runs: [
      { itemId: 'intro', startedAt: at(0), endedAt: at(10) },
      { itemId: 'tps', startedAt: at(10), endedAt: at(19) },
      { itemId: 'groups', startedAt: at(19), endedAt: at(52) },
      { itemId: 'vote', startedAt: at(52), endedAt: at(65) },
      { itemId: 'vision', startedAt: at(65) },
    ],
    votes: [
      {
        id: 'v1',
        title: 'Which action first?',
        boardId: 'plenary',
        startedAt: at(55),
        votesPerPerson: 3,
        voterCount: 3,
        results: [
          { name: 'Referral pathways in schools', votes: 4 },
          { name: 'Children first', votes: 4 },
          { name: undefined, votes: 1 },
        ],
      },
    ],
    plenary,
    breakouts,
    figures: [
      {
        id: 'plenary/shape:vision/1',
        boardId: 'plenary',
        frameId: 'shape:vision',
        title: 'Vision statement and values',
      },
      { id: 'plenary/loose/1', boardId: 'plenary', frameId: null, title: 'Notes outside frames' },
      { id: 'plenary/shape:empty/1', boardId: 'plenary', frameId: 'shape:empty', title: 'Empty frame' },
      {
        id: 'breakout-education/shape:a/1',
        boardId: 'breakout-education',
        frameId: 'shape:a',
        title: 'Key actions: Education',
      },
      { id: 'breakout-health/shape:h/1', boardId: 'breakout-health', frameId: 'shape:h', title: 'Key actions: Health' },
    ],
    words: englishWords,
  }
}
