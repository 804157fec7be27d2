/** Typed calls to our REST API; failures come back as values the UI can explain, not thrown strings. */
import {
  ApiRoutes,
  type AuditLogView,
  type BoardLinks,
  type BoardView,
  type BreakoutBoards,
  type ClientConfig,
  type DeleteBoardResult,
  type ExportJobView,
  type PrintOptions,
  type RetentionRequest,
  type RevealResult,
  type UploadedAsset,
  type VersionContentView,
  type VersionView,
  type WorkshopRetention,
} from '@cg/contract'
import type { TemplateCatalog } from '@cg/templates'
import {
  bearer,
  call,
  callWithJson,
  displayNameHeaders,
  downloadFile,
  failureOf,
  request,
  type ApiResult,
} from './apiCall.ts'

export { bearer, displayNameHeaders } from './apiCall.ts'
export type { ApiFailureCode, ApiResult } from './apiCall.ts'

export function createBoard(title: string): Promise<ApiResult<BoardView>> {
  return callWithJson(ApiRoutes.createBoard, {}, { title })
}

export function fetchBoard(id: string, token: string): Promise<ApiResult<BoardView>> {
  return call(ApiRoutes.getBoard, { id }, { headers: bearer(token) })
}

/** Facilitator: the whole workshop to the trash, or with `purgeNow` gone at once (breakouts, versions, files, links). */
export function deleteWorkshop(
  id: string,
  token: string,
  options: { purgeNow?: boolean } = {},
): Promise<ApiResult<DeleteBoardResult>> {
  const path = ApiRoutes.deleteBoard.path({ id }) + (options.purgeNow ? '?purge=now' : '')
  return request(path, { method: ApiRoutes.deleteBoard.method, headers: bearer(token) })
}

/** Facilitator: takes the workshop out of the trash. */
export function undeleteWorkshop(id: string, token: string): Promise<ApiResult<BoardView>> {
  return call(ApiRoutes.undeleteBoard, { id }, { headers: bearer(token) })
}

/** New participant and viewer links; with `facilitator`, a new facilitator link too (and so every link). */
export function rotateLinks(
  id: string,
  facilitatorToken: string,
  options: { facilitator?: boolean } = {},
): Promise<ApiResult<{ links: BoardLinks }>> {
  return callWithJson(ApiRoutes.rotateLinks, { id }, { facilitator: options.facilitator ?? false }, facilitatorToken)
}

/** Ends a voting session: the server counts the private ballots and publishes the totals. */
export function endVotingSession(boardId: string, sessionId: string, token: string): Promise<ApiResult<unknown>> {
  return call(ApiRoutes.endVote, { id: boardId, sessionId }, { headers: bearer(token) })
}

/** Reveals every private draft on a board, with or without its author's name. */
export function revealPrivateDrafts(
  boardId: string,
  token: string,
  anonymous: boolean,
): Promise<ApiResult<RevealResult>> {
  return callWithJson(ApiRoutes.revealDrafts, { id: boardId }, { anonymous }, token)
}

/** Creates one breakout board per group under a plenary board. */
export function createBreakoutBoards(
  boardId: string,
  token: string,
  names: string[],
): Promise<ApiResult<BreakoutBoards>> {
  return callWithJson(ApiRoutes.createBreakouts, { id: boardId }, { groups: names.map((name) => ({ name })) }, token)
}

/** A workshop's backup file, as the server names it. */
export function downloadBackup(boardId: string, token: string): Promise<ApiResult<{ blob: Blob; fileName: string }>> {
  return downloadFile(ApiRoutes.downloadBackup.path({ id: boardId }), token, 'board.cgboard.json')
}

/** Facilitator: when the workshop is deleted and when its participant and viewer links stop working (null: never). */
export function setRetention(
  boardId: string,
  token: string,
  retention: RetentionRequest,
): Promise<ApiResult<WorkshopRetention>> {
  return callWithJson(ApiRoutes.setRetention, { id: boardId }, retention, token)
}

/** Facilitator: the workshop's audit log, newest first; `before` (from the last page) for older entries. */
export function fetchAuditLog(boardId: string, token: string, before?: string): Promise<ApiResult<AuditLogView>> {
  const query = before ? `?${new URLSearchParams({ before }).toString()}` : ''
  return request(ApiRoutes.getAudit.path({ id: boardId }) + query, {
    method: ApiRoutes.getAudit.method,
    headers: bearer(token),
  })
}

