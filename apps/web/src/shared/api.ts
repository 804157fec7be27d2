/** Typed calls to our REST API; failures come back as values the UI can explain, not thrown strings. */
import {
  apiErrorCodeOf,
  type ApiErrorCode,
  type BoardLinks,
  type BoardView,
  type BreakoutBoards,
  type ClientConfig,
  type ExportJobView,
  type PrintOptions,
  type RevealResult,
  type UploadedAsset,
  type VersionContentView,
  type VersionView,
} from '@cg/contract'
import type { TemplateCatalog } from '@cg/templates'
import { fileNameOf } from './saveFile.ts'

/** Presents a link's secret to the API. */
export const bearer = (token: string) => ({ authorization: `Bearer ${token}` })

/** Why a call failed: one of the API's codes, or what went wrong before an answer came. */
export type ApiFailureCode = ApiErrorCode | 'http-error' | 'network-error'

export type ApiResult<T> = { ok: true; value: T } | { ok: false; status: number; code: ApiFailureCode }

const failureOf = (status: number, body: unknown) =>
  ({ ok: false, status, code: apiErrorCodeOf(body) ?? 'http-error' }) as const

async function request<T>(path: string, init?: RequestInit): Promise<ApiResult<T>> {
  try {
    const response = await fetch(path, init)
    const body: unknown = await response.json().catch(() => null)
    if (response.ok) return { ok: true, value: body as T }
    return failureOf(response.status, body)
  } catch {
    return { ok: false, status: 0, code: 'network-error' }
  }
}

export function createBoard(title: string): Promise<ApiResult<BoardView>> {
  return request('/api/boards', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ title }),
  })
}

export function fetchBoard(id: string, token: string): Promise<ApiResult<BoardView>> {
  return request(`/api/boards/${encodeURIComponent(id)}`, { headers: bearer(token) })
}

/** New participant and viewer links; with `facilitator`, a new facilitator link too (and so every link). */
export function rotateLinks(
  id: string,
  facilitatorToken: string,
  options: { facilitator?: boolean } = {},
): Promise<ApiResult<{ links: BoardLinks }>> {
  return request(`/api/boards/${encodeURIComponent(id)}/links/rotate`, {
    method: 'POST',
    headers: { ...bearer(facilitatorToken), 'content-type': 'application/json' },
    body: JSON.stringify({ facilitator: options.facilitator ?? false }),
  })
}

/** Ends a voting session: the server counts the private ballots and publishes the totals. */
export function endVotingSession(boardId: string, sessionId: string, token: string): Promise<ApiResult<unknown>> {
  return request(`/api/boards/${encodeURIComponent(boardId)}/votes/${encodeURIComponent(sessionId)}/end`, {
    method: 'POST',
    headers: bearer(token),
  })
}

/** Reveals every private draft on a board, with or without its author's name. */
export function revealPrivateDrafts(
  boardId: string,
  token: string,
  anonymous: boolean,
): Promise<ApiResult<RevealResult>> {
  return request(`/api/boards/${encodeURIComponent(boardId)}/private/reveal`, {
    method: 'POST',
    headers: { ...bearer(token), 'content-type': 'application/json' },
    body: JSON.stringify({ anonymous }),
  })
}

/** Creates one breakout board per group under a plenary board. */
export function createBreakoutBoards(
  boardId: string,
  token: string,
  names: string[],
): Promise<ApiResult<BreakoutBoards>> {
  return request(`/api/boards/${encodeURIComponent(boardId)}/breakouts`, {
    method: 'POST',
    headers: { ...bearer(token), 'content-type': 'application/json' },
    body: JSON.stringify({ groups: names.map((name) => ({ name })) }),
  })
}

