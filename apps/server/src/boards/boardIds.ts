import { randomBytes } from 'node:crypto'
import type { BoardRecord, BoardStorage } from '@cg/storage'

// 16 random bytes = 128 bits: the board link is a secret, so its id must not be guessable.
const ID_BYTES = 16
const ID_PATTERN = /^[A-Za-z0-9_-]{22}$/

/** A fresh id for a board or an asset: unguessable, URL-safe. */
export function newRandomId(): string {
  return randomBytes(ID_BYTES).toString('base64url')
}

/** Cheap shape check before any storage lookup, so junk ids never reach the database. */
export function isBoardId(value: string): boolean {
  return ID_PATTERN.test(value)
}

/** The board with this id, if the id has the right shape and the board exists. */
export async function findBoard(storage: BoardStorage, id: string): Promise<BoardRecord | undefined> {
  return isBoardId(id) ? storage.getBoard(id) : undefined
}
