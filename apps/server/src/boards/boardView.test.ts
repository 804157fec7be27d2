import { describe, expect, it } from 'vitest'
import { boardView, breakoutBoardsView, retentionView } from './boardView.ts'
import { isBoardId, newRandomId } from './boardIds.ts'

const board = {
  id: 'AAAAAAAAAAAAAAAAAAAAAA',
  title: 'Joint programme',
  createdAt: Date.UTC(2026, 11, 1),
  parentId: null,
}

const never = { deleteOn: null, linksExpireAt: null, idleDeleteOn: null }
const DAY_MS = 24 * 3_600_000

describe('the API’s view of a board', () => {
  it('shows links to a facilitator only, and the retention to everyone', () => {
    const links = { facilitator: '/b/x#token=f', editor: '/b/x#token=e', viewer: '/b/x#token=v' }
    expect(boardView(board, 'facilitator', never, links)).toEqual({
      id: board.id,
      title: 'Joint programme',
      createdAt: '2026-12-01T00:00:00.000Z',
      parentId: null,
      role: 'facilitator',
      links,
      retention: never,
    })
    expect(boardView(board, 'editor', never)).not.toHaveProperty('links')
    expect(boardView(board, 'viewer', never).retention).toEqual(never)
  })

  it('shows a workshop’s dates, and when idle retention deletes it: from its creation, then from its last opening', () => {
    expect(retentionView(board, null)).toEqual(never)
    const dated = { ...board, retention: { deleteOn: Date.UTC(2027, 2, 31), linksExpireAt: null } }
    expect(retentionView(dated, 30 * DAY_MS)).toEqual({
      deleteOn: '2027-03-31T00:00:00.000Z',
      linksExpireAt: null,
      idleDeleteOn: '2026-12-31T00:00:00.000Z',
    })
    const opened = { ...board, openedAt: Date.UTC(2027, 0, 10), retention: { deleteOn: null, linksExpireAt: 0 } }
    expect(retentionView(opened, 0.5 * DAY_MS)).toEqual({
      deleteOn: null,
      linksExpireAt: '1970-01-01T00:00:00.000Z',
      idleDeleteOn: '2027-01-10T12:00:00.000Z',
    })
  })

  it('lists breakout boards by id, title and when the group started only', () => {
    const breakout = { ...board, id: 'BBBBBBBBBBBBBBBBBBBBBB', title: 'Group 1', parentId: board.id }
    expect(breakoutBoardsView([breakout])).toEqual({
      boards: [{ id: breakout.id, title: 'Group 1', createdAt: breakout.createdAt }],
    })
  })
})

describe('board ids', () => {
  it('are 128 random bits, URL-safe, and checked by shape before any lookup', () => {
    const ids = new Set(Array.from({ length: 100 }, newRandomId))
    expect(ids.size).toBe(100)
    for (const id of ids) expect(isBoardId(id)).toBe(true)
    for (const id of ['', 'short', `${board.id}A`, 'AAAAAAAAAAAAAAAAAAAA/.', "AAAAAAAAAAAAAAAAAAAA'A"]) {
      expect(isBoardId(id)).toBe(false)
    }
  })
})
