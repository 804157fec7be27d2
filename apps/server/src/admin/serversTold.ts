import type { RedisRoomBus } from '@cg/redis-bus'
import { workshopDeletedEvent, type DeletionAnnouncer } from '../boards/deletedWorkshops.ts'

/** How long the command line waits for Redis before it leaves the servers to find out from the database. */
const REDIS_WAIT_MS = 5_000

/**
 * How a deletion made on the command line reaches the running servers. The command line serves no board, so it has
 * nothing of its own to close. With Redis, it announces the deletion as a server would: every server closes the
 * workshop's sockets at once. Without Redis (or with Redis away), they are not told: each finds the workshop in the
 * trash at its next sweep (PURGE_SWEEP_MS) and closes them then; new connections are refused from the database at
 * once either way.
 */
export class ServersTold implements DeletionAnnouncer {
  /** Servers may be running beside the command line, Redis or not. */
  readonly severalProcesses = true
  private readonly bus: RedisRoomBus | undefined

  constructor(bus: RedisRoomBus | undefined) {
    this.bus = bus
  }

  async deleted(plenaryId: string, boardIds: readonly string[]): Promise<{ othersTold: boolean }> {
    if (!this.bus) return { othersTold: false }
    try {
      await withTimeout(this.bus.ready(), REDIS_WAIT_MS)
      await this.bus.announce(workshopDeletedEvent(plenaryId, boardIds))
      return { othersTold: true }
    } catch {
      return { othersTold: false }
    }
  }
}

async function withTimeout(work: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Redis did not answer within ${ms} ms`)), ms)
  })
  try {
    await Promise.race([work, timeout])
  } finally {
    clearTimeout(timer)
  }
}
