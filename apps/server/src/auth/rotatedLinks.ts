import type { Logger } from 'pino'
import { z } from 'zod'
import { CloseCode, CloseReason } from '@cg/contract'
import type { RedisRoomBus } from '@cg/redis-bus'
import type { BoardAccess, BoardStorage } from '@cg/storage'
import type { SyncServer } from '@cg/sync-server'
import { isReplacedLinkConnection, isRotatedLinkConnection, plenariesOf } from './authorizeRoom.ts'

/** Told to every process when a board's links are replaced (see RedisRoomBus.announce). */
const LinksRotatedSchema = z.object({
  kind: z.literal('links-rotated'),
  plenaryId: z.string(),
  facilitator: z.boolean(),
})
type LinksRotated = z.infer<typeof LinksRotatedSchema>

/**
 * Replaced links stop working at once on every process: the sockets that used them are closed where they are.
 * Each process closes its own and tells the others through Redis. Redis may be away when that happens (the
 * announcement is lost): the process that could not tell says it again once Redis is back, and every process that
 * lost Redis checks its open connections against the links in storage when it is back.
 */
export class RotatedLinks {
  private readonly unannounced: LinksRotated[] = []
  private readonly sync: () => SyncServer
  private readonly storage: BoardStorage
  private readonly bus: RedisRoomBus | undefined
  private readonly log: Logger

  constructor(sync: () => SyncServer, storage: BoardStorage, bus: RedisRoomBus | undefined, log: Logger) {
    this.sync = sync
    this.storage = storage
    this.bus = bus
    this.log = log
    bus?.onAnnouncement((event) => {
      const rotated = LinksRotatedSchema.safeParse(event)
      if (rotated.success) this.closeConnections(rotated.data)
    })
    bus?.onReconnected(() => {
      for (const event of this.unannounced.splice(0)) this.announce(event)
      this.closeReplaced().catch((error: unknown) =>
        this.log.error({ err: error }, 'could not check open connections against the stored links'),
      )
    })
  }

  /** A board's links were just replaced here. */
  rotated(plenaryId: string, which: { facilitator: boolean }): void {
    const event: LinksRotated = { kind: 'links-rotated', plenaryId, facilitator: which.facilitator }
    this.closeConnections(event)
    this.announce(event)
  }

  /** Closes this process's connections whose link is no longer the stored one; how many. */
  async closeReplaced(): Promise<number> {
    const accessOf = new Map<string, BoardAccess | undefined>()
    for (const plenaryId of plenariesOf(this.sync().connectionGrants())) {
      accessOf.set(plenaryId, await this.storage.getBoardAccess(plenaryId))
    }
    const closed = this.sync().closeConnections(
      isReplacedLinkConnection(accessOf),
      CloseCode.Unauthorized,
      CloseReason.linkRotated,
    )
    if (closed > 0) this.log.info({ closed }, 'closed connections whose links were replaced while Redis was away')
    return closed
  }

  private closeConnections({ plenaryId, facilitator }: LinksRotated): void {
    const closed = this.sync().closeConnections(
      isRotatedLinkConnection(plenaryId, { facilitator }),
      CloseCode.Unauthorized,
      CloseReason.linkRotated,
    )
    this.log.info({ board: plenaryId, closed }, 'links rotated; closed connections that used the old ones')
  }

  private announce(event: LinksRotated): void {
    this.bus?.announce(event).catch((error: unknown) => {
      this.unannounced.push(event)
      this.log.error(
        { err: error, board: event.plenaryId },
        'could not tell the other processes that links were replaced; will tell them when Redis is back',
      )
    })
  }
}
