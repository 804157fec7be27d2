import type { Logger } from 'pino'
import { AuditKind, CloseCode, CloseReason } from '@cg/contract'
import type { Storage } from '@cg/storage'
import type { SyncServer } from '@cg/sync-server'
import type { AuditTrail } from '../audit/auditTrail.ts'
import { isExpiringLinkConnection } from '../auth/authorizeRoom.ts'

/** Entries read at a time while looking for an expiry already recorded. */
const AUDIT_PAGE = 100

export interface ExpiredLinksOptions {
  storage: Storage
  sync: () => SyncServer
  audit: AuditTrail
  now: () => number
  log: Logger
}

/**
 * A workshop's participant and viewer links stop working on the date its facilitator set. New requests and sockets
 * are refused from storage wherever they arrive (grantFor); the sockets those links already had open are closed by
 * every process's sweep, on that process, with 4401 link-expired (no announcement needed: each process finds the
 * same expiries in storage). The expiry goes into the audit log once, whichever process sweeps first.
 */
export class ExpiredLinks {
  /**
   * Expiries up to this time were handled by this process. From the beginning at first: one that passed while no
   * process ran still gets its audit entry (and the check finds those already recorded).
   */
  private handledUntil = 0
  private readonly options: ExpiredLinksOptions

  constructor(options: ExpiredLinksOptions) {
    this.options = options
  }

  /** Closes this process's sockets of links that expired since the last sweep; how many workshops' links expired. */
  async sweep(): Promise<number> {
    const { storage, sync, now, log } = this.options
    const until = Math.max(now(), this.handledUntil)
    const expired = await storage.listLinksExpired(this.handledUntil, until)
    for (const plenaryId of expired) {
      const closed = sync().closeConnections(
        isExpiringLinkConnection(plenaryId),
        CloseCode.Unauthorized,
        CloseReason.linkExpired,
      )
      if (closed > 0) log.info({ board: plenaryId, closed }, 'links expired; closed the connections that used them')
      await this.recordOnce(plenaryId).catch((error: unknown) =>
        log.error({ err: error, board: plenaryId }, 'could not record that links expired'),
      )
    }
    this.handledUntil = until
    return expired.length
  }

  /** The audit entry of this expiry, unless a process (this or another) recorded it already or it was moved since. */
  private async recordOnce(plenaryId: string): Promise<void> {
    const { storage, audit, now } = this.options
    await storage.withLock(`links-expired:${plenaryId}`, async () => {
      const expireAt = (await storage.getBoard(plenaryId))?.retention?.linksExpireAt
      if (expireAt == null || expireAt > now()) return
      const detail = new Date(expireAt).toISOString()
      if (await this.recorded(plenaryId, expireAt, detail)) return
      await audit.record(plenaryId, { kind: AuditKind.linksExpired, detail })
    })
  }

  /** Whether the log holds this expiry: among the entries since it, newest first (an entry is never older). */
  private async recorded(plenaryId: string, expireAt: number, detail: string): Promise<boolean> {
    let before: string | undefined
    for (;;) {
      const page = await this.options.storage.listAuditEvents(plenaryId, {
        limit: AUDIT_PAGE,
        ...(before ? { before } : {}),
      })
      for (const entry of page) {
        if (entry.at < expireAt) return false
        if (entry.kind === AuditKind.linksExpired && entry.detail === detail) return true
      }
      if (page.length < AUDIT_PAGE) return false
      before = page.at(-1)!.id
    }
  }
}
