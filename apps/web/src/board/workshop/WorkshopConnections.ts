import { roomName, type BoardView } from '@cg/contract'
import { BoardConnection } from '../BoardConnection.ts'
import { privateRoomKey } from './privateKey.ts'

/**
 * The rooms a page opens besides the board itself: the plenary's workshop state (timer, agenda, votes...) and, for
 * people who can edit, their own private room (private drafts and ballots). Without the canvas: the board page binds
 * the drafts to its store (WorkshopRooms), the outline page reads them as records.
 */
export class WorkshopConnections {
  readonly workshop: BoardConnection
  readonly private: BoardConnection | null

  constructor(board: BoardView, token: string, canEdit: boolean) {
    this.workshop = new BoardConnection(
      roomName({ channel: 'facilitation', boardId: board.parentId ?? board.id }),
      token,
    )
    this.private = canEdit
      ? new BoardConnection(roomName({ channel: 'private', boardId: board.id, key: privateRoomKey(board.id) }), token)
      : null
  }

  destroy(): void {
    this.workshop.destroy()
    this.private?.destroy()
  }
}
