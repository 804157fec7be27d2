/** Typed calls to our REST API; failures come back as values the UI can explain, not thrown strings. */
import type { BoardRole } from '@cg/facilitation'
import type { TemplateCatalog } from '@cg/templates'
import { fileNameOf } from './saveFile.ts'

export type BoardLinks = Record<BoardRole, string>

export interface BoardInfo {
  id: string
  title: string
  createdAt: string
  /** The plenary board of a breakout board, else null. */
  parentId: string | null
  /** What the token opens this board as; the server enforces it, the UI only follows it. */
  role: BoardRole
  /** Shown to facilitators only. */
  links?: BoardLinks
}

/** Presents a link's secret to the API. */
export const bearer = (token: string) => ({ authorization: `Bearer ${token}` })

export interface ClientConfig {
  tldrawLicenseKey: string | null
  maxAssetBytes: number
}

export type ApiResult<T> = { ok: true; value: T } | { ok: false; status: number; code: string }

async function request<T>(path: string, init?: RequestInit): Promise<ApiResult<T>> {
  try {
    const response = await fetch(path, init)
    const body: unknown = await response.json().catch(() => null)
    if (response.ok) return { ok: true, value: body as T }
    const code = (body as { error?: { code?: string } } | null)?.error?.code ?? 'http-error'
    return { ok: false, status: response.status, code }
  } catch {
    return { ok: false, status: 0, code: 'network-error' }
  }
}

export function createBoard(title: string): Promise<ApiResult<BoardInfo>> {
  return request('/api/boards', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ title }),
  })
}

export function fetchBoard(id: string, token: string): Promise<ApiResult<BoardInfo>> {
  return request(`/api/boards/${encodeURIComponent(id)}`, { headers: bearer(token) })
}

export function rotateLinks(id: string, facilitatorToken: string): Promise<ApiResult<{ links: BoardLinks }>> {
  return request(`/api/boards/${encodeURIComponent(id)}/links/rotate`, {
    method: 'POST',
    headers: bearer(facilitatorToken),
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
): Promise<ApiResult<{ revealed: number }>> {
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
): Promise<ApiResult<{ boards: { id: string; title: string }[] }>> {
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
    if (!response.ok) {
      const body = (await response.json().catch(() => null)) as { error?: { code?: string } } | null
      return { ok: false, status: response.status, code: body?.error?.code ?? 'http-error' }
    }
    const fileName = fileNameOf(response, 'board.cgboard.json')
    return { ok: true, value: { blob: await response.blob(), fileName } }
  } catch {
    return { ok: false, status: 0, code: 'network-error' }
  }
}

/** Uploads a backup file to become a new board, reporting upload progress (0 to 1) on slow links. */
export function restoreBackup(file: Blob, onProgress: (fraction: number) => void): Promise<ApiResult<BoardInfo>> {
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
      if (request.status === 201) return resolve({ ok: true, value: body as BoardInfo })
      const code = (body as { error?: { code?: string } } | null)?.error?.code ?? 'http-error'
      resolve({ ok: false, status: request.status, code })
    }
    request.onerror = () => resolve({ ok: false, status: 0, code: 'network-error' })
    request.send(file)
  })
}

/** The breakout boards of a plenary board. */
export function fetchBreakouts(
  boardId: string,
  token: string,
): Promise<ApiResult<{ boards: { id: string; title: string }[] }>> {
  return request(`/api/boards/${encodeURIComponent(boardId)}/breakouts`, { headers: bearer(token) })
}

export function fetchClientConfig(): Promise<ApiResult<ClientConfig>> {
  return request('/api/config')
}

export function fetchTemplateCatalog(): Promise<ApiResult<TemplateCatalog>> {
  return request('/api/templates')
}

export interface UploadedAsset {
  id: string
  url: string
  mimeType: string
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
