/**
 * A board link is `/b/<id>#token=<secret>`. The secret stays in the fragment: browsers never send it to the
 * server with the page request, nor to other sites in a Referer header.
 */
import { PageRoutes } from '@cg/contract'

export function tokenFromHash(hash: string): string | undefined {
  return new URLSearchParams(hash.replace(/^#/, '')).get('token') || undefined
}

export function boardLink(boardId: string, token: string): string {
  return `${PageRoutes.board.path({ id: boardId })}#token=${token}`
}

/** The same board as an outline (a page that never loads the canvas), opened with the same link's secret. */
export function outlineLink(boardId: string, token: string): string {
  return `${PageRoutes.outline.path({ id: boardId })}#token=${token}`
}

/** The absolute form people paste into chat or e-mail. */
export function absoluteLink(path: string): string {
  return new URL(path, location.origin).href
}

let ownLinkReplaced = false

/** This page replaced its own link (every link of the board) and is about to reopen with the new one. */
export function markOwnLinkReplaced(): void {
  ownLinkReplaced = true
}

/** Whether the "link replaced" refusal that follows is this page's own doing (it reopens, nothing to say). */
export function isOwnLinkReplaced(): boolean {
  return ownLinkReplaced
}
