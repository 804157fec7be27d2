import { describe, expect, it } from 'vitest'
import { FileReferences } from './fileReferences.ts'

const asset = (id: string, src: string) => ({ [id]: { id, typeName: 'asset', type: 'image', props: { src } } })
const image = (id: string, assetId: string) => ({ [id]: { id, typeName: 'shape', type: 'image', props: { assetId } } })
const note = (id: string, url: string) => ({ [id]: { id, typeName: 'shape', type: 'note', props: { url } } })

describe('FileReferences', () => {
  it('counts a file shown by a shape through its asset record, not an asset record no shape uses', () => {
    const references = new FileReferences()
    references.addRecords({
      ...asset('asset:shown', '/api/boards/board1/assets/f1'),
      ...asset('asset:left', '/api/boards/board1/assets/f2'),
      ...image('shape:1', 'asset:shown'),
    })
    expect(references.filesOf('board1')).toEqual(new Set(['f1']))
    expect(references.filesOf('board2')).toEqual(new Set())
  })

  it('joins shapes and asset records read from different documents and versions of the workshop', () => {
    const references = new FileReferences()
    // A version's difference sets the shape; the asset record came in an older whole version, or another board.
    references.addRecords(asset('asset:a', 'https://cg.example.org/api/boards/breakout/assets/f%2D1'))
    references.addRecords(image('shape:copy', 'asset:a'))
    // The same asset record seen with another address later: both are kept.
    references.addRecords(asset('asset:a', '/api/boards/plenary/assets/f3'))
    expect(references.filesOf('breakout')).toEqual(new Set(['f-1']))
    expect(references.filesOf('plenary')).toEqual(new Set(['f3']))
  })

  it('counts an address named anywhere else in a record, or typed in a co-drafted text', () => {
    const references = new FileReferences()
    references.addRecords(note('shape:n', 'see /api/boards/b/assets/linked?download'))
    references.addRecords({
      'shape:odd': null,
      'instance:x': { typeName: 'instance', meta: { deep: [['/api/boards/b/assets/meta']] } },
    })
    references.addTexts({ 'codraft:shape:n': 'the photo: /api/boards/b/assets/typed here' })
    expect(references.filesOf('b')).toEqual(new Set(['linked', 'meta', 'typed']))
  })
})
