import type { Logger } from 'pino'
import { z } from 'zod'
import { CloseCode, CloseReason, parseRoomName } from '@cg/contract'
import type { RedisRoomBus } from '@cg/redis-bus'
import type { BoardStorage } from '@cg/storage'
import type { LoadRefusal, SyncServer } from '@cg/sync-server'
import type { BoardExporter } from '../exports/boardExporter.ts'
import type { BoardHistory } from '../history/boardHistory.ts'

/** Told to every process when a workshop is deleted (see RedisRoomBus.announce). */
const WorkshopDeletedSchema = z.object({
  kind: z.literal('workshop-deleted'),
  plenaryId: z.string(),
  // The workshop's boards as they were when it was deleted: once purged, no process could look them up.
  boardIds: z.array(z.string()).max(10_000),
})
type WorkshopDeleted = z.infer<typeof WorkshopDeletedSchema>

/** The announcement every process acts on (see DeletedWorkshops), as a process that serves no board sends it too. */
export function workshopDeletedEvent(plenaryId: string, boardIds: readonly string[]): WorkshopDeleted {
  return { kind: 'workshop-deleted', plenaryId, boardIds: [...boardIds] }
}

/**
 * What a deletion tells, and whom: a server closes what it holds and tells the others (DeletedWorkshops); the
 * operators' command line holds nothing and tells the servers (admin/serversTold.ts).
 */
export interface DeletionAnnouncer {
  /** Whether other processes may serve the workshop's boards. */
  readonly severalProcesses: boolean
  /** A workshop was just deleted: resolves with whether the other processes were told (false: at their next sweep). */
  deleted(plenaryId: string, boardIds: readonly string[]): Promise<{ othersTold: boolean }>
}

export interface DeletedWorkshopsOptions {
  sync: () => SyncServer
  storage: BoardStorage
  bus: RedisRoomBus | undefined
  exporter: BoardExporter
  history: BoardHistory
  log: Logger
}

/** The board a room belongs to, or undefined for a name that is no board's room. */
const boardOf = (docName: string) => parseRoomName(docName)?.boardId

/**
 * A deleted workshop (in the trash, or purged) leaves nothing open on any process: every socket of each of its
 * rooms (boards, workshop room, private rooms) is closed with 4410 at once, its rooms are dropped without writing
 * (no compaction, no last version), its exports stop. The process that deleted it tells the others through Redis;
 * whatever an announcement misses (Redis away) is found in storage: no room of a workshop in the trash or gone
 * loads anywhere (`mayLoad`), and every process looks at the rooms it holds at each sweep and when Redis is back.
 */
export class DeletedWorkshops implements DeletionAnnouncer {
  private readonly unannounced: WorkshopDeleted[] = []
  private readonly options: DeletedWorkshopsOptions

  constructor(options: DeletedWorkshopsOptions) {
    this.options = options
    options.bus?.onAnnouncement((event) => {
      const deleted = WorkshopDeletedSchema.safeParse(event)
      if (deleted.success) this.dropHere(deleted.data).catch((error: unknown) => this.failed(error))
    })
    options.bus?.onReconnected(() => {
      for (const event of this.unannounced.splice(0)) void this.announce(event)
      this.dropStale().catch((error: unknown) => this.failed(error))
    })
  }

  /** Whether other processes serve the same boards (through Redis). */
  get severalProcesses(): boolean {
    return this.options.bus !== undefined
  }

  /**
   * A workshop was just deleted here: everything of it is dropped from this process, then the others are told.
   * Resolves with whether they were (false: Redis is away, and they find out from storage at their next sweep).
   */
  async deleted(plenaryId: string, boardIds: readonly string[]): Promise<{ othersTold: boolean }> {
    const event = workshopDeletedEvent(plenaryId, boardIds)
    await this.dropHere(event)
    return { othersTold: await this.announce(event) }
  }

  /** Whether a room may load (SyncServer's `mayLoad`): none of a workshop in the trash, nor of a board gone. */
  async mayLoad(docName: string): Promise<LoadRefusal | null> {
    const boardId = boardOf(docName)
    if (boardId === undefined) return null
    const board = await this.options.storage.getBoard(boardId)
    if (!board) return { code: CloseCode.NotFound, reason: CloseReason.boardNotFound }
    return board.deletion ? { code: CloseCode.Gone, reason: CloseReason.boardDeleted } : null
  }

  /**
   * Drops the rooms this process holds of workshops in the trash or gone, which an announcement should have
   * dropped (it was lost while Redis was away); how many rooms.
   */
  async dropStale(): Promise<number> {
    const { sync, storage, log } = this.options
    const boardIds = new Set(sync().openRoomNames('').map(boardOf))
    const gone = new Set<string>()
    for (const boardId of boardIds) {
      if (boardId === undefined) continue
      const board = await storage.getBoard(boardId)
      if (!board || board.deletion) gone.add(boardId)
    }
    if (gone.size === 0) return 0
    const { rooms, connections } = await sync().dropRooms(
      (docName) => gone.has(boardOf(docName) ?? ''),
      CloseCode.Gone,
      CloseReason.boardDeleted,
    )
    log.info({ boards: gone.size, rooms, connections }, 'dropped the rooms of deleted boards this process still held')
    return rooms
  }

  /** Everything of a workshop on this process: sockets closed, rooms dropped, exports stopped, versions settled. */
  private async dropHere({ plenaryId, boardIds }: WorkshopDeleted): Promise<void> {
    const { sync, exporter, history, log } = this.options
    const ids = new Set(boardIds)
    const { rooms, connections } = await sync().dropRooms(
      (docName) => ids.has(boardOf(docName) ?? ''),
      CloseCode.Gone,
      CloseReason.boardDeleted,
    )
    const exports = await exporter.dropWorkshop(plenaryId)
    // A version being written now must land before a purge, not after it.
    await history.settled(boardIds)
    log.info({ board: plenaryId, boards: ids.size, rooms, connections, exports }, 'workshop deleted: closed here')
  }

  private async announce(event: WorkshopDeleted): Promise<boolean> {
    const { bus, log } = this.options
    if (!bus) return true
    try {
      await bus.announce(event)
      return true
    } catch (error) {
      this.unannounced.push(event)
      log.error(
        { err: error, board: event.plenaryId },
        'could not tell the other processes that a workshop was deleted; will tell them when Redis is back',
      )
      return false
    }
  }

  private failed(error: unknown): void {
    this.options.log.error({ err: error }, 'could not close what was open of a deleted workshop')
  }
}
