import type { IncomingMessage } from 'node:http'
import { type BoardRole, CloseCode, CloseReason, parseRoomName } from '@cg/contract'
import type { BoardAccess, BoardStorage } from '@cg/storage'
import type { AuthorizeResult } from '@cg/sync-server'
import { grantFor, linkStampOf } from './boardAccess.ts'
import { isInternalViewerToken } from './internalTokens.ts'
import type { PrivateRoomLimits } from './privateRoomLimits.ts'

/** What a websocket connection was let in as; used to find the connections of a rotated link. */
export interface ConnectionGrant {
  plenaryId: string
  role: BoardRole
  /** The link it used, as stored when it came in (see linkStampOf); null for links never replaced. */
  linkStamp: string | null
  /**
   * The server's own tool (the PDF renderer), not a person: it joins nobody's audit log, and does not keep a
   * workshop alive.
   */
  internal?: true
}

/** The `token` query parameter of a websocket request (the y-websocket client's `params: { token }`). */
function tokenOf(request: IncomingMessage | undefined): string | undefined {
  try {
    return new URL(request?.url ?? '/', 'http://localhost').searchParams.get('token') ?? undefined
  } catch {
    return undefined
  }
}

const refuse = (code: number, reason: string): AuthorizeResult => ({ ok: false, code, reason })

/**
 * The write rule of every room, enforced by the server whatever the client does:
 * the board is written by facilitators and editors; the workshop state only by facilitators; a private room
 * only by an editor or facilitator who knows its key, within the board's share of private rooms (see
 * PrivateRoomLimits). Viewers read the board and the workshop state.
 */
export async function authorizeRoom(
  storage: BoardStorage,
  docName: string,
  request: IncomingMessage | undefined,
  privateRooms?: PrivateRoomLimits,
  now: number = Date.now(),
): Promise<AuthorizeResult> {
  const room = parseRoomName(docName)
  if (!room) return refuse(CloseCode.NotFound, CloseReason.boardNotFound)
  const token = tokenOf(request)
  const grant = await grantFor(storage, room.boardId, token, now)
  if (grant.kind === 'not-found') return refuse(CloseCode.NotFound, CloseReason.boardNotFound)
  if (grant.kind === 'unauthorized') return refuse(CloseCode.Unauthorized, CloseReason.invalidToken)
  if (grant.kind === 'expired') return refuse(CloseCode.Unauthorized, CloseReason.linkExpired)
  // Read from the database at every connection, so every process refuses a workshop in the trash, Redis or not.
  if (grant.kind === 'deleted') return refuse(CloseCode.Gone, CloseReason.boardDeleted)
  // The server's own export tokens and boards without role links have no link that could be replaced.
  const internal = isInternalViewerToken(token, grant.plenary.id)
  const linkStamp = grant.access && !internal ? linkStampOf(grant.access, grant.role) : null
  const connection: ConnectionGrant = {
    plenaryId: grant.plenary.id,
    role: grant.role,
    linkStamp,
    ...(internal ? { internal: true as const } : {}),
  }
  switch (room.channel) {
    case 'board':
      return { ok: true, readOnly: grant.role === 'viewer', grant: connection }
    case 'facilitation':
      // Breakouts share their plenary's workshop state (one timer for every group), so only the plenary has one.
      if (grant.board.parentId) return refuse(CloseCode.NotFound, CloseReason.boardNotFound)
      return { ok: true, readOnly: grant.role !== 'facilitator', grant: connection }
    case 'private': {
      if (grant.role === 'viewer') return refuse(CloseCode.Forbidden, CloseReason.roleForbidden)
      const verdict = (await privateRooms?.admit(room.boardId, docName, request)) ?? 'ok'
      // A full board is final for this page (4403: the client stops retrying); an address opening too many new
      // rooms may try again later.
      if (verdict === 'board-full') return refuse(CloseCode.Forbidden, CloseReason.privateRoomsFull)
      if (verdict === 'too-many-new') return refuse(CloseCode.RateLimited, CloseReason.rateLimited)
      return { ok: true, readOnly: false, grant: connection }
    }
  }
}

/**
 * Selects the connections opened with the replaced links of a plenary board and its breakouts: editor and viewer
 * links, and the facilitator's too when it was replaced.
 */
export function isRotatedLinkConnection(plenaryId: string, which: { facilitator: boolean }) {
  return (_docName: string, grant: unknown): boolean => {
    const connection = grant as ConnectionGrant | undefined
    return connection?.plenaryId === plenaryId && (which.facilitator || connection.role !== 'facilitator')
  }
}

/**
 * Selects the connections opened with a plenary's participant and viewer links, on it and its breakouts, which stop
 * working when those links expire: the rotated ones but the server's own export renderer's (its links never expire).
 */
export function isExpiringLinkConnection(plenaryId: string) {
  const rotated = isRotatedLinkConnection(plenaryId, { facilitator: false })
  return (docName: string, grant: unknown): boolean =>
    rotated(docName, grant) && !(grant as ConnectionGrant | undefined)?.internal
}

/** The boards whose connections are open, each once, for looking up their links (see isReplacedLinkConnection). */
export function plenariesOf(grants: Iterable<unknown>): Set<string> {
  const plenaries = new Set<string>()
  for (const grant of grants) {
    const connection = grant as ConnectionGrant | undefined
    if (connection?.linkStamp) plenaries.add(connection.plenaryId)
  }
  return plenaries
}

/**
 * Selects the connections whose link is no longer the stored one, given the links of their plenary boards as
 * stored now: how a process that may have missed a rotation announcement (Redis was away) catches up with it.
 */
export function isReplacedLinkConnection(accessOf: ReadonlyMap<string, BoardAccess | undefined>) {
  return (_docName: string, grant: unknown): boolean => {
    const connection = grant as ConnectionGrant | undefined
    if (!connection?.linkStamp || !accessOf.has(connection.plenaryId)) return false
    const access = accessOf.get(connection.plenaryId)
    return !access || linkStampOf(access, connection.role) !== connection.linkStamp
  }
}
