import { describe, expect, it } from 'vitest'
import { readBoardRecords } from './boardRecords.ts'
import { ShapeBoxes, shapeSize } from './shapeBoxes.ts'
import { toRichText } from './richText.ts'

const page = { id: 'page:p', typeName: 'page', index: 'a1', name: 'Page', meta: {} }
const shape = (id: string, parentId: string, fields: Record<string, unknown>) => ({
  id,
  typeName: 'shape',
  parentId,
  index: 'a1',
  x: 0,
  y: 0,
  rotation: 0,
  isLocked: false,
  opacity: 1,
  meta: {},
  ...fields,
})
const boxesOf = (...records: Record<string, unknown>[]) =>
  new ShapeBoxes(readBoardRecords(new Map([page, ...records].map((record) => [record.id as string, record]))))
const close = (actual: object | undefined, expected: Record<string, number>) => {
  expect(actual).toBeDefined()
  for (const [key, value] of Object.entries(expected))
    expect((actual as Record<string, number>)[key]).toBeCloseTo(value, 6)
}

describe('shape boxes from records', () => {
  it('sizes shapes by type: notes by scale and growth, geo with its growth, frames and blocks by w and h', () => {
    const [note, geo, frame, block, text] = [
      shape('shape:n', 'page:p', { type: 'note', props: { scale: 0.5, growY: 40 } }),
      shape('shape:g', 'page:p', { type: 'geo', props: { w: 300, h: 120, growY: 30 } }),
      shape('shape:f', 'page:p', { type: 'frame', props: { w: 800, h: 600 } }),
      shape('shape:c', 'page:p', { type: 'codraft', props: { w: 780, h: 420 } }),
      shape('shape:t', 'page:p', {
        type: 'text',
        props: { w: 260, size: 's', scale: 1, richText: toRichText('One line') },
      }),
    ]
    const read = readBoardRecords(new Map([note, geo, frame, block, text].map((record) => [record.id, record])))
    expect(shapeSize(read.shapes.get('shape:n')!)).toEqual({ w: 100, h: 120 })
    expect(shapeSize(read.shapes.get('shape:g')!)).toEqual({ w: 300, h: 150 })
    expect(shapeSize(read.shapes.get('shape:f')!)).toEqual({ w: 800, h: 600 })
    expect(shapeSize(read.shapes.get('shape:c')!)).toEqual({ w: 780, h: 420 })
    const oneLine = shapeSize(read.shapes.get('shape:t')!)
    expect(oneLine.w).toBe(260)
    expect(oneLine.h).toBeCloseTo(18 * 1.35)
  })

  it('gives a text more lines as its words grow, and a long word its own lines', () => {
    const size = (words: string) =>
      shapeSize(
        readBoardRecords(
          new Map([
            [
              'shape:t',
              shape('shape:t', 'page:p', { type: 'text', props: { w: 200, size: 'm', richText: toRichText(words) } }),
            ],
          ]),
        ).shapes.get('shape:t')!,
      ).h
    expect(size('a few words')).toBeLessThan(size('a few words that go on and on well past the width of the box'))
    expect(size('one\ntwo\nthree')).toBeCloseTo(3 * size('one'))
    expect(size('x'.repeat(60))).toBeGreaterThan(size('x'))
  })

  it('places a shape through its parents: offsets add up, a turned frame turns what is in it', () => {
    const boxes = boxesOf(
      shape('shape:frame', 'page:p', { type: 'frame', x: 1000, y: 500, props: { w: 800, h: 600 } }),
      shape('shape:group', 'shape:frame', { type: 'group', x: 100, y: 50, props: {} }),
      shape('shape:note', 'shape:group', { type: 'note', x: 10, y: 20, props: { scale: 1, growY: 0 } }),
      shape('shape:turned', 'page:p', { type: 'frame', x: 0, y: 0, rotation: Math.PI / 2, props: { w: 400, h: 200 } }),
      shape('shape:inside', 'shape:turned', { type: 'note', x: 100, y: 0, props: { scale: 0.5, growY: 0 } }),
    )
    close(boxes.pageBox('shape:note'), { x: 1110, y: 570, w: 200, h: 200 })
    // Turned a quarter clockwise about its corner: the frame's x axis points down the page.
    close(boxes.pageBox('shape:turned'), { x: -200, y: 0, w: 200, h: 400 })
    close(boxes.pageBox('shape:inside'), { x: -100, y: 100, w: 100, h: 100 })
    close(boxes.childSpace('shape:group'), { x: 1100, y: 550, rotation: 0 })
  })

  it('leaves out shapes whose parents lead nowhere or round in a loop, and malformed records', () => {
    const boxes = boxesOf(
      shape('shape:orphan', 'shape:missing', { type: 'note', props: {} }),
      shape('shape:a', 'shape:b', { type: 'frame', props: { w: 10, h: 10 } }),
      shape('shape:b', 'shape:a', { type: 'frame', props: { w: 10, h: 10 } }),
      shape('shape:bad', 'page:p', { type: 'note', x: 'left', props: {} }),
      shape('shape:ok', 'page:p', { type: 'note', x: 5, y: 6, props: { scale: 'big', growY: -50 } }),
    )
    expect(boxes.pageBox('shape:orphan')).toBeUndefined()
    expect(boxes.pageBox('shape:a')).toBeUndefined()
    expect(boxes.pageBox('shape:b')).toBeUndefined()
    expect(boxes.pageBox('shape:bad')).toBeUndefined()
    expect(boxes.pageBox('shape:ok')).toEqual({ x: 5, y: 6, w: 200, h: 200 })
  })
})
