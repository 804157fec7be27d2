const storageKeyOf = (boardId: string) => `cg.privateKey.${boardId}`

/**
 * The key of this person's private room on a board: random, kept on this device. Whoever knows it can open
 * the room, so it never leaves the browser except in the websocket URL of its own connection.
 */
export function privateRoomKey(boardId: string): string {
  const existing = keptPrivateRoomKey(boardId)
  if (existing) return existing
  const bytes = crypto.getRandomValues(new Uint8Array(16))
  const key = btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '')
  localStorage.setItem(storageKeyOf(boardId), key)
  return key
}

/** The key this device keeps for its private room on a board, if any (without making one). */
export function keptPrivateRoomKey(boardId: string): string | null {
  const existing = localStorage.getItem(storageKeyOf(boardId))
  return existing && /^[A-Za-z0-9_-]{22}$/.test(existing) ? existing : null
}
