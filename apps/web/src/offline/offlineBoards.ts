/**
 * What a board page needs before it can open a board, kept on this device for the next visit without a network:
 * the board's description as the server gave it for this link, and the client settings. The board's content
 * itself is in IndexedDB (BoardConnection's cache); the app's code in the service worker's cache.
 */
import type { BoardView, ClientConfig } from '@cg/contract'
import { boardCacheName } from '../board/BoardConnection.ts'

interface OfflineBoard {
  /** The link's secret this description was given for: another link may open the board with another role. */
  token: string
  view: BoardView
  config: ClientConfig
}

const PREFIX = 'cg.offlineBoard.'
const keyOf = (boardId: string) => `${PREFIX}${boardId}`

/** A board's description kept on this device: the workshop it belongs to, and the link it was given for. */
export interface KeptBoard {
  id: string
  /** Its plenary board, for a breakout board; else null. */
  parentId: string | null
  token: string
  /** Where it is kept in localStorage. */
  storageKey: string
}

export function saveOfflineBoard(token: string, view: BoardView, config: ClientConfig): void {
  // Links are secrets only a facilitator's screen needs, and only online: they are not kept for offline use.
  const { links: _links, ...withoutLinks } = view
  const entry: OfflineBoard = { token, view: withoutLinks, config }
  try {
    localStorage.setItem(keyOf(view.id), JSON.stringify(entry))
  } catch {
    // Storage full or blocked: the board still works online.
  }
}

export function findOfflineBoard(boardId: string, token: string): { view: BoardView; config: ClientConfig } | null {
  try {
    const entry = JSON.parse(localStorage.getItem(keyOf(boardId)) ?? 'null') as OfflineBoard | null
    if (!entry || entry.token !== token || entry.view?.id !== boardId || typeof entry.config !== 'object') return null
    return { view: entry.view, config: entry.config }
  } catch {
    return null
  }
}

export function forgetOfflineBoard(boardId: string): void {
  localStorage.removeItem(keyOf(boardId))
}

/** Every board description this device keeps (a workshop's breakouts among them, by their `parentId`). */
export function listKeptBoards(): KeptBoard[] {
  const kept: KeptBoard[] = []
  for (let i = 0; i < localStorage.length; i++) {
    const storageKey = localStorage.key(i)
    if (!storageKey?.startsWith(PREFIX)) continue
    try {
      const entry = JSON.parse(localStorage.getItem(storageKey) ?? 'null') as OfflineBoard | null
      const id = storageKey.slice(PREFIX.length)
      kept.push({ id, parentId: entry?.view?.parentId ?? null, token: entry?.token ?? '', storageKey })
    } catch {
      kept.push({ id: storageKey.slice(PREFIX.length), parentId: null, token: '', storageKey })
    }
  }
  return kept
}

/**
 * The boards this browser can open with no network: their description is kept, their content is in IndexedDB,
 * and the app itself is cached by the service worker.
 */
export async function boardsAvailableOffline(boardIds: readonly string[]): Promise<Set<string>> {
  const available = new Set<string>()
  if (!('serviceWorker' in navigator) || !(await navigator.serviceWorker.getRegistration())) return available
  const databases = new Set(
    typeof indexedDB.databases === 'function' ? (await indexedDB.databases()).map((db) => db.name) : [],
  )
  for (const id of boardIds) {
    if (localStorage.getItem(keyOf(id)) !== null && databases.has(boardCacheName(id))) available.add(id)
  }
  return available
}
