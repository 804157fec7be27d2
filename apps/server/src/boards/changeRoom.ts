import type * as Y from 'yjs'
import { updateFor } from '@cg/facilitation/private-drafts'
import type { SyncServer } from '@cg/sync-server'

/**
 * Applies `change` to a room's doc as an update made by the server itself, through the room's durable path (so
 * everyone connected sees it like a peer's edit); false when it changed nothing.
 */
export async function changeRoom(sync: SyncServer, name: string, change: (doc: Y.Doc) => void): Promise<boolean> {
  return sync.withRoom(name, async (room) => {
    const update = updateFor(room.doc, change)
    if (update) await room.applyServerUpdate(update)
    return update !== null
  })
}
