import { describe, expect, it } from 'vitest'
import { boardView, breakoutBoardsView } from './boardView.ts'
import { isBoardId, newRandomId } from './boardIds.ts'

const board = {
  id: 'AAAAAAAAAAAAAAAAAAAAAA',
  title: 'Joint programme',
  createdAt: Date.UTC(2026, 11, 1),
  parentId: null,
}

describe('the API’s view of a board', () => {
  it('shows links to a facilitator only', () => {
    const links = { facilitator: '/b/x#token=f', editor: '/b/x#token=e', viewer: '/b/x#token=v' }
    expect(boardView(board, 'facilitator', links)).toEqual({
      id: board.id,
      title: 'Joint programme',
      createdAt: '2026-12-01T00:00:00.000Z',
      parentId: null,
      role: 'facilitator',
      links,
    })
    expect(boardView(board, 'editor')).not.toHaveProperty('links')
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
