/** Boards opened on this device, newest first, so people find their workshop again without the link. */

export interface RecentBoard {
  id: string
  title: string
  openedAt: number
  /** The link it was opened with, secret included: reopening needs it. Kept on this device only. */
  link: string
}

const STORAGE_KEY = 'cg.recentBoards'
const MAX_RECENT = 20

export function listRecentBoards(): RecentBoard[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '[]')
    if (!Array.isArray(parsed)) return []
    return parsed.filter(
      (item): item is RecentBoard =>
        typeof item?.id === 'string' &&
        typeof item?.title === 'string' &&
        typeof item?.openedAt === 'number' &&
        typeof item?.link === 'string',
    )
  } catch {
    return []
  }
}

export function rememberRecentBoard(board: { id: string; title: string; link: string }): void {
  const rest = listRecentBoards().filter((item) => item.id !== board.id)
  const next = [{ ...board, openedAt: Date.now() }, ...rest].slice(0, MAX_RECENT)
  localStorage.setItem(STORAGE_KEY, JSON.stringify(next))
}

export function findRecentBoard(id: string): RecentBoard | undefined {
  return listRecentBoards().find((item) => item.id === id)
}