/** A workshop's backup file, as the server names it. */
export async function downloadBackup(
  boardId: string,
  token: string,
): Promise<ApiResult<{ blob: Blob; fileName: string }>> {
  try {
    const response = await fetch(`/api/boards/${encodeURIComponent(boardId)}/backup`, { headers: bearer(token) })
    if (!response.ok) return failureOf(response.status, await response.json().catch(() => null))
    const fileName = fileNameOf(response, 'board.cgboard.json')
    return { ok: true, value: { blob: await response.blob(), fileName } }
  } catch {
    return { ok: false, status: 0, code: 'network-error' }
  }
}

/** Uploads a backup file to become a new board, reporting upload progress (0 to 1) on slow links. */
export function restoreBackup(file: Blob, onProgress: (fraction: number) => void): Promise<ApiResult<BoardView>> {
  return new Promise((resolve) => {
    const request = new XMLHttpRequest()
    request.open('POST', '/api/boards/restore')
    request.setRequestHeader('content-type', 'application/json')
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
  return request(`/api/boards/${encodeURIComponent(boardId)}/breakouts`, { headers: bearer(token) })
}

export function fetchClientConfig(): Promise<ApiResult<ClientConfig>> {
  return request('/api/config')
}

export function fetchTemplateCatalog(): Promise<ApiResult<TemplateCatalog>> {
  return request('/api/templates')
}

export function uploadAsset(
  boardId: string,
  token: string,
  file: Blob,
  signal?: AbortSignal,
): Promise<ApiResult<UploadedAsset>> {
  return request(`/api/boards/${encodeURIComponent(boardId)}/assets`, {
    method: 'POST',
    headers: { ...bearer(token), 'content-type': 'application/octet-stream' },
    body: file,
    signal: signal ?? null,
  })
}

/** Starts rendering a PDF on the server: the job to watch. */
export function startExport(boardId: string, token: string, options: PrintOptions): Promise<ApiResult<{ id: string }>> {
  return request(`/api/boards/${encodeURIComponent(boardId)}/exports`, {
    method: 'POST',
    headers: { ...bearer(token), 'content-type': 'application/json' },
    body: JSON.stringify(options),
  })
}

export function fetchExport(jobId: string): Promise<ApiResult<ExportJobView>> {
  return request(`/api/exports/${encodeURIComponent(jobId)}`)
}

export function cancelExport(jobId: string): Promise<ApiResult<unknown>> {
  return request(`/api/exports/${encodeURIComponent(jobId)}`, { method: 'DELETE' })
}

/** A finished export's PDF, as the server names it. */
export function exportFileUrl(jobId: string): string {
  return `/api/exports/${encodeURIComponent(jobId)}/file`
}

/** A board's versions, newest first (facilitators only). */
export function fetchVersions(boardId: string, token: string): Promise<ApiResult<{ versions: VersionView[] }>> {
  return request(`/api/boards/${encodeURIComponent(boardId)}/versions`, { headers: bearer(token) })
}

/** Saves a version of the board now: named by a facilitator, or before the breakouts' work comes back. */
export function saveVersion(
  boardId: string,
  token: string,
  version: { name: string } | { reason: 'before-bring-back' },
): Promise<ApiResult<{ id: string; createdAt: string; name: string | null }>> {
  return request(`/api/boards/${encodeURIComponent(boardId)}/versions`, {
    method: 'POST',
    headers: { ...bearer(token), 'content-type': 'application/json' },
    body: JSON.stringify(version),
  })
}

export function fetchVersionContent(
  boardId: string,
  versionId: string,
  token: string,
): Promise<ApiResult<VersionContentView>> {
  return request(`/api/boards/${encodeURIComponent(boardId)}/versions/${encodeURIComponent(versionId)}`, {
    headers: bearer(token),
  })
}

export function restoreVersion(boardId: string, versionId: string, token: string): Promise<ApiResult<unknown>> {
  return request(`/api/boards/${encodeURIComponent(boardId)}/versions/${encodeURIComponent(versionId)}/restore`, {
    method: 'POST',
    headers: bearer(token),
  })
}
