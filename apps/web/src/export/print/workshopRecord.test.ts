import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { writeVotingSession, writeWorkshop, type VotingSession } from '@cg/facilitation'
import { printTargets, readWorkshopRecord } from './workshopRecord.ts'

const session = (id: string, status: VotingSession['status'], results?: VotingSession['results']): VotingSession => ({
  id,
  title: `Vote ${id}`,
  boardId: 'plenary',
  itemIds: ['shape:a'],
  votesPerPerson: 3,
  allowSeveralPerItem: false,
  status,
  startedAt: 1,
  ...(results ? { results } : {}),
})

describe('the workshop as a report reads it', () => {
  it('reads the agenda as run, the place, attendance and slides from the facilitation room', () => {
    const doc = new Y.Doc()
    writeWorkshop(doc, 'agenda', [{ id: 'i1', topic: 'Problem tree', method: 'Groups', minutes: 30 }])
    writeWorkshop(doc, 'agendaRuns', [{ itemId: 'i1', startedAt: 1000, endedAt: 2000 }])
    writeWorkshop(doc, 'place', 'Amman, in person')
    writeWorkshop(doc, 'attendance', [{ id: 'user:1', name: 'Amina', role: 'facilitator' }])
    writeWorkshop(doc, 'slides', { boardId: 'plenary', frameIds: ['shape:f'], index: 0 })
    const record = readWorkshopRecord(doc, 'Joint programme')
    expect(record).toMatchObject({
      title: 'Joint programme',
      place: 'Amman, in person',
      agenda: [{ id: 'i1', topic: 'Problem tree', minutes: 30 }],
      runs: [{ itemId: 'i1', startedAt: 1000, endedAt: 2000 }],
      attendance: [{ id: 'user:1', name: 'Amina', role: 'facilitator' }],
      slides: { boardId: 'plenary', frameIds: ['shape:f'] },
    })
  })

  it('keeps only the votes that ended with results', () => {
    const doc = new Y.Doc()
    writeVotingSession(doc, session('open', 'open'))
    writeVotingSession(doc, session('counting', 'ended'))
    writeVotingSession(doc, session('done', 'ended', [{ itemId: 'shape:a', votes: 4 }]))
    expect(readWorkshopRecord(doc, 'W').sessions.map((s) => s.id)).toEqual(['done'])
  })

  it('prints the board, then for a report each breakout board under its title', () => {
    expect(printTargets({ id: 'p', title: 'Plenary' })).toEqual([{ id: 'p', section: 'Plenary' }])
    expect(printTargets({ id: 'p', title: 'Plenary' }, [{ id: 'b1', title: 'Group 1', createdAt: 5 }])).toEqual([
      { id: 'p', section: 'Plenary' },
      { id: 'b1', section: 'Group 1', createdAt: 5 },
    ])
  })
})
