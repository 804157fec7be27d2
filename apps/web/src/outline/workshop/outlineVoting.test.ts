import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  ballotsMap,
  readBallot,
  readVotingSession,
  readVotingSessions,
  tally,
  writeVotingSession,
  type VotingSession,
} from '@cg/facilitation'
import { boardVotingOf } from '../../voting/index.ts'
import { outlineVoting } from './outlineVoting.ts'

const PLENARY = 'plenary-board'

/** A facilitator's workshop room, one participant's private room, and the server's copy of that private room. */
function workshop() {
  const workshopDoc = new Y.Doc()
  const privateDoc = new Y.Doc()
  const serverPrivate = new Y.Doc()
  // The private room as the server keeps it: every change of the participant's reaches it.
  privateDoc.on('update', (update: Uint8Array) => Y.applyUpdate(serverPrivate, update))
  const open = (session: Partial<VotingSession> & Pick<VotingSession, 'id'>) =>
    workshopDoc.transact(() =>
      writeVotingSession(workshopDoc, {
        title: 'Priorities',
        boardId: PLENARY,
        itemIds: ['shape:a', 'shape:b', 'shape:c'],
        votesPerPerson: 3,
        allowSeveralPerItem: false,
        status: 'open',
        startedAt: 1,
        ...session,
      }),
    )
  // What the server does when the facilitator ends a vote: counts the ballots it holds, writes only the totals.
  const end = (sessionId: string) => {
    const session = readVotingSession(workshopDoc, sessionId)!
    const counted = tally(session, [readBallot(serverPrivate, sessionId), ['shape:c', 'shape:b']])
    writeVotingSession(workshopDoc, { ...session, status: 'ended', endedAt: 2, ...counted })
  }
  // The outline's voting as the hook builds it on each render: this board's sessions, this person's ballot.
  const read = (doc: Y.Doc | null = privateDoc, boardId = PLENARY) => {
    const { open, ended } = boardVotingOf(readVotingSessions(workshopDoc), boardId)
    const ballot = doc && open ? readBallot(doc, open.id) : []
    return outlineVoting({ open: open ?? null, lastEnded: ended ?? null, ballot, privateDoc: doc })
  }
  return { workshopDoc, privateDoc, serverPrivate, open, end, read }
}

describe('outlineVoting', () => {
  it('offers nothing to vote on when no vote is open', () => {
    const { read } = workshop()
    const voting = read()
    expect([voting.open, voting.lastEnded, voting.results, voting.left]).toEqual([null, null, null, 0])
    expect(voting.canPlace('shape:a')).toBe(false)
    voting.place('shape:a')
    expect(read().mine('shape:a')).toBe(0)
  })

  it('places stickers in the private ballot up to the allowance, one per item, and takes them back', () => {
    const { open, read, privateDoc, serverPrivate } = workshop()
    open({ id: 'vote-1', votesPerPerson: 2 })
    expect(read().left).toBe(2)
    read().place('shape:a')
    expect(read().canPlace('shape:a')).toBe(false)
    read().place('shape:a')
    expect([read().mine('shape:a'), read().left]).toEqual([1, 1])
    read().place('shape:b')
    expect(read().left).toBe(0)
    expect(read().canPlace('shape:c')).toBe(false)
    read().place('shape:c')
    expect(readBallot(privateDoc, 'vote-1')).toEqual(['shape:a', 'shape:b'])
    read().take('shape:a')
    expect([read().mine('shape:a'), read().left, read().canPlace('shape:c')]).toEqual([0, 1, true])
    // What the server holds is what this person placed, and only in their own room.
    expect(readBallot(serverPrivate, 'vote-1')).toEqual(['shape:b'])
    expect([...ballotsMap(privateDoc).keys()]).toEqual(['vote-1'])
  })

  it('puts several stickers on one item when the vote allows it, and takes one back at a time', () => {
    const { open, read } = workshop()
    open({ id: 'vote-1', allowSeveralPerItem: true })
    for (let i = 0; i < 4; i++) read().place('shape:b')
    expect([read().mine('shape:b'), read().left]).toEqual([3, 0])
    read().take('shape:b')
    expect([read().mine('shape:b'), read().left]).toEqual([2, 1])
  })

  it('places nothing on an item that is not in the vote', () => {
    const { open, read, privateDoc } = workshop()
    open({ id: 'vote-1' })
    expect(read().canPlace('shape:elsewhere')).toBe(false)
    read().place('shape:elsewhere')
    expect(readBallot(privateDoc, 'vote-1')).toEqual([])
  })

  it('lets a viewer see the vote but not vote', () => {
    const { open, read } = workshop()
    open({ id: 'vote-1' })
    const viewer = read(null)
    expect([viewer.open?.id, viewer.left, viewer.canPlace('shape:a')]).toEqual(['vote-1', 0, false])
    viewer.place('shape:a')
    expect(read(null).mine('shape:a')).toBe(0)
  })

  it('gives the totals of the last ended vote per item, counted from the ballots the server holds', () => {
    const { open, end, read } = workshop()
    open({ id: 'vote-1' })
    read().place('shape:b')
    read().place('shape:a')
    end('vote-1')
    const voting = read()
    expect(voting.open).toBeNull()
    expect(voting.lastEnded?.voterCount).toBe(2)
    expect(voting.results).toEqual(
      new Map([
        ['shape:b', 2],
        ['shape:a', 1],
        ['shape:c', 1],
      ]),
    )
    // A new vote is open: stickers go into it, and the last results stay until it ends.
    open({ id: 'vote-2', startedAt: 3 })
    expect([read().open?.id, read().lastEnded?.id, read().left, read().mine('shape:b')]).toEqual([
      'vote-2',
      'vote-1',
      3,
      0,
    ])
    expect(read().results?.get('shape:b')).toBe(2)
  })

  it('votes on a breakout board only in that breakout’s own session', () => {
    const { open, read, privateDoc } = workshop()
    open({ id: 'plenary-vote' })
    open({ id: 'breakout-vote', boardId: 'breakout-board', startedAt: 2, itemIds: ['shape:x'] })
    expect(read(privateDoc, 'breakout-board').open?.id).toBe('breakout-vote')
    read(privateDoc, 'breakout-board').place('shape:x')
    expect(readBallot(privateDoc, 'breakout-vote')).toEqual(['shape:x'])
    expect(readBallot(privateDoc, 'plenary-vote')).toEqual([])
  })
})
