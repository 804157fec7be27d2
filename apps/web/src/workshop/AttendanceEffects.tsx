import { useEffect } from 'react'
import { useEditor, useValue } from 'tldraw'
import { readWorkshop } from '@cg/facilitation'
import { useWorkshop } from './WorkshopContext.ts'
import { updateWorkshop } from './writeWorkshop.ts'

/**
 * Keeps the list of people who came to the workshop (for the report's cover): a facilitator's browser adds
 * everyone it sees on the plenary board, once. Only facilitators can write it, so it runs in theirs.
 */
export function AttendanceEffects() {
  const editor = useEditor()
  const { role, board, me, workshopDoc } = useWorkshop()
  const present = useValue(
    'people present',
    () =>
      JSON.stringify(
        [
          { id: me.id, name: me.name },
          ...editor.getCollaborators().map((presence) => ({ id: presence.userId, name: presence.userName })),
        ].sort((a, b) => a.id.localeCompare(b.id)),
      ),
    [editor, me.id, me.name],
  )
  useEffect(() => {
    if (role !== 'facilitator' || board.parentId) return
    // Names and ids come from other browsers: clipped to what the workshop state accepts.
    const people = (JSON.parse(present) as { id: string; name: string }[]).map((person) => ({
      id: person.id.slice(0, 100),
      name: person.name.slice(0, 200),
    }))
    const known = new Set(readWorkshop(workshopDoc, 'attendance').map((person) => person.id))
    const newcomers = people.filter((person) => !known.has(person.id))
    if (newcomers.length > 0)
      updateWorkshop(workshopDoc, 'attendance', (list) => [...list, ...newcomers].slice(0, 2000))
  }, [present, role, board.parentId, workshopDoc])
  return null
}
