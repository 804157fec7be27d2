import type pg from 'pg'
import type { ExportJobChange, ExportJobStorage, StoredExportJob } from '../Storage.ts'
import { exportJobChangeRow, exportJobRow } from '../exportJobValues.ts'
import { toBuffer, toBytes } from './database.ts'

const EXPORT_JOB_COLUMNS = `id, board_id AS "boardId", plenary_id AS "plenaryId", title, format,
  started_by AS "startedBy", status, done, total, error, created_at AS "createdAt", alive_at AS "aliveAt",
  finished_at AS "finishedAt"`

/** Exports (export_jobs): their progress, their end and their file, for every process on the database. */
export class PostgresExportJobs implements ExportJobStorage {
  private readonly pool: pg.Pool

  constructor(pool: pg.Pool) {
    this.pool = pool
  }

  async addExportJob(job: StoredExportJob): Promise<void> {
    await this.pool.query(
      `INSERT INTO export_jobs (id, board_id, plenary_id, title, format, started_by, status, done, total, error,
         created_at, alive_at, finished_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
      exportJobRow(job),
    )
  }

  async getExportJob(id: string): Promise<StoredExportJob | undefined> {
    const { rows } = await this.pool.query<StoredExportJob>(
      `SELECT ${EXPORT_JOB_COLUMNS} FROM export_jobs WHERE id = $1`,
      [id],
    )
    return rows[0]
  }

  async listExportJobs(): Promise<StoredExportJob[]> {
    const { rows } = await this.pool.query<StoredExportJob>(
      `SELECT ${EXPORT_JOB_COLUMNS} FROM export_jobs ORDER BY created_at, id`,
    )
    return rows
  }

  async updateRunningExportJob(id: string, change: ExportJobChange): Promise<boolean> {
    // A missing value (null) leaves its column as it is; only a running job changes.
    const { rowCount } = await this.pool.query(
      `UPDATE export_jobs SET status = COALESCE($2, status), done = COALESCE($3, done), total = COALESCE($4, total),
         error = COALESCE($5, error), alive_at = COALESCE($6, alive_at), finished_at = COALESCE($7, finished_at),
         file = COALESCE($8, file) WHERE id = $1 AND status = 'running'`,
      [id, ...exportJobChangeRow(change), change.file ? toBuffer(change.file) : null],
    )
    return rowCount === 1
  }

  async getExportFile(id: string): Promise<Uint8Array | undefined> {
    const { rows } = await this.pool.query<{ file: Buffer }>(
      'SELECT file FROM export_jobs WHERE id = $1 AND file IS NOT NULL',
      [id],
    )
    return rows[0] && toBytes(rows[0].file)
  }

  async deleteExportJobs(ids: readonly string[]): Promise<void> {
    if (ids.length > 0) await this.pool.query('DELETE FROM export_jobs WHERE id = ANY($1::text[])', [ids])
  }
}
