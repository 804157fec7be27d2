import { describe, expect, it } from 'vitest'
import { ranks, tally, validBallot, votesLeft, type VotingSession } from './voting.ts'

const session: VotingSession = {
  id: 'v1',
  title: 'Priorities',
  boardId: 'b',
  itemIds: ['a', 'b', 'c'],
  votesPerPerson: 3,
  allowSeveralPerItem: false,
  status: 'open',
  startedAt: 0,
}

describe('sticker voting', () => {
  it('keeps only what a ballot may hold', () => {
    expect(validBallot(session, ['a', 'a', 'x', 'b', 'c', 'b'])).toEqual(['a', 'b', 'c'])
    expect(validBallot({ ...session, allowSeveralPerItem: true }, ['a', 'a', 'a', 'a'])).toEqual(['a', 'a', 'a'])
    expect(validBallot(session, 'a')).toEqual([])
    expect(validBallot(session, [1, null, 'c'])).toEqual(['c'])
  })

  it('counts votes per item, most first, ties in item order, and counts voters', () => {
    const ballots = [['c', 'b'], ['c'], ['b', 'c', 'a', 'a'], [], 'junk']
    expect(tally(session, ballots)).toEqual({
      results: [
        { itemId: 'c', votes: 3 },
        { itemId: 'b', votes: 2 },
        { itemId: 'a', votes: 1 },
      ],
      voterCount: 3,
    })
  })

  it('tells how many stickers are left', () => {
    expect(votesLeft(session, ['a'])).toBe(2)
    expect(votesLeft(session, ['a', 'b', 'c', 'a'])).toBe(0)
  })

  it('ranks ties together: 5, 5, 3, 3, 1 votes are places 1, 1, 3, 3, 5', () => {
    expect(ranks([5, 5, 3, 3, 1].map((votes) => ({ votes })))).toEqual([1, 1, 3, 3, 5])
    expect(ranks([0, 0].map((votes) => ({ votes })))).toEqual([1, 1])
    expect(ranks([])).toEqual([])
  })
})
