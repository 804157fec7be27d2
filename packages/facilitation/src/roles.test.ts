import { describe, expect, it } from 'vitest'
import { canEditBoard, isBoardRole, parseRoomName, privateRoomPrefix, roomName } from './roles.ts'

const id = 'AAAAAAAAAAAAAAAAAAAAAA'
const key = 'BBBBBBBBBBBBBBBBBBBBBB'

describe('room names', () => {
  it('round-trip every channel', () => {
    for (const room of [
      { channel: 'board', boardId: id },
      { channel: 'facilitation', boardId: id },
      { channel: 'private', boardId: id, key },
    ] as const) {
      expect(parseRoomName(roomName(room))).toEqual(room)
    }
    expect(roomName({ channel: 'private', boardId: id, key }).startsWith(privateRoomPrefix(id))).toBe(true)
  })

  it('refuse anything else', () => {
    for (const name of ['', id.slice(1), `${id}:other`, `${id}:private:`, `${id}:private:short`, `${id}/x`]) {
      expect(parseRoomName(name)).toBeUndefined()
    }
  })

  it('know which roles edit', () => {
    expect(['facilitator', 'editor', 'viewer'].map((role) => isBoardRole(role) && canEditBoard(role))).toEqual([
      true,
      true,
      false,
    ])
    expect(isBoardRole('admin')).toBe(false)
  })
})
