import type { DatabaseSync } from 'node:sqlite'
import type { ExportJobChange, ExportJobStorage, StoredExportJob } from '../Storage.ts'
import { exportJobChangeRow, exportJobRow } from '../exportJobValues.ts'
import { transaction } from './database.ts'

const EXPORT_JOB_COLUMNS = `id, board_id AS boardId, plenary_id AS plenaryId, title, format,
  started_by AS startedBy, status, done, total, error, created_at AS createdAt, alive_at AS aliveAt,
  finished_at AS finishedAt`

const prepare = (db: DatabaseSync) => ({
  insertExportJob: db.prepare(
    `INSERT INTO export_jobs (id, board_id, plenary_id, title, format, started_by, status, done, total, error,
       created_at, alive_at, finished_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ),
  selectExportJob: db.prepare(`SELECT ${EXPORT_JOB_COLUMNS} FROM export_jobs WHERE id = ?`),
  selectExportJobs: db.prepare(`SELECT ${EXPORT_JOB_COLUMNS} FROM export_jobs ORDER BY created_at, id`),
  // A missing value (null) leaves its column as it is; only a running job changes.
  updateRunningExportJob: db.prepare(
    `UPDATE export_jobs SET status = COALESCE(?, status), done = COALESCE(?, done), total = COALESCE(?, total),
       error = COALESCE(?, error), alive_at = COALESCE(?, alive_at), finished_at = COALESCE(?, finished_at),
       file = COALESCE(?, file) WHERE id = ? AND status = 'running'`,
  ),
  selectExportFile: db.prepare('SELECT file FROM export_jobs WHERE id = ? AND file IS NOT NULL'),
  deleteExportJob: db.prepare('DELETE FROM export_jobs WHERE id = ?'),
})

/** Exports (export_jobs): their progress, their end and their file, for every process on the file. */
export class SqliteExportJobs implements ExportJobStorage {
  private readonly db: DatabaseSync
  private readonly sql: ReturnType<typeof prepare>

  constructor(db: DatabaseSync) {
    this.db = db
    this.sql = prepare(db)
  }

  async addExportJob(job: StoredExportJob): Promise<void> {
    this.sql.insertExportJob.run(...exportJobRow(job))
  }

  async getExportJob(id: string): Promise<StoredExportJob | undefined> {
    const row = this.sql.selectExportJob.get(id) as StoredExportJob | undefined
    return row ? { ...row } : undefined
  }

  async listExportJobs(): Promise<StoredExportJob[]> {
    return (this.sql.selectExportJobs.all() as unknown as StoredExportJob[]).map((row) => ({ ...row }))
  }

  async updateRunningExportJob(id: string, change: ExportJobChange): Promise<boolean> {
    return this.sql.updateRunningExportJob.run(...exportJobChangeRow(change), change.file ?? null, id).changes === 1
  }

  async getExportFile(id: string): Promise<Uint8Array | undefined> {
    return (this.sql.selectExportFile.get(id) as { file: Uint8Array } | undefined)?.file
  }

  async deleteExportJobs(ids: readonly string[]): Promise<void> {
    transaction(this.db, () => {
      for (const id of ids) this.sql.deleteExportJob.run(id)
    })
  }
}
