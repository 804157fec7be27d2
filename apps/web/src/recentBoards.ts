/** Boards opened on this device, newest first, so people find their workshop again without the link. */

export interface RecentBoard {
  id: string
  title: string
  openedAt: number
}

const STORAGE_KEY = 'cg.recentBoards'
const MAX_RECENT = 20

export function listRecentBoards(): RecentBoard[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '[]')
    if (!Array.isArray(parsed)) return []
    return parsed.filter(
      (item): item is RecentBoard =>
        typeof item?.id === 'string' && typeof item?.title === 'string' && typeof item?.openedAt === 'number',
    )
  } catch {
    return []
  }
}

export function rememberRecentBoard(board: { id: string; title: string }): void {
  const rest = listRecentBoards().filter((item) => item.id !== board.id)
  const next = [{ id: board.id, title: board.title, openedAt: Date.now() }, ...rest].slice(0, MAX_RECENT)
  localStorage.setItem(STORAGE_KEY, JSON.stringify(next))
}
