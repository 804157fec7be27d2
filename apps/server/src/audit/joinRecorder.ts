import { AuditKind, parseRoomName } from '@cg/contract'
import type { PresenceWatch } from '@cg/sync-server'
import { presenceUserName } from '@cg/tldraw-yjs/presence'
import type { ConnectionGrant } from '../auth/authorizeRoom.ts'
import { cleanDisplayName, type AuditTrail } from './auditTrail.ts'

/** Reconnections of one name, role and board within this long after its entry are that entry (a flaky network). */
export const REJOIN_WINDOW_MS = 60 * 60_000

/**
 * Records who joined a board: when a person's connection to a board room first shows the name they gave (their
 * cursor's label, in their presence), and again when they change it, with their link's role. Not the workshop room
 * nor private rooms (the same person, on the same page), nor the PDF renderer. One entry per name, role and board
 * an hour, remembered by this process only: with several processes, a person who reconnects to another one within
 * the hour is recorded there too.
 */
export class JoinRecorder {
  private readonly audit: AuditTrail
  private readonly now: () => number
  /** When each name, role and board was last recorded, oldest first (re-recorded keys move to the end). */
  private readonly recorded = new Map<string, number>()

  constructor(audit: AuditTrail, now: () => number) {
    this.audit = audit
    this.now = now
  }

  /** What the sync server watches in the presence of room `docName`'s connections: names, on board rooms. */
  watchFor(docName: string): PresenceWatch | undefined {
    const room = parseRoomName(docName)
    if (room?.channel !== 'board') return undefined
    return {
      select: (state) => presenceUserName(state),
      changed: (_docName, grant, name) => this.joined(room.boardId, grant as ConnectionGrant, name),
    }
  }

  private joined(boardId: string, grant: ConnectionGrant, rawName: string): void {
    const name = cleanDisplayName(rawName)
    if (!name || grant.internal) return
    const at = this.now()
    this.forgetBefore(at - REJOIN_WINDOW_MS)
    const key = JSON.stringify([boardId, grant.role, name])
    if (this.recorded.has(key)) return
    this.recorded.set(key, at)
    void this.audit.record(boardId, { kind: AuditKind.joined, name, role: grant.role })
  }

  /** Forgets what was recorded before `time`: the oldest come first, so this stops at the first one kept. */
  private forgetBefore(time: number): void {
    for (const [key, at] of this.recorded) {
      if (at >= time) return
      this.recorded.delete(key)
    }
  }
}
