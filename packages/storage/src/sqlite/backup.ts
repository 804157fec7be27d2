import type { DatabaseSync } from 'node:sqlite'
import type { BackupStorage, ImportedBoard } from '../Storage.ts'
import type { SqliteAssets } from './assets.ts'
import type { SqliteAudit } from './audit.ts'
import type { SqliteBoards } from './boards.ts'
import { transaction } from './database.ts'
import type { SqliteDocs } from './docs.ts'

/** Restores: whole boards (record, links, documents, files, the workshop's audit log) written through the other roles in one transaction. */
export class SqliteBackup implements BackupStorage {
  private readonly db: DatabaseSync
  private readonly parts: { boards: SqliteBoards; docs: SqliteDocs; assets: SqliteAssets; audit: SqliteAudit }

  constructor(
    db: DatabaseSync,
    parts: { boards: SqliteBoards; docs: SqliteDocs; assets: SqliteAssets; audit: SqliteAudit },
  ) {
    this.db = db
    this.parts = parts
  }

  async importBoards(boards: readonly ImportedBoard[]): Promise<void> {
    transaction(this.db, () => {
      for (const { board, access, docs, assets } of boards) {
        this.parts.boards.insert(board, access)
        // Fresh board ids make fresh document names: nothing stored is overwritten.
        for (const doc of docs) this.parts.docs.putSnapshot(doc.name, doc.state, 0)
        for (const asset of assets) this.parts.assets.insert(asset)
      }
      // The log once every board is in: its entries name the breakouts too.
      for (const { board, audit } of boards) if (audit) this.parts.audit.insert(board.id, audit)
    })
  }
}
