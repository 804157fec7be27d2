import { describe, expect, it } from 'vitest'
import { reportText, type ContentBoard } from '@cg/report'
import { en, fr, type MessageKey } from '../../i18n/messages.ts'
import { composeWorkshopReport } from './composeWorkshopReport.ts'
import type { WorkshopRecord } from './workshopRecord.ts'

const NOW = Date.UTC(2025, 2, 14, 12)

const workshop: WorkshopRecord = {
  title: 'Joint programme, Amman',
  attendance: [
    { id: 'user:f', name: 'Amina', role: 'facilitator' },
    { id: 'user:p', name: 'Karim', role: 'editor' },
  ],
  agenda: [
    { id: 'intro', topic: 'Opening', topicKey: 'introduction', method: 'Plenary', methodKey: 'plenary', minutes: 15 },
    { id: 'tree', topic: 'Problem tree', method: 'Sticky notes', minutes: 30 },
  ],
  runs: [
    { itemId: 'intro', startedAt: NOW - 3_600_000, endedAt: NOW - 2_700_000 },
    { itemId: 'tree', startedAt: NOW - 2_700_000, endedAt: NOW - 900_000 },
  ],
  place: 'Amman, in person',
  sessions: [
    {
      id: 'v1',
      title: 'Which causes first?',
      boardId: 'plenary',
      itemIds: ['shape:water', 'shape:gone'],
      votesPerPerson: 3,
      allowSeveralPerItem: false,
      status: 'ended',
      startedAt: NOW - 1_800_000,
      results: [
        { itemId: 'shape:water', votes: 5 },
        { itemId: 'shape:gone', votes: 1 },
      ],
      voterCount: 2,
    },
  ],
  slides: null,
}

const plenary: ContentBoard = {
  id: 'plenary',
  title: 'Plenary',
  frames: [
    {
      id: 'shape:frame',
      title: 'Causes',
      intro: [],
      madeAt: NOW - 2_000_000,
      cells: [],
      notes: [{ id: 'shape:water', text: 'No clean water', createdAt: NOW - 2_000_000 }],
      drawn: true,
    },
  ],
  loose: [],
}

const compose = (messages: Record<MessageKey, string>, language: 'en' | 'fr') =>
  composeWorkshopReport({
    workshop,
    plenary,
    breakouts: [],
    labels: new Map([['plenary', new Map([['shape:water', 'No clean water']])]]),
    figures: [],
    t: (key) => messages[key],
    language,
    now: NOW,
  })

describe('the workshop report composed from what the print view read', () => {
  it('is in the requester language, with the title, place, people and date on its cover', () => {
    const report = compose(en, 'en')
    expect(report.lang).toBe('en')
    expect(report.title).toBe('Joint programme, Amman')
    const cover = report.blocks.find((block) => block.kind === 'cover')
    const words = JSON.stringify(cover)
    for (const text of ['Joint programme, Amman', 'Amman, in person', 'Amina', 'Karim', 'March 14, 2025'])
      expect(words).toContain(text)
  })

  it('words the agenda as each reader reads it: a sample topic and method in their language, a typed one as typed', () => {
    const english = reportText(compose(en, 'en')).join('\n')
    expect(english).toContain(en.topicIntroduction)
    expect(english).toContain(en.methodPlenary)
    expect(english).toContain('Problem tree')
    expect(english).toContain('Sticky notes')
    const french = reportText(compose(fr, 'fr')).join('\n')
    expect(french).toContain(fr.topicIntroduction)
    expect(french).toContain(fr.reportAgenda)
    expect(french).toContain('Problem tree')
  })

  it('names what was voted on from the board it was voted on, and still counts an item that is gone', () => {
    const text = reportText(compose(en, 'en')).join('\n')
    expect(text).toContain('Which causes first?')
    expect(text).toContain('No clean water')
    expect(text).toContain(en.deletedItem)
  })
})
