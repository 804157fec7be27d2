import { describe, expect, it } from 'vitest'
import { readOutline } from './readOutline.ts'
import { PAGE_ID, TestBoard } from './test/testBoard.ts'
import { placeAt, shapeOnPage } from './whereOnBoard.ts'

describe('where things are on the canvas', () => {
  it('finds the innermost place under a point: a cell, a level of the model, a frame, a group outside frames', () => {
    const board = new TestBoard()
    const logframe = board.addTemplate('logframe', 'en', { x: 0, y: 0 })
    const model = board.addTemplate('social-ecological-model', 'en', { x: 2000, y: 0 })
    const loose = board.addNote('Loose', { x: -1000, y: 0 })
    board.records.set('page:two', { id: 'page:two', typeName: 'page', name: 'Two', index: 'a5', meta: {} })
    const outline = readOutline(board.input('en'))
    const at = (x: number, y: number, page = PAGE_ID) => placeAt(board.records, outline, page, { x, y })?.key
    const cell = board.middleOf(logframe, { part: 'grid-cell', row: 'outcome-1', column: 'target' })
    expect(at(cell.x, cell.y)).toBe(`${logframe}/outcome-1:target`)
    const child = board.middleOf(model, { part: 'box', element: 'child' })
    expect(at(2000 + child.x, child.y)).toBe(`${model}/child`)
    expect(at(2000 + 150, 250)).toBe(`${model}/community`)
    expect(at(2000 + 10, 10)).toBe(model)
    expect(at(-900, 100)).toBe(readOutline(board.input('en')).notes.get(loose)!.placeKey)
    expect(at(5000, 5000)).toBeUndefined()
    expect(at(cell.x, cell.y, 'page:two')).toBeUndefined()
  })

  it('tells where a shape is on its page', () => {
    const board = new TestBoard()
    const frame = board.addFrame('Frame', { x: 100, y: 200, w: 800, h: 600 })
    const note = board.addNote('In it', { x: 10, y: 20 }, frame, { props: { scale: 0.5 } })
    expect(shapeOnPage(board.records, note)).toEqual({ pageId: PAGE_ID, box: { x: 110, y: 220, w: 100, h: 100 } })
    expect(shapeOnPage(board.records, 'shape:missing')).toBeUndefined()
  })
})
