import type { Person } from '../board/workshop/usePeopleOnBoard.ts'

/**
 * Who is split into groups: participants. Viewers watch and facilitators go round the groups, so both stay in
 * the plenary unless the facilitator sends them somewhere by hand.
 */
export function participantsOf(people: readonly Person[]): Person[] {
  return people.filter((person) => person.role === undefined || person.role === 'editor')
}

/**
 * Splits people into `groupCount` groups at random, sizes differing by at most one. `random` is injectable
 * so the split can be tested.
 */
export function assignRandomly(people: readonly Person[], groupCount: number, random = Math.random): string[][] {
  const shuffled = [...people]
  for (let i = shuffled.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    ;[shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!]
  }
  const groups: string[][] = Array.from({ length: groupCount }, () => [])
  shuffled.forEach((person, index) => groups[index % groupCount]!.push(person.id))
  return groups
}

/** Moves one person to another group (or none, with -1), keeping everyone else where they are. */
export function movePerson(groups: readonly string[][], personId: string, toGroup: number): string[][] {
  return groups.map((members, index) => {
    const without = members.filter((id) => id !== personId)
    return index === toGroup ? [...without, personId] : without
  })
}
