/**
 * The values both backends bind for export_jobs, in one order: a job's row as INSERT lists its columns, and a
 * change as UPDATE sets them (null leaves a column as it is). The file is apart: each backend passes bytes its way.
 */
import type { ExportJobChange, StoredExportJob } from './Storage.ts'

/** id, board_id, plenary_id, title, format, started_by, status, done, total, error, created_at, alive_at, finished_at */
export function exportJobRow(job: StoredExportJob): (string | number | null)[] {
  const { id, boardId, plenaryId, title, format, startedBy, status, done, total, error, createdAt, aliveAt } = job
  return [
    id,
    boardId,
    plenaryId,
    title,
    format,
    startedBy,
    status,
    done,
    total,
    error,
    createdAt,
    aliveAt,
    job.finishedAt,
  ]
}

/** status, done, total, error, alive_at, finished_at */
export function exportJobChangeRow(change: ExportJobChange): (string | number | null)[] {
  const { status, done, total, error, aliveAt, finishedAt } = change
  return [status ?? null, done ?? null, total ?? null, error ?? null, aliveAt ?? null, finishedAt ?? null]
}
