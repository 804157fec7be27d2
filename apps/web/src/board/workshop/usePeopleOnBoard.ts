import { useMemo } from 'react'
import { useEditor, useValue } from 'tldraw'
import { presenceRole, type BoardRole } from '@cg/contract'
import { awarenessClientIdOf } from '@cg/tldraw-yjs'
import { useCodraftContext } from '../shapes/CodraftContext.ts'

/** A person on the board, as presence shows them, with the role the server vouched for (none from an older one). */
export interface Person {
  id: string
  name: string
  role?: BoardRole
}

/**
 * Everyone else on this board now, once each, with the role the server wrote in their presence (none from an older
 * server). Presence changes with every cursor move; the list only when someone comes, goes or is renamed: it is
 * compared as text, so what depends on it is not redrawn on every move.
 */
export function usePeopleOnBoard(meId: string): Person[] {
  const editor = useEditor()
  const awareness = useCodraftContext()?.awareness
  const key = useValue(
    'people on the board',
    () => {
      const people = new Map<string, Person>()
      for (const presence of editor.getCollaborators()) {
        if (presence.userId === meId) continue
        const clientId = awarenessClientIdOf(presence.id)
        const role = clientId === undefined ? undefined : presenceRole(awareness?.getStates().get(clientId))
        people.set(presence.userId, { id: presence.userId, name: presence.userName, ...(role ? { role } : {}) })
      }
      return JSON.stringify([...people.values()].sort((a, b) => a.name.localeCompare(b.name)))
    },
    [editor, meId, awareness],
  )
  return useMemo(() => JSON.parse(key) as Person[], [key])
}
