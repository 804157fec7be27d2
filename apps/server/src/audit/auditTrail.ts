import { randomBytes } from 'node:crypto'
import type { Request } from 'express'
import type { Logger } from 'pino'
import { type AuditKind, type BoardRole, DISPLAY_NAME_HEADER } from '@cg/contract'
import type { Storage } from '@cg/storage'

/** The longest name kept: names on the board are short; a longer header is cut, never refused. */
const MAX_NAME_CHARS = 80

/** What happened, and who did it (as far as the server knows: the name a person gave, the role of their link). */
export interface AuditEntry {
  kind: AuditKind
  name?: string | null
  role?: BoardRole | null
  /** A few words (a format, a version's name, dates); never a note's content. */
  detail?: string | null
}

/**
 * Writes each workshop's audit log: an entry on a breakout goes to its plenary's log, which is the workshop's.
 * Recording never fails the action it records: a write that fails is logged (by kind and board, never the name).
 */
export class AuditTrail {
  private readonly storage: Storage
  private readonly now: () => number
  private readonly log: Logger

  constructor(storage: Storage, now: () => number, log: Logger) {
    this.storage = storage
    this.now = now
    this.log = log
  }

  /** Records `entry` in the log of the workshop `boardId` belongs to; resolves once stored (or failed and logged). */
  async record(boardId: string, entry: AuditEntry): Promise<void> {
    try {
      const board = await this.storage.getBoard(boardId)
      const plenaryId = board?.parentId ?? boardId
      const at = this.now()
      await this.storage.addAuditEvents(plenaryId, [
        {
          id: auditEventId(at),
          at,
          boardId,
          kind: entry.kind,
          name: entry.name ?? null,
          role: entry.role ?? null,
          detail: entry.detail ?? null,
        },
      ])
    } catch (error) {
      this.log.error({ err: error, board: boardId, kind: entry.kind }, 'could not record an audit entry')
    }
  }
}

/** Sorts like its time (base 36, fixed width), then a random tail: unique, and ordered within one millisecond too. */
export function auditEventId(at: number): string {
  return `${at.toString(36).padStart(10, '0')}-${randomBytes(6).toString('hex')}`
}

/** The name the person gave, from the web app's header (URI-encoded), or null when absent or unreadable. */
export function displayNameOf(request: Pick<Request, 'get'>): string | null {
  const raw = request.get(DISPLAY_NAME_HEADER)
  if (!raw) return null
  try {
    return cleanDisplayName(decodeURIComponent(raw))
  } catch {
    return null
  }
}

/** A name as the log keeps it (from a header or a person's presence): no control characters, trimmed, cut short. */
export function cleanDisplayName(raw: string): string | null {
  const name = raw.replace(/\p{Cc}/gu, '').trim()
  return name ? [...name].slice(0, MAX_NAME_CHARS).join('') : null
}
