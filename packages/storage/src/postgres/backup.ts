import type pg from 'pg'
import type { BackupStorage, ImportedBoard } from '../Storage.ts'
import { insertAsset } from './assets.ts'
import { insertAuditEvents } from './audit.ts'
import { insertBoard } from './boards.ts'
import { transaction } from './database.ts'
import { upsertSnapshot } from './docs.ts'

/** Restores: whole boards (record, links, documents, files, the workshop's audit log) written with the other roles' writes in one transaction. */
export class PostgresBackup implements BackupStorage {
  private readonly pool: pg.Pool

  constructor(pool: pg.Pool) {
    this.pool = pool
  }

  async importBoards(boards: readonly ImportedBoard[]): Promise<void> {
    await transaction(this.pool, async (db) => {
      for (const { board, access, docs, assets } of boards) {
        await insertBoard(db, board, access)
        // Fresh board ids make fresh document names: nothing stored is overwritten.
        for (const doc of docs) await upsertSnapshot(db, doc.name, doc.state, 0)
        for (const asset of assets) await insertAsset(db, asset)
      }
      // The log once every board is in: its entries name the breakouts too.
      for (const { board, audit } of boards) if (audit) await insertAuditEvents(db, board.id, audit)
    })
  }
}
