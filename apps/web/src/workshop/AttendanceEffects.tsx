import { useEffect } from 'react'
import { readWorkshop } from '@cg/facilitation'
import { usePeopleOnBoard } from '../board/workshop/usePeopleOnBoard.ts'
import { useWorkshop } from '../board/workshop/WorkshopContext.ts'
import { updateWorkshop } from '../board/workshop/writeWorkshop.ts'

/**
 * Keeps the list of people who came to the workshop (for the report's cover): a facilitator's browser adds
 * everyone it sees on the plenary board, once, with the role the server vouched for. Only facilitators can write
 * it, so it runs in theirs.
 */
export function AttendanceEffects() {
  const { role, board, me, workshopDoc } = useWorkshop()
  const others = usePeopleOnBoard(me.id)
  useEffect(() => {
    if (role !== 'facilitator' || board.parentId) return
    // Names and ids come from other browsers: clipped to what the workshop state accepts.
    const people = [{ id: me.id, name: me.name, role: 'facilitator' as const }, ...others].map((person) => ({
      id: person.id.slice(0, 100),
      name: person.name.slice(0, 200),
      ...(person.role ? { role: person.role } : {}),
    }))
    const known = new Map(readWorkshop(workshopDoc, 'attendance').map((person) => [person.id, person]))
    // Someone new, or someone seen before roles were written whose role is known now.
    const changed = people.filter((person) => {
      const seen = known.get(person.id)
      return !seen || (person.role !== undefined && seen.role !== person.role)
    })
    if (changed.length === 0) return
    updateWorkshop(workshopDoc, 'attendance', (list) => {
      const byId = new Map(list.map((person) => [person.id, person]))
      for (const person of changed) byId.set(person.id, { ...byId.get(person.id), ...person })
      return [...byId.values()].slice(0, 2000)
    })
  }, [others, me.id, me.name, role, board.parentId, workshopDoc])
  return null
}
