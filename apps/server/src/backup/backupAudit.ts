import { z } from 'zod'
import { AuditKind, BOARD_ROLES } from '@cg/contract'
import type { Storage, StoredAuditEvent } from '@cg/storage'

/*
 * A workshop's audit log in its backup (format version 2 on): the entries as stored, oldest first. A restore keeps
 * them, each under the new id of its board; a backup of version 1 has none and restores with an empty log.
 */

/**
 * The most entries a backup carries: the newest, if a log ever grows longer (a join is one entry per name, role and
 * board an hour, so that is years of daily workshops). A file with more is refused, as no server writes one.
 */
export const MAX_BACKUP_AUDIT_ENTRIES = 50_000

/** What one entry may add to a file's JSON values (see jsonBounds.ts): braces, keys, colons, values, commas. */
export const JSON_TOKENS_PER_AUDIT_ENTRY = 32

const AuditEntry = z.object({
  // As auditTrail.ts makes them: the time in base 36, then a random tail.
  id: z.string().regex(/^[0-9a-z]{10}-[0-9a-f]{12}$/),
  at: z.number().int().min(0).max(8.64e15),
  boardId: z.string().min(1).max(64),
  kind: z.enum(AuditKind),
  name: z.string().max(200).nullable(),
  role: z.enum(BOARD_ROLES).nullable(),
  detail: z.string().max(400).nullable(),
})

export const BackupAudit = z.array(AuditEntry).max(MAX_BACKUP_AUDIT_ENTRIES)
export type BackupAudit = z.infer<typeof BackupAudit>

/** The log of the workshop `plenaryId` as its backup carries it: the newest entries, oldest first. */
export async function auditForBackup(storage: Storage, plenaryId: string): Promise<BackupAudit> {
  const newest = await storage.listAuditEvents(plenaryId, { limit: MAX_BACKUP_AUDIT_ENTRIES })
  return newest.reverse().map(({ id, at, boardId, kind, name, role, detail }) => ({
    id,
    at,
    boardId,
    kind: kind as AuditKind,
    name,
    role: role as BackupAudit[number]['role'],
    detail,
  }))
}

/** Why a backup's log cannot be restored (an entry twice, or one of a board not in the backup), or null. */
export function auditProblem(audit: BackupAudit, boardIds: readonly string[]): string | null {
  if (new Set(audit.map((entry) => entry.id)).size !== audit.length) return 'an entry of its log appears twice in it'
  const boards = new Set(boardIds)
  if (audit.some((entry) => !boards.has(entry.boardId))) return 'its log names a board that is not in it'
  return null
}

/** The log as the restored workshop keeps it: each entry on the new id of its board. */
export function restoredAudit(audit: BackupAudit, ids: ReadonlyMap<string, string>): StoredAuditEvent[] {
  return audit.map((entry) => ({ ...entry, boardId: ids.get(entry.boardId)! }))
}
