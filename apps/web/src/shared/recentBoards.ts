/** Boards opened on this device, newest first, so people find their workshop again without the link. */
import { hasRole, isBoardRole, PageRoutes, type BoardRole } from '@cg/contract'

export interface RecentBoard {
  id: string
  title: string
  openedAt: number
  /** The link it was opened with, secret included: reopening needs it. Kept on this device only. */
  link: string
  role: BoardRole
}

const STORAGE_KEY = 'cg.recentBoards'
const MAX_RECENT = 20

export function listRecentBoards(): RecentBoard[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '[]')
    if (!Array.isArray(parsed)) return []
    return parsed.flatMap((item): RecentBoard[] => {
      if (typeof item?.id !== 'string' || typeof item?.title !== 'string' || typeof item?.openedAt !== 'number') {
        return []
      }
      // Entries saved before links had roles hold no link: their plain link still opens such a board.
      const link = typeof item.link === 'string' ? item.link : PageRoutes.board.path({ id: item.id })
      return [
        {
          id: item.id,
          title: item.title,
          openedAt: item.openedAt,
          link,
          role: isBoardRole(item.role) ? item.role : 'editor',
        },
      ]
    })
  } catch {
    return []
  }
}

/**
 * Remembers a board as opened now. The link with the most rights is kept: a facilitator who checks the viewer
 * link in the same browser must not lose the facilitator link (the server cannot show it again without it).
 */
export function rememberRecentBoard(board: {
  id: string
  title: string
  link: string
  role: BoardRole
  /** The previous link was replaced: keep this one even if the old one had more rights. */
  replacesLink?: boolean
}): void {
  const all = listRecentBoards()
  const previous = all.find((item) => item.id === board.id)
  const keepPrevious = !board.replacesLink && previous !== undefined && !hasRole(board.role, previous.role)
  const { replacesLink: _replaces, ...remembered } = board
  const entry: RecentBoard = {
    ...remembered,
    ...(keepPrevious ? { link: previous.link, role: previous.role } : {}),
    openedAt: Date.now(),
  }
  const next = [entry, ...all.filter((item) => item.id !== board.id)].slice(0, MAX_RECENT)
  localStorage.setItem(STORAGE_KEY, JSON.stringify(next))
}

export function findRecentBoard(id: string): RecentBoard | undefined {
  return listRecentBoards().find((item) => item.id === id)
}

/** Drops boards from the list (a deleted workshop's, a replaced link's): the home page no longer shows them. */
export function forgetRecentBoards(ids: readonly string[]): void {
  if (ids.length === 0) return
  const next = listRecentBoards().filter((item) => !ids.includes(item.id))
  localStorage.setItem(STORAGE_KEY, JSON.stringify(next))
}
