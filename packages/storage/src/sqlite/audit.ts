import type { DatabaseSync } from 'node:sqlite'
import type { AuditStorage, StoredAuditEvent } from '../Storage.ts'

/** Each workshop's audit log (audit_events). */
export class SqliteAudit implements AuditStorage {
  constructor(_db: DatabaseSync) {}

  async addAuditEvents(_plenaryId: string, _events: readonly StoredAuditEvent[]): Promise<void> {
    throw new Error('not built yet')
  }
  async listAuditEvents(
    _plenaryId: string,
    _options?: { limit?: number; before?: string },
  ): Promise<StoredAuditEvent[]> {
    throw new Error('not built yet')
  }
}
