import type { Outline, OutlineInput, OutlineNote, OutlinePlace } from './outlineTypes.ts'
import { readBoardRecords } from './boardRecords.ts'
import { contentUnder, framePlace, type OutlineContext } from './frameOutline.ts'
import { looseAreas, type PageLooseNotes } from './looseNotes.ts'
import { outlineNoteOf } from './outlineNote.ts'
import { inReadingOrder } from './readingOrder.ts'
import { ShapeBoxes } from './shapeBoxes.ts'

/**
 * The board as an outline. Pure: same records, same outline. Every page's frames in reading order (frames inside
 * frames, through groups, in their frame), then the groups of notes outside every frame. Records that cannot be
 * read (malformed, or whose parents lead to no page) are left out; nothing here throws on what peers wrote.
 */
export function readOutline(input: OutlineInput): Outline {
  const board = readBoardRecords(input.records)
  const boxes = new ShapeBoxes(board)
  const context: OutlineContext = {
    input,
    reading: { catalog: input.catalog, language: input.language, rtl: input.rtl },
    board,
    boxes,
  }
  const frames: OutlinePlace[] = []
  const loose: PageLooseNotes[] = []
  for (const page of board.pages) {
    const content = contentUnder(board, page.id)
    const pageFrames = inReadingOrder(content.frames, (frame) => boxes.pageBox(frame.id)!, input.rtl).map((frame) =>
      framePlace(context, frame),
    )
    frames.push(...pageFrames)
    const notes = content.shapes.flatMap((shape) => {
      const note = outlineNoteOf(input, shape)
      const box = boxes.pageBox(shape.id)
      return note && box ? [{ note, box, index: shape.index }] : []
    })
    if (notes.length === 0) continue
    loose.push({
      pageId: page.id,
      notes,
      frames: pageFrames.map((place) => ({ label: place.label, box: boxes.pageBox(place.key)! })),
    })
  }
  const places = [...frames, ...looseAreas(loose, input.words, input.rtl)]

  const notes = new Map<string, { note: OutlineNote; placeKey: string }>()
  const placesByKey = new Map<string, OutlinePlace>()
  const register = (place: OutlinePlace) => {
    placesByKey.set(place.key, place)
    for (const note of place.notes) notes.set(note.id, { note, placeKey: place.key })
    place.places.forEach(register)
  }
  places.forEach(register)
  return { places, notes, placesByKey }
}
