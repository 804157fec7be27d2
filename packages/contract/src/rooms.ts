/**
 * A board has several Yjs rooms, each with its own document and its own write rule:
 * - `<id>`: the board itself (facilitators and editors write, viewers read);
 * - `<id>:facilitation`: the workshop state (timer, agenda, votes, follow, breakouts), written by facilitators only;
 * - `<id>:private:<key>`: one participant's private drafts and ballots, opened only by whoever holds the key.
 */
export type BoardRoom =
  | { channel: 'board'; boardId: string }
  | { channel: 'facilitation'; boardId: string }
  | { channel: 'private'; boardId: string; key: string }

const ID = '[A-Za-z0-9_-]{22}'
const ROOM_PATTERN = new RegExp(`^(${ID})(?::(facilitation)|:private:(${ID}))?$`)

export function roomName(room: BoardRoom): string {
  switch (room.channel) {
    case 'board':
      return room.boardId
    case 'facilitation':
      return `${room.boardId}:facilitation`
    case 'private':
      return `${room.boardId}:private:${room.key}`
  }
}

/** The room a document name stands for, or undefined for anything else (checked before any lookup). */
export function parseRoomName(name: string): BoardRoom | undefined {
  const match = ROOM_PATTERN.exec(name)
  if (!match) return undefined
  const boardId = match[1]!
  if (match[2]) return { channel: 'facilitation', boardId }
  if (match[3]) return { channel: 'private', boardId, key: match[3] }
  return { channel: 'board', boardId }
}

/** Prefix of every private room of a board, to find them all in storage. */
export function privateRoomPrefix(boardId: string): string {
  return `${boardId}:private:`
}
