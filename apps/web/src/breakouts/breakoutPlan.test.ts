import { describe, expect, it } from 'vitest'
import type { Person } from '../board/workshop/usePeopleOnBoard.ts'
import { assignRandomly, movePerson, participantsOf } from './breakoutPlan.ts'

const people = ['a', 'b', 'c', 'd', 'e'].map((id) => ({ id, name: id.toUpperCase() }))

describe('breakout groups', () => {
  it('puts everyone in exactly one group, sizes within one of each other', () => {
    let seed = 7
    const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646
    const groups = assignRandomly(people, 2, random)
    expect(groups.flat().sort()).toEqual(['a', 'b', 'c', 'd', 'e'])
    expect(groups.map((group) => group.length).sort()).toEqual([2, 3])
    expect(
      assignRandomly(people, 3, random)
        .map((group) => group.length)
        .sort(),
    ).toEqual([1, 2, 2])
  })

  it('moves one person between groups', () => {
    expect(movePerson([['a', 'b'], ['c']], 'a', 1)).toEqual([['b'], ['c', 'a']])
    expect(movePerson([['a', 'b'], ['c']], 'a', -1)).toEqual([['b'], ['c']])
  })

  it('splits participants only: viewers and facilitators stay in the plenary', () => {
    const room: Person[] = [
      { id: 'p1', name: 'Amal', role: 'editor' },
      { id: 'v1', name: 'Observer', role: 'viewer' },
      { id: 'f1', name: 'Facilitator', role: 'facilitator' },
      { id: 'p2', name: 'Old client' },
    ]
    const groups = assignRandomly(participantsOf(room), 2)
    expect(groups.flat().sort()).toEqual(['p1', 'p2'])
  })
})
