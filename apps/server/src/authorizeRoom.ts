import type { IncomingMessage } from 'node:http'
import { type BoardRole, CloseCode, CloseReason, parseRoomName } from '@cg/contract'
import type { BoardStorage } from '@cg/storage'
import type { AuthorizeResult } from '@cg/sync-server'
import { grantFor } from './boardAccess.ts'

/** What a websocket connection was let in as; used to find the connections of a rotated link. */
export interface ConnectionGrant {
  plenaryId: string
  role: BoardRole
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
 * only by an editor or facilitator who knows its key. Viewers read the board and the workshop state.
 */
export async function authorizeRoom(
  storage: BoardStorage,
  docName: string,
  request: IncomingMessage | undefined,
): Promise<AuthorizeResult> {
  const room = parseRoomName(docName)
  if (!room) return refuse(CloseCode.NotFound, CloseReason.boardNotFound)
  const grant = await grantFor(storage, room.boardId, tokenOf(request))
  if (grant.kind === 'not-found') return refuse(CloseCode.NotFound, CloseReason.boardNotFound)
  if (grant.kind === 'unauthorized') return refuse(CloseCode.Unauthorized, CloseReason.invalidToken)
  const connection: ConnectionGrant = { plenaryId: grant.plenary.id, role: grant.role }
  switch (room.channel) {
    case 'board':
      return { ok: true, readOnly: grant.role === 'viewer', grant: connection }
    case 'facilitation':
      // Breakouts share their plenary's workshop state (one timer for every group), so only the plenary has one.
      if (grant.board.parentId) return refuse(CloseCode.NotFound, CloseReason.boardNotFound)
      return { ok: true, readOnly: grant.role !== 'facilitator', grant: connection }
    case 'private':
      if (grant.role === 'viewer') return refuse(CloseCode.Forbidden, CloseReason.roleForbidden)
      return { ok: true, readOnly: false, grant: connection }
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
