import { randomBytes } from 'node:crypto'

// 16 random bytes = 128 bits: the board link is a secret, so its id must not be guessable.
const ID_BYTES = 16
const ID_PATTERN = /^[A-Za-z0-9_-]{22}$/

export function newBoardId(): string {
  return randomBytes(ID_BYTES).toString('base64url')
}

/** Cheap shape check before any storage lookup, so junk ids never reach the database. */
export function isBoardId(value: string): boolean {
  return ID_PATTERN.test(value)
}

export function newAssetId(): string {
  return randomBytes(ID_BYTES).toString('base64url')
}