/** Facilitator: the whole audit log as a CSV file. */
export function downloadAuditLog(boardId: string, token: string): Promise<ApiResult<{ blob: Blob; fileName: string }>> {
  return downloadFile(ApiRoutes.downloadAudit.path({ id: boardId }), token, 'activity.csv')
}

/** Uploads a backup file to become a new board, reporting upload progress (0 to 1) on slow links. */
export function restoreBackup(file: Blob, onProgress: (fraction: number) => void): Promise<ApiResult<BoardView>> {
  return new Promise((resolve) => {
    const request = new XMLHttpRequest()
    request.open(ApiRoutes.restoreBackup.method, ApiRoutes.restoreBackup.path({}))
    request.setRequestHeader('content-type', 'application/json')
    for (const [name, value] of Object.entries(displayNameHeaders())) request.setRequestHeader(name, value)
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total)
    }
    request.onload = () => {
      let body: unknown = null
      try {
        body = JSON.parse(request.responseText)
      } catch {
        // Not JSON: reported by status below.
      }
      if (request.status === 201) return resolve({ ok: true, value: body as BoardView })
      resolve(failureOf(request.status, body))
    }
    request.onerror = () => resolve({ ok: false, status: 0, code: 'network-error' })
    request.send(file)
  })
}

/** The breakout boards of a plenary board. */
export function fetchBreakouts(boardId: string, token: string): Promise<ApiResult<BreakoutBoards>> {
  return call(ApiRoutes.listBreakouts, { id: boardId }, { headers: bearer(token) })
}

export function fetchClientConfig(): Promise<ApiResult<ClientConfig>> {
  return call(ApiRoutes.config, {})
}

export function fetchTemplateCatalog(): Promise<ApiResult<TemplateCatalog>> {
  // The route table cannot name the catalog's type (it is @cg/templates'): it is given here.
  return call(ApiRoutes.templates, {}) as Promise<ApiResult<TemplateCatalog>>
}

export function uploadAsset(
  boardId: string,
  token: string,
  file: Blob,
  signal?: AbortSignal,
): Promise<ApiResult<UploadedAsset>> {
  return call(
    ApiRoutes.uploadAsset,
    { id: boardId },
    {
      headers: { ...bearer(token), 'content-type': 'application/octet-stream' },
      body: file,
      signal: signal ?? null,
    },
  )
}

/** Starts rendering a PDF on the server: the job to watch. */
export function startExport(boardId: string, token: string, options: PrintOptions): Promise<ApiResult<{ id: string }>> {
  return callWithJson(ApiRoutes.startExport, { id: boardId }, options, token)
}

export function fetchExport(jobId: string): Promise<ApiResult<ExportJobView>> {
  return call(ApiRoutes.getExport, { jobId })
}

export function cancelExport(jobId: string): Promise<ApiResult<unknown>> {
  return call(ApiRoutes.cancelExport, { jobId })
}

/** A finished export's PDF, as the server names it. */
export function exportFileUrl(jobId: string): string {
  return ApiRoutes.exportFile.path({ jobId })
}

/** A board's versions, newest first (facilitators only). */
export function fetchVersions(boardId: string, token: string): Promise<ApiResult<{ versions: VersionView[] }>> {
  return call(ApiRoutes.listVersions, { id: boardId }, { headers: bearer(token) })
}

/** Saves a version of the board now: named by a facilitator, or before the breakouts' work comes back. */
export function saveVersion(
  boardId: string,
  token: string,
  version: { name: string } | { reason: 'before-bring-back' },
): Promise<ApiResult<{ id: string; createdAt: string; name: string | null }>> {
  return callWithJson(ApiRoutes.saveVersion, { id: boardId }, version, token)
}

export function fetchVersionContent(
  boardId: string,
  versionId: string,
  token: string,
): Promise<ApiResult<VersionContentView>> {
  return call(ApiRoutes.getVersion, { id: boardId, versionId }, { headers: bearer(token) })
}

export function restoreVersion(boardId: string, versionId: string, token: string): Promise<ApiResult<unknown>> {
  return call(ApiRoutes.restoreVersion, { id: boardId, versionId }, { headers: bearer(token) })
}
