import type * as Y from 'yjs'
import type { TLFrameShape, TLShapeId } from '@tldraw/tlschema'
import { getIndices } from '@tldraw/utils'
import { getMetaMap, getRecordsKeyValue, SCHEMA_KEY, writeEntries } from '@cg/tldraw-yjs/layout'
import { createNote, createTestStore, PAGE_ID } from '../../packages/tldraw-yjs/src/test/createTestStore.ts'

export const NOTES_PER_FRAME = 100

/**
 * Writes a board of `notes` notes into `doc` in one transaction: frames of 100 notes, ten to a row, five frames to a
 * row. Records are made and checked by tldraw's own schema (no editor in Node), then written as the binding writes.
 */
export function writeNoteBoard(doc: Y.Doc, notes: number): void {
  const store = createTestStore()
  const frames = Math.ceil(notes / NOTES_PER_FRAME)
  const frameIndices = getIndices(frames)
  const noteIndices = getIndices(NOTES_PER_FRAME)
  for (let f = 0; f < frames; f++) {
    const frameId = `shape:frame${f}` as TLShapeId
    store.put([
      store.schema.types.shape.create({
        id: frameId,
        type: 'frame',
        parentId: PAGE_ID,
        index: frameIndices[f + 1]!,
        x: (f % 5) * 2400,
        y: Math.floor(f / 5) * 2400,
        props: { w: 2200, h: 2200, name: `Frame ${f + 1}`, color: 'black' },
      }) as TLFrameShape,
    ])
    const inFrame = Math.min(NOTES_PER_FRAME, notes - f * NOTES_PER_FRAME)
    for (let n = 0; n < inFrame; n++) {
      createNote(store, `n${f}x${n}`, {
        parentId: frameId,
        index: noteIndices[n + 1]!,
        x: 20 + (n % 10) * 215,
        y: 20 + Math.floor(n / 10) * 215,
        text: `Idea ${f}.${n}`,
      })
    }
  }
  doc.transact(() => {
    writeEntries(getRecordsKeyValue(doc), new Map(Object.entries(store.serialize('document'))))
    getMetaMap(doc).set(SCHEMA_KEY, store.schema.serialize())
  })
}
