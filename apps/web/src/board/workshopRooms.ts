import type { TLStore } from 'tldraw'
import { isPrivateRecord } from '@cg/facilitation/private-drafts'
import { bindStoreToYDoc, consoleLog } from '@cg/tldraw-yjs'
import { WorkshopConnections } from './workshop/WorkshopConnections.ts'

/**
 * The workshop's rooms on the board page (see WorkshopConnections), with this person's private drafts bound to the
 * canvas's store.
 */
export class WorkshopRooms extends WorkshopConnections {
  private disposeBinding: (() => void) | undefined
  private destroyed = false

  /** Shows this person's private drafts on the board once their room is loaded (it never blocks the board). */
  bindPrivateDrafts(store: TLStore): void {
    const room = this.private
    if (!room) return
    void room.ready().then(() => {
      if (this.destroyed) return
      // Drafts made before the room arrived (it never blocks the board) are kept and sent to it.
      const binding = bindStoreToYDoc(store, room.doc, { log: consoleLog, owns: isPrivateRecord, mergeOnBind: true })
      this.disposeBinding = () => binding.dispose()
    })
  }

  override destroy(): void {
    this.destroyed = true
    this.disposeBinding?.()
    super.destroy()
  }
}
