import { randomBytes } from 'node:crypto'

/**
 * Viewer tokens that exist only inside this process, for the server's own tools (a PDF export opens boards in
 * headless Chromium without anyone's link). Each opens one workshop only, the plenary board it was made for and
 * that plenary's breakout boards; none exist unless a tool makes one; they are never stored and die with the
 * process. With several processes this is enough: the renderer opens the board on its own process's address,
 * never through the load balancer, so the process that made a token is the one that checks it.
 */
const tokens = new Map<string, string>()

/** A token for one export of the workshop whose plenary board is `plenaryId`. */
export function issueInternalViewerToken(plenaryId: string): string {
  const token = randomBytes(32).toString('base64url')
  tokens.set(token, plenaryId)
  return token
}

export function revokeInternalViewerToken(token: string): void {
  tokens.delete(token)
}

/** Whether `token` is an internal viewer token for the workshop of plenary board `plenaryId`. */
export function isInternalViewerToken(token: string | undefined, plenaryId: string): boolean {
  return token !== undefined && tokens.get(token) === plenaryId
}
