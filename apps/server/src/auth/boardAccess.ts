import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import { PageRoutes, type BoardLinks, type BoardRole } from '@cg/contract'
import type { BoardAccess, BoardRecord, BoardStorage, StoredDeletion } from '@cg/storage'
import { findBoard } from '../boards/boardIds.ts'
import { isInternalViewerToken } from './internalTokens.ts'

/** The secret of each role's link. Only the facilitator's is random; the others derive from it. */
export type RoleTokens = Record<BoardRole, string>

// 32 random bytes: a link token must resist guessing far beyond the board id's 128 bits.
const TOKEN_BYTES = 32
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/

function hashToken(token: string): Uint8Array {
  return createHash('sha256').update(token).digest()
}

/**
 * Editor and viewer tokens are an HMAC of the facilitator token: the server can show a facilitator the links
 * again (it stores only hashes), and a new salt revokes them without touching the facilitator's own link.
 */
function deriveToken(facilitatorToken: string, role: 'editor' | 'viewer', salt: string): string {
  return createHmac('sha256', facilitatorToken).update(`${role}:${salt}`).digest('base64url')
}

function accessFor(facilitatorToken: string, linkSalt: string): { access: BoardAccess; tokens: RoleTokens } {
  const tokens: RoleTokens = {
    facilitator: facilitatorToken,
    editor: deriveToken(facilitatorToken, 'editor', linkSalt),
    viewer: deriveToken(facilitatorToken, 'viewer', linkSalt),
  }
  const access: BoardAccess = {
    facilitatorHash: hashToken(tokens.facilitator),
    editorHash: hashToken(tokens.editor),
    viewerHash: hashToken(tokens.viewer),
    linkSalt,
  }
  return { access, tokens }
}

const newSalt = () => randomBytes(16).toString('base64url')

/** Fresh secrets for a new board. */
export function issueAccess(): { access: BoardAccess; tokens: RoleTokens } {
  return accessFor(randomBytes(TOKEN_BYTES).toString('base64url'), newSalt())
}

/** New editor and viewer secrets; the facilitator's stays. */
export function rotateAccess(facilitatorToken: string): { access: BoardAccess; tokens: RoleTokens } {
  return accessFor(facilitatorToken, newSalt())
}

/** The current tokens, re-derived from the facilitator's (who alone can ask for them). */
export function currentTokens(access: BoardAccess, facilitatorToken: string): RoleTokens {
  return accessFor(facilitatorToken, access.linkSalt).tokens
}

/** Which role a token opens, compared in constant time so response timing reveals nothing. */
export function roleOfToken(access: BoardAccess, token: string | undefined): BoardRole | undefined {
  if (!token || !TOKEN_PATTERN.test(token)) return undefined
  const hash = hashToken(token)
  const matches = (stored: Uint8Array) => stored.byteLength === hash.byteLength && timingSafeEqual(stored, hash)
  if (matches(access.facilitatorHash)) return 'facilitator'
  if (matches(access.editorHash)) return 'editor'
  if (matches(access.viewerHash)) return 'viewer'
  return undefined
}

/**
 * Names the link a role opens a board with, as stored now (its hash, which is no secret): a connection keeps the
 * name it was let in with, and when the stored one differs, its link was replaced.
 */
export function linkStampOf(access: BoardAccess, role: BoardRole): string {
  const hashes: Record<BoardRole, Uint8Array> = {
    facilitator: access.facilitatorHash,
    editor: access.editorHash,
    viewer: access.viewerHash,
  }
  return Buffer.from(hashes[role]).toString('hex')
}

/** Page links carry the token in the fragment: browsers never send it to the server or in a Referer. */
export function linksFor(boardId: string, tokens: RoleTokens): BoardLinks {
  const link = (token: string) => `${PageRoutes.board.path({ id: boardId })}#token=${token}`
  return { facilitator: link(tokens.facilitator), editor: link(tokens.editor), viewer: link(tokens.viewer) }
}

/** What a valid link opens: the board, its workshop's links and the link's role. */
interface Opened {
  board: BoardRecord
  /** The plenary board whose links govern this one (the board itself unless it is a breakout). */
  plenary: BoardRecord
  /** Undefined for a board made before links had roles: its plain link opens it as an editor. */
  access: BoardAccess | undefined
  role: BoardRole
}

export type BoardGrant =
  | ({ kind: 'granted' } & Opened)
  /** A valid link to a workshop in the trash: nothing of it is served, but its facilitator may undo or purge. */
  | ({ kind: 'deleted'; deletion: StoredDeletion } & Opened)
  /** A participant's or viewer's link past the expiry date its facilitator set: it opens nothing any more. */
  | { kind: 'expired'; linksExpireAt: number }
  | { kind: 'not-found' }
  | { kind: 'unauthorized' }

/**
 * Who a token makes its bearer on a board at `now`. Breakout boards are opened with their plenary board's links. A
 * workshop in the trash is said to be so only to a valid link (any other gets `unauthorized`, as for a board that
 * exists). Once the plenary's links expired, only its facilitator's link (and the server's own export tokens) open
 * it; an expired link is told so, since telling it reveals nothing it did not open before.
 */
export async function grantFor(
  storage: BoardStorage,
  boardId: string,
  token: string | undefined,
  now: number = Date.now(),
): Promise<BoardGrant> {
  const board = await findBoard(storage, boardId)
  if (!board) return { kind: 'not-found' }
  const plenary = board.parentId ? await storage.getBoard(board.parentId) : board
  if (!plenary) return { kind: 'not-found' }
  const access = await storage.getBoardAccess(plenary.id)
  const internal = isInternalViewerToken(token, plenary.id)
  const role = internal ? 'viewer' : access ? roleOfToken(access, token) : 'editor'
  if (!role) return { kind: 'unauthorized' }
  const linksExpireAt = plenary.retention?.linksExpireAt ?? null
  if (linksExpireAt !== null && linksExpireAt <= now && role !== 'facilitator' && !internal) {
    return { kind: 'expired', linksExpireAt }
  }
  const deletion = plenary.deletion ?? board.deletion
  return deletion
    ? { kind: 'deleted', deletion, board, plenary, access, role }
    : { kind: 'granted', board, plenary, access, role }
}
