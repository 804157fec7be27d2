import type pg from 'pg'
import type { StoredVersion, VersionInfo, VersionStorage } from '../Storage.ts'
import { toBuffer, toBytes, transaction, type Queryable } from './database.ts'

function writeVersion(db: Queryable, v: StoredVersion): Promise<unknown> {
  return db.query(
    `INSERT INTO doc_versions (doc_name, id, created_at, name, reason, shapes, base_id, data)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (doc_name, id) DO UPDATE SET created_at = excluded.created_at, name = excluded.name,
       reason = excluded.reason, shapes = excluded.shapes, base_id = excluded.base_id, data = excluded.data`,
    [v.docName, v.id, v.createdAt, v.name, v.reason, v.shapes, v.baseId, toBuffer(v.data)],
  )
}

/** Saved versions of documents (doc_versions): board history. */
export class PostgresVersions implements VersionStorage {
  private readonly pool: pg.Pool

  constructor(pool: pg.Pool) {
    this.pool = pool
  }

  async addVersion(version: StoredVersion): Promise<void> {
    await writeVersion(this.pool, version)
  }

  async listVersions(docName: string): Promise<VersionInfo[]> {
    const { rows } = await this.pool.query<VersionInfo>(
      `SELECT doc_name AS "docName", id, created_at AS "createdAt", name, reason, shapes, base_id AS "baseId",
         LENGTH(data) AS bytes FROM doc_versions WHERE doc_name = $1 ORDER BY created_at DESC, id DESC`,
      [docName],
    )
    return rows
  }

  async getVersion(docName: string, id: string): Promise<StoredVersion | undefined> {
    const { rows } = await this.pool.query<Omit<StoredVersion, 'data'> & { data: Buffer }>(
      `SELECT doc_name AS "docName", id, created_at AS "createdAt", name, reason, shapes, base_id AS "baseId", data
       FROM doc_versions WHERE doc_name = $1 AND id = $2`,
      [docName, id],
    )
    const row = rows[0]
    return row ? { ...row, data: toBytes(row.data) } : undefined
  }

  async replaceVersions(
    docName: string,
    change: { remove: readonly string[]; rewrite: readonly StoredVersion[] },
  ): Promise<void> {
    await transaction(this.pool, async (db) => {
      for (const version of change.rewrite) await writeVersion(db, version)
      if (change.remove.length > 0) {
        await db.query('DELETE FROM doc_versions WHERE doc_name = $1 AND id = ANY($2::text[])', [
          docName,
          change.remove,
        ])
      }
    })
  }
}
