import type { DatabaseSync } from 'node:sqlite'
import type { StoredVersion, VersionInfo, VersionStorage } from '../Storage.ts'
import { transaction } from './database.ts'

const prepare = (db: DatabaseSync) => ({
  insertVersion: db.prepare(
    `INSERT OR REPLACE INTO doc_versions (doc_name, id, created_at, name, reason, shapes, base_id, data)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ),
  selectVersions: db.prepare(
    `SELECT doc_name AS docName, id, created_at AS createdAt, name, reason, shapes, base_id AS baseId,
       LENGTH(data) AS bytes FROM doc_versions WHERE doc_name = ? ORDER BY created_at DESC, id DESC`,
  ),
  selectVersion: db.prepare(
    `SELECT doc_name AS docName, id, created_at AS createdAt, name, reason, shapes, base_id AS baseId, data
     FROM doc_versions WHERE doc_name = ? AND id = ?`,
  ),
  deleteVersion: db.prepare('DELETE FROM doc_versions WHERE doc_name = ? AND id = ?'),
})

/** Saved versions of documents (doc_versions): board history. */
export class SqliteVersions implements VersionStorage {
  private readonly db: DatabaseSync
  private readonly sql: ReturnType<typeof prepare>

  constructor(db: DatabaseSync) {
    this.db = db
    this.sql = prepare(db)
  }

  async addVersion(version: StoredVersion): Promise<void> {
    this.writeVersion(version)
  }

  async listVersions(docName: string): Promise<VersionInfo[]> {
    return (this.sql.selectVersions.all(docName) as unknown as VersionInfo[]).map((row) => ({ ...row }))
  }

  async getVersion(docName: string, id: string): Promise<StoredVersion | undefined> {
    const row = this.sql.selectVersion.get(docName, id) as StoredVersion | undefined
    return row ? { ...row } : undefined
  }

  async replaceVersions(
    docName: string,
    change: { remove: readonly string[]; rewrite: readonly StoredVersion[] },
  ): Promise<void> {
    transaction(this.db, () => {
      for (const version of change.rewrite) this.writeVersion(version)
      for (const id of change.remove) this.sql.deleteVersion.run(docName, id)
    })
  }

  private writeVersion(v: StoredVersion): void {
    this.sql.insertVersion.run(v.docName, v.id, v.createdAt, v.name, v.reason, v.shapes, v.baseId, v.data)
  }
}
