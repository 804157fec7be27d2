/**
 * How this page calls our REST API: a link's secret and the person's name in the headers, answers as values the UI
 * can explain (not thrown strings), and the route table's types. The calls themselves are in api.ts.
 */
import {
  apiErrorCodeOf,
  DISPLAY_NAME_HEADER,
  type ApiErrorCode,
  type BoardDeletion,
  type Endpoint,
  type LinkExpiredBody,
  type PathParams,
  type RequestOf,
  type ResponseOf,
} from '@cg/contract'
import { loadIdentity } from './identity.ts'
import { fileNameOf } from './saveFile.ts'

/** Presents a link's secret to the API. */
export const bearer = (token: string) => ({ authorization: `Bearer ${token}` })

/**
 * The name this person gave on the board, for the workshop's audit log to say who joined, exported or downloaded a
 * backup (URI-encoded: a header is ASCII, names are often Arabic). None before they gave one.
 */
export function displayNameHeaders(): Record<string, string> {
  const name = loadIdentity()?.name
  return name ? { [DISPLAY_NAME_HEADER]: encodeURIComponent(name) } : {}
}

/** `init` with the person's name added to its headers (see displayNameHeaders). */
export function withDisplayName(init: RequestInit = {}): RequestInit {
  return { ...init, headers: { ...displayNameHeaders(), ...(init.headers as Record<string, string> | undefined) } }
}

/** Why a call failed: one of the API's codes, or what went wrong before an answer came. */
export type ApiFailureCode = ApiErrorCode | 'http-error' | 'network-error'

/**
 * An answer or why there was none. A workshop in the trash answers its facilitator's link with `deletion` (when it
 * was deleted, when it will be purged): `410 board-deleted`; an expired link may say when (`401 link-expired`).
 */
export type ApiResult<T> =
  | { ok: true; value: T }
  | { ok: false; status: number; code: ApiFailureCode; deletion?: BoardDeletion; expiredAt?: string }

/** The `deletion` of a `410 board-deleted` body, if it has one. */
function deletionOf(body: unknown): BoardDeletion | undefined {
  const deletion = (body as { deletion?: Partial<BoardDeletion> } | null)?.deletion
  if (typeof deletion?.deletedAt !== 'string' || typeof deletion.purgeAt !== 'string') return undefined
  return { deletedAt: deletion.deletedAt, purgeAt: deletion.purgeAt }
}

/** The `expiredAt` of a `401 link-expired` body, if it has one. */
function expiredAtOf(body: unknown): string | undefined {
  const expiredAt = (body as Partial<LinkExpiredBody> | null)?.expiredAt
  return typeof expiredAt === 'string' && Number.isFinite(Date.parse(expiredAt)) ? expiredAt : undefined
}

export function failureOf(status: number, body: unknown): ApiResult<never> {
  const deletion = deletionOf(body)
  const expiredAt = expiredAtOf(body)
  return {
    ok: false,
    status,
    code: apiErrorCodeOf(body) ?? 'http-error',
    ...(deletion ? { deletion } : {}),
    ...(expiredAt ? { expiredAt } : {}),
  }
}

export async function request<T>(path: string, init?: RequestInit): Promise<ApiResult<T>> {
  try {
    const response = await fetch(path, withDisplayName(init))
    const body: unknown = await response.json().catch(() => null)
    if (response.ok) return { ok: true, value: body as T }
    return failureOf(response.status, body)
  } catch {
    return { ok: false, status: 0, code: 'network-error' }
  }
}

/** Calls an endpoint of the route table: its method, its path with `params`, and its answer's type. */
export function call<E extends Endpoint>(
  endpoint: E,
  params: PathParams<E['pattern']>,
  init: RequestInit = {},
): Promise<ApiResult<ResponseOf<E>>> {
  return request(endpoint.path(params), { ...init, method: endpoint.method })
}

/** Calls an endpoint with the JSON body the route table gives it, with a link's token when there is one. */
export function callWithJson<E extends Endpoint>(
  endpoint: E,
  params: PathParams<E['pattern']>,
  body: RequestOf<E>,
  token?: string,
): Promise<ApiResult<ResponseOf<E>>> {
  return call(endpoint, params, {
    headers: { ...(token === undefined ? {} : bearer(token)), 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
}

/** A file the server sends to a link's holder (a backup, the audit log), as the server names it. */
export async function downloadFile(
  path: string,
  token: string,
  fallbackName: string,
): Promise<ApiResult<{ blob: Blob; fileName: string }>> {
  try {
    const response = await fetch(path, withDisplayName({ headers: bearer(token) }))
    if (!response.ok) return failureOf(response.status, await response.json().catch(() => null))
    const fileName = fileNameOf(response, fallbackName)
    return { ok: true, value: { blob: await response.blob(), fileName } }
  } catch {
    return { ok: false, status: 0, code: 'network-error' }
  }
}
