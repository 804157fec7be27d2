import { randomBytes } from 'node:crypto'

/**
 * Viewer tokens that exist only inside this process, for the server's own tools (the command-line PDF export
 * opens boards in headless Chromium without anyone's link). None exist unless a tool makes one; they are never
 * stored and die with the process.
 */
const tokens = new Set<string>()

export function issueInternalViewerToken(): string {
  const token = randomBytes(32).toString('base64url')
  tokens.add(token)
  return token
}

export function revokeInternalViewerToken(token: string): void {
  tokens.delete(token)
}

export function isInternalViewerToken(token: string | undefined): boolean {
  return token !== undefined && tokens.has(token)
}
