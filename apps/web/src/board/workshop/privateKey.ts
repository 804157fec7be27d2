/**
 * The key of this person's private room on a board: random, kept on this device. Whoever knows it can open
 * the room, so it never leaves the browser except in the websocket URL of its own connection.
 */
export function privateRoomKey(boardId: string): string {
  const storageKey = `cg.privateKey.${boardId}`
  const existing = localStorage.getItem(storageKey)
  if (existing && /^[A-Za-z0-9_-]{22}$/.test(existing)) return existing
  const bytes = crypto.getRandomValues(new Uint8Array(16))
  const key = btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '')
  localStorage.setItem(storageKey, key)
  return key
}
