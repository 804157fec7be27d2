/**
 * What this device keeps of a workshop, and which of it to forget, worked out from a snapshot of the device's
 * storage (pure: forgetBoard.ts reads the snapshot and does the forgetting). A workshop is its plenary board and
 * its breakouts: they are deleted together, and a breakout is opened with its plenary's links.
 */
import { roomName } from '@cg/contract'
import { boardCacheName } from '../board/BoardConnection.ts'

/**
 * - `deleted`: the workshop is gone, or this person may no longer know it: forget everything of it.
 * - `in-trash`: the facilitator's own link, while the workshop is in the trash: forget its content, keep the home
 *   page's entry (the facilitator link to undo the deletion from, before the purge).
 * - `link-replaced`: this link was replaced: forget the workshop's content and what was kept for this link; keep
 *   this person's private-room keys (their drafts are theirs to reach again with the new link).
 * - `link-expired`: this link reached the expiry date the facilitator set, and will not work again: forget
 *   everything of the workshop, but the home page's entries opened with another link of it (a facilitator's
 *   never expires), which still open it.
 */
export type ForgetReason = 'deleted' | 'in-trash' | 'link-replaced' | 'link-expired'

/** What the device holds, as forgetBoard.ts reads it. */
export interface DeviceSnapshot {
  /** Board descriptions kept for offline opening (offline/), with the plenary a breakout belongs to. */
  kept: readonly { id: string; parentId: string | null; token: string; storageKey: string }[]
  /** The home page's list: each board's id and the link it reopens with. */
  recent: readonly { id: string; link: string }[]
  localStorageKeys: readonly string[]
  sessionStorage: readonly (readonly [key: string, value: string])[]
  /** The IndexedDB databases of this origin, or null where the browser cannot list them. */
  databases: readonly string[] | null
  /** The key of this person's private room on a board, where this device keeps one. */
  privateKeys: Readonly<Record<string, string>>
}

export interface ForgetPlan {
  /** The workshop's boards this device knows of: the plenary first. */
  boardIds: string[]
  databases: string[]
  localStorageKeys: string[]
  sessionStorageKeys: string[]
  /** Entries of the home page's list to drop. */
  recentIds: string[]
}

/** The workshop's boards this device knows of, the plenary first: `boardId`, its plenary and the plenary's breakouts. */
export function workshopBoardIds(boardId: string, kept: DeviceSnapshot['kept']): string[] {
  const plenaryId = kept.find((board) => board.id === boardId)?.parentId ?? boardId
  const breakouts = kept.filter((board) => board.parentId === plenaryId).map((board) => board.id)
  return [...new Set([plenaryId, boardId, ...breakouts])]
}

/**
 * The IndexedDB databases that cache a board's rooms (see BoardConnection): the board, its workshop room, and
 * this person's private room. Every one the browser lists, and, where it cannot list them, the names this device
 * would have used.
 */
export function boardDatabases(
  boardId: string,
  databases: DeviceSnapshot['databases'],
  privateKey: string | undefined,
): string[] {
  const own = boardCacheName(boardId)
  const known = [
    own,
    boardCacheName(roomName({ channel: 'facilitation', boardId })),
    ...(privateKey ? [boardCacheName(roomName({ channel: 'private', boardId, key: privateKey }))] : []),
  ]
  const listed = (databases ?? []).filter((name) => name === own || name.startsWith(`${own}:`))
  return [...new Set([...known, ...listed])]
}

/** The token a board link carries (`/b/<id>#token=…`), or '' for none. */
export function tokenOfLink(link: string): string {
  return new URLSearchParams(link.split('#')[1] ?? '').get('token') ?? ''
}

/** What to forget of the workshop `boardId` belongs to, for `reason`; `token` is the link this page opened it with. */
export function planForgetting(
  boardId: string,
  reason: ForgetReason,
  token: string,
  device: DeviceSnapshot,
): ForgetPlan {
  const boardIds = workshopBoardIds(boardId, device.kept)
  const databases = boardIds.flatMap((id) => boardDatabases(id, device.databases, device.privateKeys[id]))
  const mentionsBoard = (text: string) => boardIds.some((id) => text.includes(id))
  const inWorkshop = (id: string) => boardIds.includes(id)

  if (reason === 'link-replaced') {
    return {
      boardIds,
      databases,
      localStorageKeys: device.kept
        .filter((board) => inWorkshop(board.id) && board.token === token)
        .map((board) => board.storageKey),
      sessionStorageKeys: [],
      recentIds: device.recent
        .filter((board) => inWorkshop(board.id) && tokenOfLink(board.link) === token)
        .map((board) => board.id),
    }
  }
  // The facilitator undoes the deletion from the plenary's entry (a breakout's is dropped: it reopens from there).
  const keepsRecent = (board: DeviceSnapshot['recent'][number]) =>
    reason === 'in-trash' ? board.id === boardIds[0] : reason === 'link-expired' && tokenOfLink(board.link) !== token
  return {
    boardIds,
    databases,
    localStorageKeys: device.localStorageKeys.filter(mentionsBoard),
    sessionStorageKeys: device.sessionStorage
      .filter(([key, value]) => mentionsBoard(key) || mentionsBoard(value))
      .map(([key]) => key),
    recentIds: device.recent.filter((board) => inWorkshop(board.id) && !keepsRecent(board)).map((board) => board.id),
  }
}
