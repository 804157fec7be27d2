import type { TLStore } from 'tldraw'
import { isPrivateRecord } from '@cg/facilitation/private-drafts'
import { roomName, type BoardView } from '@cg/contract'
import { bindStoreToYDoc, consoleLog } from '@cg/tldraw-yjs'
import { BoardConnection } from './BoardConnection.ts'
import { privateRoomKey } from './workshop/privateKey.ts'

/**
 * The rooms a board page opens besides the board itself: the plenary's workshop state (timer, agenda,
 * votes...) and, for people who can edit, their own private room (private drafts and ballots).
 */
export class WorkshopRooms {
  readonly workshop: BoardConnection
  readonly private: BoardConnection | null
  private disposeBinding: (() => void) | undefined
  private destroyed = false

  constructor(board: BoardView, token: string, canEdit: boolean) {
    this.workshop = new BoardConnection(
      roomName({ channel: 'facilitation', boardId: board.parentId ?? board.id }),
      token,
    )
    this.private = canEdit
      ? new BoardConnection(roomName({ channel: 'private', boardId: board.id, key: privateRoomKey(board.id) }), token)
      : null
  }

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

  destroy(): void {
    this.destroyed = true
    this.disposeBinding?.()
    this.workshop.destroy()
    this.private?.destroy()
  }
}
