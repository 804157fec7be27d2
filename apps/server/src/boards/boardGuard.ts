import { boardRules } from '@cg/board-rules'
import { parseRoomName, roomName } from '@cg/contract'
import { readWorkshop } from '@cg/facilitation'
import type { BoardStorage } from '@cg/storage'
import type { ContentGuard, SyncServer } from '@cg/sync-server'
import type { ConnectionGrant } from '../auth/authorizeRoom.ts'
import type { BoardHistory } from '../history/boardHistory.ts'

const roleOf = (grant: unknown) => (grant as ConnectionGrant | undefined)?.role

/**
 * The content rules of each room (see @cg/board-rules): a board follows them with the scaffold lock of its
 * workshop (its plenary's facilitation room, kept loaded beside it so the lock is known at every update), and
 * its history follows it while it is loaded; a private room follows them without the lock, since the reveal
 * copies its records onto the board. The workshop room itself is written by facilitators only and has no
 * record rules.
 */
export function boardGuard(storage: BoardStorage, sync: () => SyncServer, history: BoardHistory): ContentGuard {
  return {
    async watch({ name, doc }) {
      const room = parseRoomName(name)
      if (!room || room.channel === 'facilitation') return undefined
      if (room.channel === 'private') return boardRules(doc, { roleOf, scaffoldLocked: () => false })
      const board = await storage.getBoard(room.boardId)
      const workshop = await sync().holdRoom(
        roomName({ channel: 'facilitation', boardId: board?.parentId ?? room.boardId }),
      )
      const versions = history.watch(room.boardId, doc)
      const rules = boardRules(doc, {
        roleOf,
        scaffoldLocked: () => readWorkshop(workshop.room.doc, 'scaffoldLocked'),
        beforeLargeDeletion: versions.beforeLargeDeletion,
      })
      return {
        admit: (update) => rules.admit?.(update) ?? null,
        review: (transaction, grant) => rules.review(transaction, grant),
        dispose(how) {
          rules.dispose()
          versions.dispose(how)
          workshop.release()
        },
      }
    },
  }
}
